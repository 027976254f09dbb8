import type { ContractCase } from "../contract-case.js";

const apiMode = { mode: "api" };
const session = { session_id: "5e2d8f1a-3c4b-4d5e-9f60-7a8b9c0d1e03" };

export const cases: ContractCase[] = [
  ...["first_page", "last_page", "empty", "legacy_page"].map((example) => ({
    operationId: "listAgentModeSessions",
    params: { path: apiMode },
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listAgentModeSessions",
    title: "cursor page after a cursor",
    params: { path: apiMode, query: { limit: 50, after: "bGFzdF9wYWdl" } },
    status: 200,
  },
  {
    operationId: "listAgentModeSessions",
    title: "deprecated page and per_page at their caps",
    params: { path: apiMode, query: { page: 50, per_page: 100 } },
    status: 200,
  },
  {
    operationId: "listAgentModeSessions",
    title: "limit above 100",
    params: { path: apiMode, query: { limit: 101 } },
    status: 422,
    messageIncludes: "limit",
  },
  {
    operationId: "listAgentModeSessions",
    title: "deprecated page 0",
    params: { path: apiMode, query: { page: 0 } },
    status: 422,
    messageIncludes: "page",
  },
  {
    operationId: "listAgentModeSessions",
    title: "deprecated page past 50",
    params: { path: apiMode, query: { page: 51 } },
    status: 422,
    messageIncludes: "page",
  },
  {
    operationId: "listAgentModeSessions",
    title: "deprecated per_page 0",
    params: { path: apiMode, query: { per_page: 0 } },
    status: 422,
    messageIncludes: "per_page",
  },
  {
    operationId: "listAgentModeSessions",
    title: "a cursor the list did not issue",
    params: { path: apiMode, query: { limit: 20, after: "bm90LWEtY3Vyc29y" } },
    prefer: { code: 400, example: "invalid_cursor" },
    status: 400,
    messageIncludes: "Invalid cursor",
  },
  {
    operationId: "listAgentModeSessions",
    title: "page-number window exceeded",
    params: { path: apiMode, query: { page: 50, per_page: 100 } },
    prefer: { code: 400, example: "legacy_window_exceeded" },
    status: 400,
    messageIncludes: "legacy_offset_pagination_limit_exceeded",
  },
  {
    operationId: "listAgentModeSessions",
    title: "unknown mode",
    params: { path: { mode: "no-such-mode" } },
    prefer: { code: 422, example: "unknown_mode" },
    status: 422,
    messageIncludes: "Unknown mode",
  },
  {
    operationId: "listAgentModeSessions",
    title: "without X-API-Key",
    params: { path: apiMode },
    withoutApiKey: true,
    status: 401,
  },

  ...["with_runs", "new_session"].map((example) => ({
    operationId: "getAgentSession",
    params: { path: session },
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "getAgentSession",
    title: "a cursor page of the runs",
    params: { path: session, query: { limit: 10, before: "Zmlyc3RfcGFnZQ==" } },
    status: 200,
  },
  {
    operationId: "getAgentSession",
    title: "session_id is not a UUID",
    params: { path: { session_id: "template-audit" } },
    status: 422,
    messageIncludes: "session_id",
  },
  {
    operationId: "getAgentSession",
    title: "deprecated per_page above 100",
    params: { path: session, query: { per_page: 101 } },
    status: 422,
    messageIncludes: "per_page",
  },
  {
    operationId: "getAgentSession",
    title: "a cursor the runs did not issue",
    params: { path: session, query: { after: "bm90LWEtY3Vyc29y" } },
    prefer: { code: 400, example: "invalid_cursor" },
    status: 400,
    messageIncludes: "Invalid cursor",
  },
  {
    operationId: "getAgentSession",
    title: "a session of another API key",
    params: { path: session },
    prefer: { code: 404, example: "session_not_found" },
    status: 404,
    messageIncludes: "record_not_found: Session not found.",
  },
];
