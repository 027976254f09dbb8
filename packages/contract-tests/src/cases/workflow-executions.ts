import type { ContractCase } from "../contract-case.js";

const workflow = { workflow_id: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" };
const execution = { execution_id: "5f0c6a2e-1b7d-4c9a-9e3f-2a8b4d6c1e01" };
const conversation = { conversation_id: "2b6e9c1d-4a7f-4e2b-8c5d-1f3a9e7b6d02" };

/** Each named success example, then each documented error status picked with `Prefer: code=`. */
function listCases(operationId: string, path: Record<string, string>, examples: string[]): ContractCase[] {
  return [
    ...examples.map((example) => ({ operationId, params: { path }, prefer: { example }, status: 200 })),
  ];
}

export const cases: ContractCase[] = [
  ...listCases("listWorkflowExecutions", workflow, ["first_page", "second_page", "last_page", "empty"]),
  {
    operationId: "listWorkflowExecutions",
    title: "with every filter and a cursor",
    params: {
      path: workflow,
      query: {
        status: "waiting",
        waiting_reason: "wait_for_response",
        created_after: "2026-11-01T00:00:00Z",
        created_before: "2026-11-30T23:59:59Z",
        whatsapp_conversation_id: conversation.conversation_id,
        limit: 100,
        after: "c2Vjb25kX3BhZ2U=",
      },
    },
    status: 200,
  },
  {
    operationId: "listWorkflowExecutions",
    title: "without X-API-Key",
    params: { path: workflow },
    withoutApiKey: true,
    status: 401,
    messageIncludes: "API key",
  },
  {
    operationId: "listWorkflowExecutions",
    title: "limit 0",
    params: { path: workflow, query: { limit: 0 } },
    status: 422,
    messageIncludes: "limit",
  },

  ...listCases("listWorkflowExecutionEvents", execution, ["first_page", "last_page", "empty"]),
  {
    operationId: "listWorkflowExecutionEvents",
    title: "filtered by event type",
    params: { path: execution, query: { event_type: "message_sent", limit: 1, before: "bGFzdF9wYWdl" } },
    status: 200,
  },

  ...listCases("listConversationFlowExecutions", conversation, ["first_page", "last_page", "empty"]),
  {
    operationId: "listConversationFlowExecutions",
    title: "filtered by status",
    params: { path: conversation, query: { status: "ended", limit: 20 } },
    status: 200,
  },
  {
    operationId: "listConversationFlowExecutions",
    title: "bad status enum",
    params: { path: conversation, query: { status: "finished" } },
    status: 422,
    messageIncludes: "status",
  },
];
