import type { ContractCase } from "../contract-case.js";

const finding = { finding_id: "8f14e45f-ceea-467a-9e1a-1b2c3d4e5f60" };
const notAUuid = { finding_id: "finding-1" };
const dismissal = { reason: "already_fixed", note: "The confirm node was corrected in workflow version 12." };

export const cases: ContractCase[] = [
  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listFindings",
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listFindings",
    title: "25 per page, after a cursor",
    params: { query: { limit: 25, after: "bGFzdF9wYWdl" } },
    status: 200,
  },
  {
    operationId: "listFindings",
    title: "limit above 25",
    params: { query: { limit: 26 } },
    status: 400,
    messageIncludes: "limit",
  },
  {
    operationId: "listFindings",
    title: "Findings not enabled",
    prefer: { code: 404 },
    status: 404,
    messageIncludes: "Findings is not enabled",
  },
  { operationId: "listFindings", title: "without X-API-Key", withoutApiKey: true, status: 401 },

  ...["investigated", "quiet"].map((example) => ({
    operationId: "getFinding",
    params: { path: finding },
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "getFinding",
    title: "unknown finding",
    params: { path: finding },
    prefer: { code: 404, example: "finding_not_found" },
    status: 404,
    messageIncludes: "Finding not found",
  },
  {
    operationId: "getFinding",
    title: "Findings not enabled",
    params: { path: finding },
    prefer: { code: 404, example: "findings_not_enabled" },
    status: 404,
    messageIncludes: "Findings is not enabled",
  },
  { operationId: "getFinding", title: "finding_id is not a UUID", params: { path: notAUuid }, status: 422 },

  ...["evidence", "unavailable"].map((example) => ({
    operationId: "getFindingEvidence",
    params: { path: finding },
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "getFindingEvidence",
    title: "unknown finding",
    params: { path: finding },
    prefer: { code: 404, example: "finding_not_found" },
    status: 404,
    messageIncludes: "Finding not found",
  },
  {
    operationId: "getFindingEvidence",
    title: "finding_id is not a UUID",
    params: { path: notAUuid },
    status: 422,
  },

  {
    operationId: "startFindingInvestigation",
    params: { path: finding },
    prefer: { example: "queued" },
    status: 202,
  },
  {
    operationId: "startFindingInvestigation",
    title: "another start in flight",
    params: { path: finding },
    prefer: { code: 409 },
    status: 409,
    messageIncludes: "already in progress",
  },
  {
    operationId: "startFindingInvestigation",
    title: "not eligible",
    params: { path: finding },
    prefer: { code: 422 },
    status: 422,
    messageIncludes: "not currently eligible",
  },
  {
    operationId: "startFindingInvestigation",
    title: "unknown finding",
    params: { path: finding },
    prefer: { code: 404, example: "finding_not_found" },
    status: 404,
    messageIncludes: "Finding not found",
  },

  {
    operationId: "dismissFinding",
    params: { path: finding },
    body: dismissal,
    prefer: { example: "dismissed" },
    status: 200,
  },
  {
    operationId: "dismissFinding",
    title: "without note",
    params: { path: finding },
    body: { reason: "other" },
    status: 422,
    messageIncludes: "note",
  },
  {
    operationId: "dismissFinding",
    title: "reason outside the enum",
    params: { path: finding },
    body: { reason: "boring", note: "Not worth it." },
    status: 422,
    messageIncludes: "reason",
  },
  {
    operationId: "dismissFinding",
    title: "Findings not enabled",
    params: { path: finding },
    body: dismissal,
    prefer: { code: 404, example: "findings_not_enabled" },
    status: 404,
    messageIncludes: "Findings is not enabled",
  },

  {
    operationId: "markFindingAddressed",
    params: { path: finding },
    prefer: { example: "monitoring" },
    status: 200,
  },
  {
    operationId: "markFindingAddressed",
    title: "no completed investigation",
    params: { path: finding },
    prefer: { code: 422 },
    status: 422,
    messageIncludes: "Only completed investigations",
  },
  {
    operationId: "markFindingAddressed",
    title: "finding_id is not a UUID",
    params: { path: notAUuid },
    status: 422,
  },
];
