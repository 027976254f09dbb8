import type { ContractCase } from "../contract-case.js";

const workflow = { workflow_id: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" };
const execution = { execution_id: "5f0c6a2e-1b7d-4c9a-9e3f-2a8b4d6c1e01" };

const startBody = {
  workflow_execution: {
    phone_number: "+14155552671",
    phone_number_id: "106540352242922",
    variables: { first_name: "Ana", order_id: "ORD-12345" },
    context: { source: "checkout" },
  },
};
const start = { params: { path: workflow }, body: startBody };
const endBody = { workflow_execution: { status: "ended" } };
const resumeBody = { message: { kind: "payload", data: "yes, proceed" } };

export const cases: ContractCase[] = [
  { operationId: "startWorkflowExecution", ...start, prefer: { example: "queued" }, status: 202 },
  {
    operationId: "startWorkflowExecution",
    title: "phone number only",
    params: { path: workflow },
    body: { workflow_execution: { phone_number: "+14155552671" } },
    status: 202,
  },
  {
    operationId: "startWorkflowExecution",
    title: "recipient instead of a phone number",
    params: { path: workflow },
    body: { workflow_execution: { recipient: "US.13491208655302741918" } },
    status: 202,
  },
  {
    operationId: "startWorkflowExecution",
    title: "neither phone_number nor recipient",
    params: { path: workflow },
    body: { workflow_execution: { variables: {} } },
    status: 422,
  },
  {
    operationId: "startWorkflowExecution",
    title: "per-workflow burst limit",
    ...start,
    prefer: { code: 429, example: "burst_limited" },
    status: 429,
    messageIncludes: "1 second",
  },
  {
    operationId: "startWorkflowExecution",
    title: "per-minute rate limit",
    ...start,
    prefer: { code: 429, example: "rate_limited" },
    status: 429,
    messageIncludes: "60 seconds",
  },

  {
    operationId: "getWorkflowExecution",
    params: { path: execution },
    prefer: { example: "waiting" },
    status: 200,
  },
  {
    operationId: "getWorkflowExecution",
    params: { path: { execution_id: "5f0c6a2e-1b7d-4c9a-9e3f-2a8b4d6c1e03" } },
    prefer: { example: "failed" },
    status: 200,
  },

  {
    operationId: "updateWorkflowExecutionStatus",
    params: { path: execution },
    body: endBody,
    prefer: { example: "ended" },
    status: 200,
  },
  ...["handoff", "waiting"].map((status) => ({
    operationId: "updateWorkflowExecutionStatus",
    title: `to ${status}`,
    params: { path: execution },
    body: { workflow_execution: { status } },
    status: 200,
  })),
  {
    operationId: "updateWorkflowExecutionStatus",
    title: "to a status the API cannot set (running)",
    params: { path: execution },
    body: { workflow_execution: { status: "running" } },
    status: 422,
    messageIncludes: "status",
  },
  {
    operationId: "updateWorkflowExecutionStatus",
    title: "disallowed transition",
    params: { path: execution },
    body: { workflow_execution: { status: "waiting" } },
    prefer: { code: 422 },
    status: 422,
    messageIncludes: "transition",
  },

  {
    operationId: "resumeWorkflowExecution",
    params: { path: execution },
    body: resumeBody,
    prefer: { example: "running" },
    status: 200,
  },
  {
    operationId: "resumeWorkflowExecution",
    title: "input routed to a call step's child execution",
    params: { path: execution },
    body: resumeBody,
    prefer: { example: "routed_to_child" },
    status: 200,
  },
  {
    operationId: "resumeWorkflowExecution",
    title: "array input",
    params: { path: execution },
    body: { message: { data: ["option1", "option2"] } },
    status: 200,
  },
  {
    operationId: "resumeWorkflowExecution",
    title: "structured input and variables",
    params: { path: execution },
    body: { message: { data: { button_id: "confirm" } }, variables: { confirmed_by: "agent" } },
    status: 200,
  },
  {
    operationId: "resumeWorkflowExecution",
    title: "without message",
    params: { path: execution },
    body: { variables: { confirmed_by: "agent" } },
    status: 422,
  },
  {
    operationId: "resumeWorkflowExecution",
    title: "execution not waiting",
    params: { path: execution },
    body: resumeBody,
    prefer: { code: 422, example: "not_waiting" },
    status: 422,
    messageIncludes: "waiting",
  },
  {
    operationId: "resumeWorkflowExecution",
    title: "a resume already pending",
    params: { path: execution },
    body: resumeBody,
    prefer: { code: 409 },
    status: 409,
    messageIncludes: "pending",
  },
];
