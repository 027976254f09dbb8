import type { ContractCase } from "../contract-case.js";

const conversation = { conversation_id: "c63ced48-1283-4d55-8c8d-930f525aa0e5" };

export const cases: ContractCase[] = [
  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listConversations",
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listConversations",
    title: "with every filter and a cursor",
    params: {
      query: {
        phone_number_id: "123456789012345",
        phone_number: "1415",
        status: "active",
        assigned_user_id: "8f9e0d1c-2b3a-4c5d-9e6f-7a8b9c0d1e2f",
        created_after: "2026-11-01T00:00:00Z",
        created_before: "2026-11-30T23:59:59Z",
        last_active_after: "2026-11-15T00:00:00Z",
        last_active_before: "2026-11-21T00:00:00Z",
        limit: 50,
        after: "bGFzdF9wYWdl",
      },
    },
    status: 200,
  },
  {
    operationId: "listConversations",
    title: "unassigned conversations only",
    params: { query: { unassigned: true, limit: 1 } },
    status: 200,
  },
  {
    operationId: "listConversations",
    title: "deprecated page and per_page",
    params: { query: { page: 2, per_page: 50 } },
    status: 200,
  },
  {
    operationId: "listConversations",
    title: "bad status enum",
    params: { query: { status: "closed" } },
    status: 422,
    messageIncludes: "status",
  },
  {
    operationId: "listConversations",
    title: "limit above 100",
    params: { query: { limit: 101 } },
    status: 422,
    messageIncludes: "limit",
  },
  {
    operationId: "listConversations",
    title: "without X-API-Key",
    withoutApiKey: true,
    status: 401,
  },

  {
    operationId: "getConversation",
    params: { path: conversation },
    prefer: { example: "active" },
    status: 200,
  },
  {
    operationId: "getConversation",
    title: "conversation id that is not a UUID",
    params: { path: { conversation_id: "not-a-uuid" } },
    status: 422,
    messageIncludes: "conversation_id",
  },

  {
    operationId: "updateConversation",
    title: "end a conversation",
    params: { path: conversation },
    body: { whatsapp_conversation: { status: "ended" } },
    prefer: { example: "ended" },
    status: 200,
  },
  {
    operationId: "updateConversation",
    title: "reopen a conversation",
    params: { path: conversation },
    body: { whatsapp_conversation: { status: "active" } },
    prefer: { example: "active" },
    status: 200,
  },
  {
    operationId: "updateConversation",
    title: "status outside the enum",
    params: { path: conversation },
    body: { whatsapp_conversation: { status: "archived" } },
    status: 422,
  },
  {
    operationId: "updateConversation",
    title: "body without the whatsapp_conversation wrapper",
    params: { path: conversation },
    body: { status: "ended" },
    status: 422,
  },
];
