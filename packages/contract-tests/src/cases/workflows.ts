import type { ContractCase } from "../contract-case.js";

const workflow = { workflow_id: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" };

const createBody = {
  workflow: {
    name: "Order follow-up",
    description: "Ask for a rating after delivery",
    definition: {
      nodes: [
        {
          id: "start",
          type: "flow-node",
          position: { x: 0, y: 0 },
          data: { node_type: "start", display_name: "Start", config: {} },
        },
        {
          id: "ask_rating",
          type: "flow-node",
          position: { x: 320, y: 0 },
          data: { node_type: "send_text", config: { message: "How was your order?" } },
        },
      ],
      edges: [{ source: "start", target: "ask_rating", label: "next" }],
    },
  },
};
const updateBody = { workflow: { name: "Order follow-up (v2)", lock_version: 7 } };

export const cases: ContractCase[] = [
  ...["workflows", "empty"].map((example) => ({
    operationId: "listWorkflows",
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listWorkflows",
    title: "with every filter",
    params: {
      query: {
        status: "active",
        name_contains: "order",
        created_after: "2026-11-01T00:00:00Z",
        created_before: "2026-11-30T23:59:59Z",
      },
    },
    status: 200,
  },
  {
    operationId: "listWorkflows",
    title: "bad status enum",
    params: { query: { status: "paused" } },
    status: 422,
    messageIncludes: "status",
  },
  {
    operationId: "listWorkflows",
    title: "without X-API-Key",
    withoutApiKey: true,
    status: 401,
    messageIncludes: "API key",
  },

  { operationId: "createWorkflow", body: createBody, prefer: { example: "created" }, status: 201 },
  {
    operationId: "createWorkflow",
    title: "name only",
    body: { workflow: { name: "Support triage" } },
    status: 201,
  },
  {
    operationId: "createWorkflow",
    title: "edge without a target",
    body: { workflow: { name: "Support triage", definition: { edges: [{ source: "start" }] } } },
    status: 422,
  },
  {
    operationId: "createWorkflow",
    title: "without the workflow wrapper",
    body: { name: "Support triage" },
    status: 422,
  },

  { operationId: "getWorkflow", params: { path: workflow }, prefer: { example: "active" }, status: 200 },

  {
    operationId: "updateWorkflow",
    params: { path: workflow },
    body: updateBody,
    prefer: { example: "updated" },
    status: 200,
  },
  {
    operationId: "updateWorkflow",
    title: "without lock_version (applied without a conflict check)",
    params: { path: workflow },
    body: { workflow: { name: "Order follow-up (v2)" } },
    status: 200,
  },
  {
    operationId: "updateWorkflow",
    title: "publish with a read mode",
    params: { path: workflow },
    body: { workflow: { status: "active", inbound_message_read_mode: "read_only", lock_version: 7 } },
    status: 200,
  },
  {
    operationId: "updateWorkflow",
    title: "unknown read mode",
    params: { path: workflow },
    body: { workflow: { inbound_message_read_mode: "typing", lock_version: 7 } },
    status: 422,
  },
  {
    operationId: "updateWorkflow",
    title: "stale lock_version",
    params: { path: workflow },
    body: updateBody,
    prefer: { code: 409 },
    status: 409,
    messageIncludes: "modified by another request",
  },

  {
    operationId: "getWorkflowDefinition",
    params: { path: workflow },
    prefer: { example: "two_nodes" },
    status: 200,
  },

  {
    operationId: "getWorkflowVariables",
    params: { path: workflow },
    prefer: { example: "variables" },
    status: 200,
  },
];
