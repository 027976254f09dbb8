import { describe, expectTypeOf, it } from "vitest";
import type {
  ConversationFlowExecution,
  CreateFunctionRequestBody,
  CreateFunctionSecretRequestBody,
  CreateWorkflowRequestBody,
  CreateWorkflowTriggerRequestBody,
  DeleteFunctionResponse,
  DeleteWorkflowTriggerResponse,
  DeployFunctionResponse,
  FunctionInvocation,
  FunctionSecret,
  FunctionSecretInput,
  GetWorkflowDefinitionResponse,
  GetWorkflowExecutionResponse,
  InvokeFunctionRequestBody,
  KapsoFunction,
  KapsoFunctionStatus,
  ListConversationFlowExecutionsResponse,
  ListFunctionInvocationsQuery,
  ListFunctionInvocationsResponse,
  ListWorkflowsQuery,
  ListWorkflowsResponse,
  paths,
  ReplaceWorkflowTriggersRequestBody,
  ResumeWorkflowExecutionRequestBody,
  ResumeWorkflowExecutionResponse,
  StartWorkflowExecutionRequestBody,
  StartWorkflowExecutionResponse,
  UpdateFunctionRequestBody,
  UpdateWorkflowExecutionStatusRequestBody,
  UpdateWorkflowRequestBody,
  UpdateWorkflowTriggerRequestBody,
  Workflow,
  WorkflowDefinition,
  WorkflowDefinitionInput,
  WorkflowExecution,
  WorkflowExecutionMinimal,
  WorkflowExecutionResumed,
  WorkflowExecutionStatus,
  WorkflowExecutionSummary,
  WorkflowExecutionTransitionStatus,
  WorkflowNodeInput,
  WorkflowNodeType,
  WorkflowStatus,
  WorkflowTrigger,
  WorkflowTriggerInput,
  WorkflowTriggerType,
} from "./index.js";

describe("@kapso/types: workflows", () => {
  it("types the workflow status filter and the list without pagination", () => {
    expectTypeOf<WorkflowStatus>().toEqualTypeOf<"draft" | "active" | "archived">();
    expectTypeOf<ListWorkflowsQuery["status"]>().toEqualTypeOf<WorkflowStatus | undefined>();
    expectTypeOf<ListWorkflowsResponse["data"]>().toEqualTypeOf<Workflow[]>();
    expectTypeOf<ListWorkflowsResponse>().not.toHaveProperty("paging");
    // @ts-expect-error archived, not deleted
    const bad: ListWorkflowsQuery = { status: "deleted" };
    void bad;
  });

  it("wraps the create body in `workflow` and requires only the name", () => {
    expectTypeOf<CreateWorkflowRequestBody>().toEqualTypeOf<{
      workflow: CreateWorkflowRequestBody["workflow"];
    }>();
    const ok: CreateWorkflowRequestBody = { workflow: { name: "Order follow-up" } };
    void ok;
    // @ts-expect-error name is required
    const noName: CreateWorkflowRequestBody = { workflow: { description: "no name" } };
    void noName;
    // @ts-expect-error the attributes go under `workflow`
    const unwrapped: CreateWorkflowRequestBody = { name: "Order follow-up" };
    void unwrapped;
    expectTypeOf<CreateWorkflowRequestBody["workflow"]["definition"]>().toEqualTypeOf<
      WorkflowDefinitionInput | undefined
    >();
    // @ts-expect-error the status of a new workflow is not chosen at creation
    const withStatus: CreateWorkflowRequestBody = { workflow: { name: "x", status: "active" } };
    void withStatus;
  });

  it("writes graphs with the documented node types and optional edge ids", () => {
    const graph: WorkflowDefinitionInput = {
      nodes: [
        { id: "start", position: { x: 0, y: 0 }, data: { node_type: "start", config: {} } },
        {
          id: "ask",
          position: { x: 300, y: 0 },
          data: { node_type: "send_text", config: { message: "Hi {{vars.first_name}}" } },
        },
      ],
      edges: [{ source: "start", target: "ask" }],
    };
    void graph;
    expectTypeOf<
      NonNullable<WorkflowDefinitionInput["nodes"]>[number]["data"]["node_type"]
    >().toEqualTypeOf<WorkflowNodeType>();
    // @ts-expect-error an edge needs its target
    const noTarget: WorkflowDefinitionInput = { edges: [{ source: "start" }] };
    void noTarget;
    const unknownType: WorkflowNodeInput = {
      id: "x",
      position: { x: 0, y: 0 },
      // @ts-expect-error not a documented node type
      data: { node_type: "sleep", config: {} },
    };
    void unknownType;
  });

  it("takes lock_version, status and the read mode on update, all optional", () => {
    expectTypeOf<UpdateWorkflowRequestBody["workflow"]["lock_version"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<UpdateWorkflowRequestBody["workflow"]["status"]>().toEqualTypeOf<
      WorkflowStatus | undefined
    >();
    expectTypeOf<UpdateWorkflowRequestBody["workflow"]["inbound_message_read_mode"]>().toEqualTypeOf<
      "disabled" | "read_only" | "read_with_typing" | undefined
    >();
    const ok: UpdateWorkflowRequestBody = { workflow: { lock_version: 7, name: "v2" } };
    const unchecked: UpdateWorkflowRequestBody = { workflow: { name: "v2" } };
    void ok;
    void unchecked;
    // @ts-expect-error lock_version is a number
    const badLock: UpdateWorkflowRequestBody = { workflow: { lock_version: "7" } };
    void badLock;
  });

  it("extends the workflow with its graph in the definition response", () => {
    type WithDefinition = GetWorkflowDefinitionResponse["data"];
    expectTypeOf<WithDefinition>().toExtend<Workflow>();
    expectTypeOf<WithDefinition["definition"]>().toEqualTypeOf<WorkflowDefinition>();
    // Only identity, status and timestamps are always there; the rest may be missing or null.
    expectTypeOf<Workflow["slug"]>().toEqualTypeOf<string>();
    expectTypeOf<Workflow["last_executed_at"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Workflow["lock_version"]>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<Workflow["execution_count"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<WorkflowDefinition["edges"][number]["type"]>().toEqualTypeOf<string>();
    expectTypeOf<WorkflowDefinition["nodes"][number]["data"]["display_name"]>().toEqualTypeOf<string>();
  });
});

describe("@kapso/types: workflow executions", () => {
  it("wraps the start body in `workflow_execution`, addressed by phone number or recipient", () => {
    const byPhone: StartWorkflowExecutionRequestBody = {
      workflow_execution: { phone_number: "+14155552671", variables: { order_id: "ORD-1" } },
    };
    const byRecipient: StartWorkflowExecutionRequestBody = {
      workflow_execution: { recipient: "US.13491208655302741918" },
    };
    void byPhone;
    void byRecipient;
    // Either one is needed; the types cannot say "one of two", the API and the mock check it.
    expectTypeOf<StartWorkflowExecutionRequestBody["workflow_execution"]["phone_number"]>().toEqualTypeOf<
      string | undefined
    >();
    expectTypeOf<
      StartWorkflowExecutionRequestBody["workflow_execution"]["whatsapp_config_id"]
    >().toEqualTypeOf<number | undefined>();
    // @ts-expect-error the attributes go under `workflow_execution`
    const unwrapped: StartWorkflowExecutionRequestBody = { phone_number: "+14155552671" };
    void unwrapped;
    expectTypeOf<StartWorkflowExecutionResponse["data"]["tracking_id"]>().toEqualTypeOf<string>();
    expectTypeOf<StartWorkflowExecutionResponse["data"]["id"]>().toEqualTypeOf<string>();
    expectTypeOf<StartWorkflowExecutionResponse["data"]["message"]>().toEqualTypeOf<string>();
  });

  it("answers the start with 202, not 200", () => {
    type Start = paths["/workflows/{workflow_id}/executions"]["post"];
    expectTypeOf<Start["responses"]>().toHaveProperty(202);
    expectTypeOf<Start["responses"]>().not.toHaveProperty(200);
    expectTypeOf<Start["responses"]>().toHaveProperty(429);
  });

  it("limits status changes to ended, handoff and waiting", () => {
    expectTypeOf<WorkflowExecutionTransitionStatus>().toEqualTypeOf<"ended" | "handoff" | "waiting">();
    expectTypeOf<
      UpdateWorkflowExecutionStatusRequestBody["workflow_execution"]["status"]
    >().toEqualTypeOf<WorkflowExecutionTransitionStatus>();
    expectTypeOf<WorkflowExecutionTransitionStatus>().toExtend<WorkflowExecutionStatus>();
    const ok: UpdateWorkflowExecutionStatusRequestBody = { workflow_execution: { status: "handoff" } };
    void ok;
    // @ts-expect-error running cannot be set through the API
    const running: UpdateWorkflowExecutionStatusRequestBody = { workflow_execution: { status: "running" } };
    void running;
    // @ts-expect-error failed cannot be set through the API
    const failed: UpdateWorkflowExecutionStatusRequestBody = { workflow_execution: { status: "failed" } };
    void failed;
  });

  it("takes an unwrapped resume body whose data is a string, an object or an array", () => {
    const text: ResumeWorkflowExecutionRequestBody = { message: { kind: "payload", data: "yes" } };
    const structured: ResumeWorkflowExecutionRequestBody = {
      message: { data: { button_id: "confirm" } },
      variables: { confirmed: true },
    };
    const list: ResumeWorkflowExecutionRequestBody = { message: { data: ["option1", "option2"] } };
    void text;
    void structured;
    void list;
    // @ts-expect-error message is required
    const noMessage: ResumeWorkflowExecutionRequestBody = { variables: {} };
    void noMessage;
    // @ts-expect-error data is a string, an object or an array
    const numeric: ResumeWorkflowExecutionRequestBody = { message: { data: 42 } };
    void numeric;
    expectTypeOf<ResumeWorkflowExecutionResponse["data"]>().toEqualTypeOf<WorkflowExecutionResumed>();
    expectTypeOf<WorkflowExecutionResumed>().toExtend<WorkflowExecutionSummary>();
    expectTypeOf<WorkflowExecutionResumed["status"]>().toEqualTypeOf<WorkflowExecutionStatus>();
    expectTypeOf<WorkflowExecutionResumed["requested_execution_id"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<WorkflowExecutionResumed["parent_flow_execution_id"]>().toEqualTypeOf<
      string | null | undefined
    >();
    expectTypeOf<WorkflowExecutionResumed>().not.toHaveProperty("error_details");
  });

  it("builds the full execution on the summary", () => {
    type Full = GetWorkflowExecutionResponse["data"];
    expectTypeOf<Full>().toEqualTypeOf<WorkflowExecution>();
    expectTypeOf<Full>().toExtend<WorkflowExecutionSummary>();
    expectTypeOf<Full["status"]>().toEqualTypeOf<WorkflowExecutionStatus>();
    expectTypeOf<Full["resumable_execution_id"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<NonNullable<Full["execution_context"]>["vars"]>().toEqualTypeOf<
      { [key: string]: unknown } | null | undefined
    >();
    expectTypeOf<WorkflowExecutionMinimal>().not.toHaveProperty("execution_context");
  });

  it("requires status on a conversation's executions, unlike the seed list", () => {
    type Item = ListConversationFlowExecutionsResponse["data"][number];
    expectTypeOf<Item>().toEqualTypeOf<ConversationFlowExecution>();
    expectTypeOf<Item>().toExtend<WorkflowExecutionSummary>();
    expectTypeOf<Item["status"]>().toEqualTypeOf<WorkflowExecutionStatus>();
  });
});

describe("@kapso/types: workflow triggers", () => {
  it("wraps one trigger in `trigger` and a replacement set in `triggers`", () => {
    expectTypeOf<CreateWorkflowTriggerRequestBody>().toEqualTypeOf<{ trigger: WorkflowTriggerInput }>();
    expectTypeOf<ReplaceWorkflowTriggersRequestBody>().toEqualTypeOf<{
      triggers: WorkflowTriggerInput[];
    }>();
    // @ts-expect-error trigger_type is required
    const noType: CreateWorkflowTriggerRequestBody = { trigger: { phone_number_id: "1065" } };
    void noType;
    // @ts-expect-error PUT takes the whole set as `triggers`
    const single: ReplaceWorkflowTriggersRequestBody = { trigger: { trigger_type: "inbound_message" } };
    void single;
  });

  it("updates only `active`", () => {
    expectTypeOf<UpdateWorkflowTriggerRequestBody>().toEqualTypeOf<{ trigger: { active?: boolean } }>();
    // @ts-expect-error the trigger type cannot be changed
    const retype: UpdateWorkflowTriggerRequestBody = { trigger: { active: true, trigger_type: "x" } };
    void retype;
  });

  it("types the trigger kinds and their settings", () => {
    expectTypeOf<WorkflowTriggerType>().toEqualTypeOf<
      "inbound_message" | "api_call" | "whatsapp_event" | "project_event"
    >();
    const projectEvent: WorkflowTriggerInput = {
      trigger_type: "project_event",
      event_name: "conversation.csat_scored",
      property_key: "score",
      operator: "lte",
      property_value: 2,
    };
    void projectEvent;
    // @ts-expect-error not a WhatsApp event a trigger can listen to
    const badEvent: WorkflowTriggerInput = { trigger_type: "whatsapp_event", event: "whatsapp.message.read" };
    void badEvent;
    expectTypeOf<WorkflowTrigger["triggerable"]>().not.toEqualTypeOf<unknown>();
  });

  it("has no body on delete", () => {
    expectTypeOf<DeleteWorkflowTriggerResponse>().toEqualTypeOf<void>();
  });
});

describe("@kapso/types: functions", () => {
  it("wraps create and update in `function`, name required on create only", () => {
    const ok: CreateFunctionRequestBody = {
      function: { name: "Shipping", code: "async function handler() {}", function_type: "cloudflare_worker" },
    };
    void ok;
    // @ts-expect-error name is required on create
    const noName: CreateFunctionRequestBody = { function: { code: "", function_type: "cloudflare_worker" } };
    void noName;
    // @ts-expect-error the runtime is required on create
    const noType: CreateFunctionRequestBody = { function: { name: "Shipping", code: "" } };
    void noType;
    const patch: UpdateFunctionRequestBody = { function: { public_endpoint: true, lock_version: 4 } };
    void patch;
    // @ts-expect-error the runtime cannot change after creation
    const retype: UpdateFunctionRequestBody = { function: { function_type: "supabase_function" } };
    void retype;
  });

  it("types what may be missing or null on a function", () => {
    expectTypeOf<KapsoFunction["slug"]>().toEqualTypeOf<string>();
    expectTypeOf<KapsoFunction["function_type"]>().toEqualTypeOf<"cloudflare_worker" | "supabase_function">();
    expectTypeOf<KapsoFunction["version"]>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<KapsoFunction["lock_version"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<KapsoFunction["runtime_config"]>().toEqualTypeOf<
      { [key: string]: unknown } | null | undefined
    >();
    expectTypeOf<KapsoFunction>().not.toHaveProperty("cf_worker_url");
    expectTypeOf<DeployFunctionResponse>().toEqualTypeOf<{
      message: string;
      function_id: string;
      status: string;
    }>();
  });

  it("answers the invocation history as one object, not a paginated list", () => {
    type History = ListFunctionInvocationsResponse["data"];
    expectTypeOf<History["invocations"]>().toEqualTypeOf<FunctionInvocation[]>();
    expectTypeOf<History["total"]>().toEqualTypeOf<number>();
    expectTypeOf<FunctionInvocation["status_code"]>().toEqualTypeOf<number>();
    expectTypeOf<FunctionInvocation["error_message"]>().toEqualTypeOf<string | null | undefined>();
  });

  it("types the function status and the invocation filters", () => {
    expectTypeOf<KapsoFunctionStatus>().toEqualTypeOf<"draft" | "deployed" | "error">();
    expectTypeOf<KapsoFunction["status"]>().toEqualTypeOf<KapsoFunctionStatus>();
    expectTypeOf<ListFunctionInvocationsQuery["status"]>().toEqualTypeOf<"success" | "failed" | undefined>();
    expectTypeOf<ListFunctionInvocationsQuery["limit"]>().toEqualTypeOf<number | undefined>();
    // @ts-expect-error only success or failed
    const bad: ListFunctionInvocationsQuery = { status: "error" };
    void bad;
  });

  it("accepts any JSON object on invoke", () => {
    expectTypeOf<InvokeFunctionRequestBody>().toEqualTypeOf<{ [key: string]: unknown }>();
    // @ts-expect-error the payload is an object
    const text: InvokeFunctionRequestBody = "weight=5";
    void text;
  });

  it("requires name and value for a secret, wrapped in `secret`", () => {
    expectTypeOf<CreateFunctionSecretRequestBody>().toEqualTypeOf<{ secret: FunctionSecretInput }>();
    const wrapped: CreateFunctionSecretRequestBody = { secret: { name: "API_KEY", value: "k" } };
    const json: CreateFunctionSecretRequestBody = { secret: { name: "CONFIG", value: { region: "eu" } } };
    void wrapped;
    void json;
    // @ts-expect-error value is required
    const noValue: CreateFunctionSecretRequestBody = { secret: { name: "API_KEY" } };
    void noValue;
    // @ts-expect-error the secret goes under `secret`
    const unwrapped: CreateFunctionSecretRequestBody = { name: "CONFIG", value: "x" };
    void unwrapped;
    expectTypeOf<FunctionSecret["type"]>().toEqualTypeOf<"text" | "json" | "inherited">();
    expectTypeOf<DeleteFunctionResponse>().toEqualTypeOf<void>();
  });
});
