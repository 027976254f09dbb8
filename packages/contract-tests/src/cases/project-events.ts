import type { ContractCase } from "../contract-case.js";

const definition = { id: "880e8400-e29b-41d4-a716-446655440003" };
const csatEvent = {
  name: "conversation.csat_scored",
  occurred_at: "2026-11-20T14:30:00Z",
  conversation_id: "770e8400-e29b-41d4-a716-446655440002",
  properties: { score: 4, reason: "Solved in one reply", source: "workflow" },
};
const csatDefinition = {
  name: "conversation.csat_scored",
  description: "How satisfied the contact was with the conversation",
  property_schema: { score: { type: "number" }, reason: { type: "string" } },
};

export const cases: ContractCase[] = [
  ...["first_page", "last_page", "empty", "legacy_page"].map((example) => ({
    operationId: "listProjectEvents",
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listProjectEvents",
    title: "one event name of one conversation in a time range",
    params: {
      query: {
        name: "conversation.csat_scored",
        conversation_id: "770e8400-e29b-41d4-a716-446655440002",
        occurred_after: "2026-11-01T00:00:00Z",
        occurred_before: "2026-11-30T23:59:59Z",
        limit: 100,
        after: "bGFzdF9wYWdl",
      },
    },
    status: 200,
  },
  {
    operationId: "listProjectEvents",
    title: "a name with capitals",
    params: { query: { name: "Conversation.Scored" } },
    status: 422,
    messageIncludes: "name",
  },
  {
    operationId: "listProjectEvents",
    title: "conversation_id is not a UUID",
    params: { query: { conversation_id: "conv-1" } },
    status: 422,
    messageIncludes: "conversation_id",
  },
  {
    operationId: "listProjectEvents",
    title: "limit 0",
    params: { query: { limit: 0 } },
    status: 422,
    messageIncludes: "limit",
  },
  { operationId: "listProjectEvents", title: "without X-API-Key", withoutApiKey: true, status: 401 },

  { operationId: "createProjectEvent", body: csatEvent, prefer: { example: "created" }, status: 201 },
  {
    operationId: "createProjectEvent",
    title: "only a name",
    body: { name: "order.refund_requested" },
    status: 201,
  },
  {
    operationId: "createProjectEvent",
    title: "project events not in the plan",
    body: csatEvent,
    prefer: { code: 402 },
    status: 402,
    messageIncludes: "not available on your plan",
  },
  {
    operationId: "createProjectEvent",
    title: "without name",
    body: { properties: { score: 4 } },
    status: 422,
    messageIncludes: "name",
  },
  {
    operationId: "createProjectEvent",
    title: "a property that is an object",
    body: { name: "conversation.csat_scored", properties: { score: { value: 4 } } },
    status: 422,
    messageIncludes: "properties",
  },

  ...["definitions", "empty"].map((example) => ({
    operationId: "listProjectEventDefinitions",
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listProjectEventDefinitions",
    title: "archived ones too",
    params: { query: { include_archived: true } },
    status: 200,
  },
  {
    operationId: "listProjectEventDefinitions",
    title: "include_archived is not a boolean",
    params: { query: { include_archived: "sometimes" } },
    status: 422,
    messageIncludes: "include_archived",
  },

  {
    operationId: "createProjectEventDefinition",
    title: "a new name",
    body: csatDefinition,
    prefer: { code: 201, example: "created" },
    status: 201,
  },
  {
    operationId: "createProjectEventDefinition",
    title: "a name that exists already",
    body: csatDefinition,
    prefer: { example: "updated" },
    status: 200,
  },
  {
    operationId: "createProjectEventDefinition",
    title: "a property type outside the enum",
    body: { name: "conversation.csat_scored", property_schema: { score: { type: "float" } } },
    status: 422,
    messageIncludes: "type",
  },
  {
    operationId: "createProjectEventDefinition",
    title: "event definitions not in the plan",
    body: csatDefinition,
    prefer: { code: 402 },
    status: 402,
    messageIncludes: "not available on your plan",
  },

  {
    operationId: "getProjectEventDefinition",
    params: { path: definition },
    prefer: { example: "definition" },
    status: 200,
  },
  {
    operationId: "getProjectEventDefinition",
    title: "unknown definition",
    params: { path: definition },
    prefer: { code: 404 },
    status: 404,
    messageIncludes: "not found",
  },
  {
    operationId: "getProjectEventDefinition",
    title: "id is not a UUID",
    params: { path: { id: "conversation.csat_scored" } },
    status: 422,
  },

  ...["updated", "archived"].map((example) => ({
    operationId: "updateProjectEventDefinition",
    params: { path: definition },
    body: { archived: example === "archived" },
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "updateProjectEventDefinition",
    title: "archived is not a boolean",
    params: { path: definition },
    body: { archived: "yes" },
    status: 422,
    messageIncludes: "archived",
  },

  { operationId: "deleteProjectEventDefinition", params: { path: definition }, status: 202 },
  {
    operationId: "deleteProjectEventDefinition",
    title: "unknown definition",
    params: { path: definition },
    prefer: { code: 404 },
    status: 404,
    messageIncludes: "not found",
  },
];
