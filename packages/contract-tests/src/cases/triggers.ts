import type { ContractCase } from "../contract-case.js";

const workflow = { workflow_id: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" };
const trigger = { trigger_id: "4b5c6d7e-8f90-4a1b-9c2d-3e4f5a6b7c01" };

const messageTrigger = {
  trigger_type: "inbound_message",
  phone_number_id: "106540352242922",
  active: true,
};
const create = { params: { path: workflow }, body: { trigger: messageTrigger } };
const replace = { params: { path: workflow }, body: { triggers: [messageTrigger] } };
const deactivate = { params: { path: trigger }, body: { trigger: { active: false } } };

export const cases: ContractCase[] = [
  ...["message_trigger", "empty"].map((example) => ({
    operationId: "listWorkflowTriggers",
    params: { path: workflow },
    prefer: { example },
    status: 200,
  })),

  { operationId: "createWorkflowTrigger", ...create, prefer: { example: "created" }, status: 201 },
  {
    operationId: "createWorkflowTrigger",
    title: "event trigger",
    params: { path: workflow },
    body: { trigger: { trigger_type: "whatsapp_event", event: "whatsapp.conversation.ended" } },
    status: 201,
  },
  {
    operationId: "createWorkflowTrigger",
    title: "project event trigger with a property filter",
    params: { path: workflow },
    body: {
      trigger: {
        trigger_type: "project_event",
        event_name: "conversation.csat_scored",
        property_key: "score",
        operator: "lte",
        property_value: 2,
      },
    },
    status: 201,
  },
  {
    operationId: "createWorkflowTrigger",
    title: "unknown trigger type",
    params: { path: workflow },
    body: { trigger: { trigger_type: "schedule" } },
    status: 422,
  },
  {
    operationId: "createWorkflowTrigger",
    title: "without trigger_type",
    params: { path: workflow },
    body: { trigger: { phone_number_id: "106540352242922" } },
    status: 422,
  },

  { operationId: "replaceWorkflowTriggers", ...replace, prefer: { example: "replaced" }, status: 200 },
  {
    operationId: "replaceWorkflowTriggers",
    title: "remove every trigger",
    params: { path: workflow },
    body: { triggers: [] },
    prefer: { example: "cleared" },
    status: 200,
  },
  {
    operationId: "replaceWorkflowTriggers",
    title: "a single trigger instead of a list",
    params: { path: workflow },
    body: { trigger: messageTrigger },
    status: 422,
  },

  {
    operationId: "updateWorkflowTrigger",
    ...deactivate,
    prefer: { example: "deactivated" },
    status: 200,
  },
  {
    operationId: "updateWorkflowTrigger",
    title: "active as a string",
    params: { path: trigger },
    body: { trigger: { active: "no" } },
    status: 422,
  },

  { operationId: "deleteWorkflowTrigger", params: { path: trigger }, status: 204 },
];
