import type { ContractCase } from "../contract-case.js";

const run = { run_id: "7b3f1c2e-9d4a-4e6b-8f10-2a3b4c5d6e08" };
const approval = { ...run, approval_id: "2f4e6a8c-0b1d-4e3f-9a5b-7c9d1e3f5a01" };
const ask = { mode: "api", input: { prompt: "Which of our message templates are still in review?" } };

export const cases: ContractCase[] = [
  {
    operationId: "createAgentRun",
    title: "a prompt in a new session",
    body: { ...ask, metadata: { ticket: "OPS-1182" } },
    prefer: { example: "queued" },
    status: 202,
  },
  {
    operationId: "createAgentRun",
    title: "continue a session",
    body: {
      mode: "api",
      conversation_id: "5e2d8f1a-3c4b-4d5e-9f60-7a8b9c0d1e03",
      input: { prompt: "Now list the ones that were rejected." },
    },
    prefer: { example: "continued" },
    status: 202,
  },
  {
    operationId: "createAgentRun",
    title: "investigate a finding",
    body: { mode: "findings-investigator", input: { finding_id: "3c9a1e7f-2b4d-4c6e-8a0f-1d2e3f4a5b01" } },
    status: 202,
  },
  {
    operationId: "createAgentRun",
    title: "without input",
    body: { mode: "api" },
    status: 422,
    messageIncludes: "input",
  },
  {
    operationId: "createAgentRun",
    title: "without mode",
    body: { input: ask.input },
    status: 422,
    messageIncludes: "mode",
  },
  {
    operationId: "createAgentRun",
    title: "conversation_id is not a UUID",
    body: { ...ask, conversation_id: "template-audit" },
    status: 422,
    messageIncludes: "conversation_id",
  },
  {
    operationId: "createAgentRun",
    title: "finding_id is not a UUID",
    body: { mode: "findings-investigator", input: { finding_id: "finding-1" } },
    status: 422,
    messageIncludes: "finding_id",
  },
  {
    operationId: "createAgentRun",
    title: "the generic trigger without a prompt",
    body: { mode: "api", input: {} },
    prefer: { code: 422, example: "missing_prompt" },
    status: 422,
    messageIncludes: "input.prompt is required",
  },
  {
    operationId: "createAgentRun",
    title: "an unknown mode",
    body: { ...ask, mode: "no-such-mode" },
    prefer: { code: 404, example: "mode_not_found" },
    status: 404,
    messageIncludes: "Mode not found",
  },
  {
    operationId: "createAgentRun",
    title: "a session of another API key",
    body: { ...ask, conversation_id: "5e2d8f1a-3c4b-4d5e-9f60-7a8b9c0d1e99" },
    prefer: { code: 404, example: "session_not_found" },
    status: 404,
    messageIncludes: "Session not found",
  },
  { operationId: "createAgentRun", title: "without X-API-Key", body: ask, withoutApiKey: true, status: 401 },

  ...["completed", "waiting_for_approval", "failed", "finding_investigation"].map((example) => ({
    operationId: "getAgentRun",
    params: { path: run },
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "getAgentRun",
    title: "run_id is not a UUID",
    params: { path: { run_id: "run-1" } },
    status: 422,
    messageIncludes: "run_id",
  },
  {
    operationId: "getAgentRun",
    title: "a run of another API key",
    params: { path: run },
    prefer: { code: 404 },
    status: 404,
    messageIncludes: "not found",
  },

  { operationId: "pauseAgentRun", params: { path: run }, prefer: { example: "paused" }, status: 200 },
  {
    operationId: "pauseAgentRun",
    title: "a run that already finished",
    params: { path: run },
    prefer: { code: 409, example: "not_pausable" },
    status: 409,
    messageIncludes: "cannot be paused",
  },
  {
    operationId: "pauseAgentRun",
    title: "run_id is not a UUID",
    params: { path: { run_id: "run-1" } },
    status: 422,
    messageIncludes: "run_id",
  },

  { operationId: "resumeAgentRun", params: { path: run }, prefer: { example: "running" }, status: 200 },
  {
    operationId: "resumeAgentRun",
    title: "a run that is not paused",
    params: { path: run },
    prefer: { code: 409, example: "not_paused" },
    status: 409,
    messageIncludes: "cannot be resumed",
  },
  {
    operationId: "resumeAgentRun",
    title: "an unknown run",
    params: { path: run },
    prefer: { code: 404 },
    status: 404,
    messageIncludes: "not found",
  },

  { operationId: "cancelAgentRun", params: { path: run }, prefer: { example: "cancelled" }, status: 200 },
  {
    operationId: "cancelAgentRun",
    title: "a run that already finished",
    params: { path: run },
    prefer: { code: 409, example: "already_finished" },
    status: 409,
    messageIncludes: "cannot be cancelled",
  },

  {
    operationId: "approveAgentRunTool",
    params: { path: approval },
    prefer: { example: "approved" },
    status: 200,
  },
  {
    operationId: "approveAgentRunTool",
    title: "an approval already decided",
    params: { path: approval },
    prefer: { code: 409, example: "not_pending" },
    status: 409,
    messageIncludes: "not pending",
  },
  {
    operationId: "approveAgentRunTool",
    title: "approval_id is not a UUID",
    params: { path: { ...run, approval_id: "merge_contacts" } },
    status: 422,
    messageIncludes: "approval_id",
  },

  {
    operationId: "rejectAgentRunTool",
    params: { path: approval },
    prefer: { example: "rejected" },
    status: 200,
  },
  {
    operationId: "rejectAgentRunTool",
    title: "an approval already decided",
    params: { path: approval },
    prefer: { code: 409, example: "not_pending" },
    status: 409,
    messageIncludes: "not pending",
  },
  {
    operationId: "rejectAgentRunTool",
    title: "without X-API-Key",
    params: { path: approval },
    withoutApiKey: true,
    status: 401,
  },
];
