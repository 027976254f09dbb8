import type { ContractCase } from "../contract-case.js";

const conversation = { conversation_id: "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b01" };
const assignment = { ...conversation, id: "a1b2c3d4-e5f6-4a78-9abc-def123456701" };
const member = "f1e2d3c4-b5a6-4987-8edc-ba0987654301";

export const cases: ContractCase[] = [
  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listConversationAssignments",
    params: { path: conversation },
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listConversationAssignments",
    title: "page 0",
    params: { path: conversation, query: { page: 0 } },
    status: 422,
    messageIncludes: "page",
  },
  {
    operationId: "listConversationAssignments",
    title: "conversation_id is not a UUID",
    params: { path: { conversation_id: "latest" } },
    status: 422,
    messageIncludes: "conversation_id",
  },

  {
    operationId: "createConversationAssignment",
    params: { path: conversation },
    body: { assignment: { user_id: member, notes: "Asked about pricing" } },
    prefer: { example: "assigned" },
    status: 201,
  },
  {
    operationId: "createConversationAssignment",
    title: "the conversation has an active assignment",
    params: { path: conversation },
    body: { assignment: { user_id: member } },
    prefer: { code: 422, example: "already_assigned" },
    status: 422,
    messageIncludes: "already has an active assignment",
  },
  {
    operationId: "createConversationAssignment",
    title: "the user is not a member of the project",
    params: { path: conversation },
    body: { assignment: { user_id: member } },
    prefer: { code: 422, example: "not_a_member" },
    status: 422,
    messageIncludes: "not a member",
  },
  {
    operationId: "createConversationAssignment",
    title: "without user_id",
    params: { path: conversation },
    body: { assignment: { notes: "Asked about pricing" } },
    status: 422,
    messageIncludes: "user_id",
  },
  {
    operationId: "createConversationAssignment",
    title: "user_id is not a UUID",
    params: { path: conversation },
    body: { assignment: { user_id: "sam@example.com" } },
    status: 422,
    messageIncludes: "user_id",
  },

  {
    operationId: "getConversationAssignment",
    params: { path: assignment },
    prefer: { example: "active" },
    status: 200,
  },
  {
    operationId: "getConversationAssignment",
    title: "an unknown assignment",
    params: { path: assignment },
    prefer: { code: 404 },
    status: 404,
    messageIncludes: "not found",
  },
  {
    operationId: "getConversationAssignment",
    title: "id is not a UUID",
    params: { path: { ...assignment, id: "current" } },
    status: 422,
  },

  {
    operationId: "updateConversationAssignment",
    params: { path: assignment },
    body: { assignment: { notes: "Pricing question answered" } },
    prefer: { example: "updated" },
    status: 200,
  },
  {
    operationId: "updateConversationAssignment",
    params: { path: assignment },
    body: { assignment: { active: false } },
    prefer: { example: "unassigned" },
    status: 200,
  },
  {
    operationId: "updateConversationAssignment",
    title: "reassigning to someone outside the project",
    params: { path: assignment },
    body: { assignment: { user_id: member } },
    prefer: { code: 422, example: "not_a_member" },
    status: 422,
    messageIncludes: "not a member",
  },
  {
    operationId: "updateConversationAssignment",
    title: "active is not a boolean",
    params: { path: assignment },
    body: { assignment: { active: "no" } },
    status: 422,
    messageIncludes: "active",
  },
];
