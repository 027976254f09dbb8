import { describe, expectTypeOf, it } from "vitest";
import type {
  CreateFunctionRequestBody,
  CreateFunctionSecretRequestBody,
  CreateWorkflowRequestBody,
  CreateWorkflowTriggerRequestBody,
  DeleteFunctionResponse,
  DeleteWorkflowTriggerResponse,
  FunctionSecretInput,
  GetWorkflowDefinitionResponse,
  GetWorkflowExecutionResponse,
  InvokeFunctionRequestBody,
  KapsoFunction,
  KapsoFunctionStatus,
  ListFunctionInvocationsQuery,
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
  WorkflowExecution,
  WorkflowExecutionMinimal,
  WorkflowExecutionStatus,
  WorkflowExecutionSummary,
  WorkflowExecutionTransitionStatus,
  WorkflowStatus,
  WorkflowTriggerInput,
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
      WorkflowDefinition | undefined
    >();
  });

  it("requires lock_version on update", () => {
    expectTypeOf<UpdateWorkflowRequestBody["workflow"]["lock_version"]>().toEqualTypeOf<number>();
    const ok: UpdateWorkflowRequestBody = { workflow: { lock_version: 7, name: "v2" } };
    void ok;
    // @ts-expect-error lock_version is required
    const noLock: UpdateWorkflowRequestBody = { workflow: { name: "v2" } };
    void noLock;
  });

  it("extends the workflow with its graph in the definition response", () => {
    type WithDefinition = GetWorkflowDefinitionResponse["data"];
    expectTypeOf<WithDefinition>().toExtend<Workflow>();
    expectTypeOf<WithDefinition["definition"]>().toEqualTypeOf<WorkflowDefinition>();
    expectTypeOf<Workflow["last_executed_at"]>().toEqualTypeOf<string | null>();
  });
});

describe("@kapso/types: workflow executions", () => {
  it("wraps the start body in `workflow_execution` and requires the phone number", () => {
    const ok: StartWorkflowExecutionRequestBody = {
      workflow_execution: { phone_number: "+14155552671", variables: { order_id: "ORD-1" } },
    };
    void ok;
    // @ts-expect-error phone_number is required
    const noPhone: StartWorkflowExecutionRequestBody = { workflow_execution: { variables: {} } };
    void noPhone;
    expectTypeOf<StartWorkflowExecutionResponse["data"]["tracking_id"]>().toEqualTypeOf<string>();
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

  it("takes an unwrapped resume body whose data is a string or an object", () => {
    const text: ResumeWorkflowExecutionRequestBody = { message: { kind: "payload", data: "yes" } };
    const structured: ResumeWorkflowExecutionRequestBody = {
      message: { data: { button_id: "confirm" } },
      variables: { confirmed: true },
    };
    void text;
    void structured;
    // @ts-expect-error message is required
    const noMessage: ResumeWorkflowExecutionRequestBody = { variables: {} };
    void noMessage;
    // @ts-expect-error data is a string or an object
    const numeric: ResumeWorkflowExecutionRequestBody = { message: { data: 42 } };
    void numeric;
    expectTypeOf<ResumeWorkflowExecutionResponse["data"]>().toEqualTypeOf<WorkflowExecutionMinimal>();
  });

  it("builds the full execution on the summary", () => {
    type Full = GetWorkflowExecutionResponse["data"];
    expectTypeOf<Full>().toEqualTypeOf<WorkflowExecution>();
    expectTypeOf<Full>().toExtend<WorkflowExecutionSummary>();
    expectTypeOf<Full["status"]>().toEqualTypeOf<WorkflowExecutionStatus>();
    expectTypeOf<Full["execution_context"]["vars"]>().toEqualTypeOf<{ [key: string]: unknown } | undefined>();
    expectTypeOf<WorkflowExecutionMinimal>().not.toHaveProperty("execution_context");
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
    expectTypeOf<UpdateWorkflowTriggerRequestBody>().toEqualTypeOf<{ trigger: { active: boolean } }>();
    // @ts-expect-error the trigger type cannot be changed
    const retype: UpdateWorkflowTriggerRequestBody = { trigger: { active: true, trigger_type: "x" } };
    void retype;
  });

  it("has no body on delete", () => {
    expectTypeOf<DeleteWorkflowTriggerResponse>().toEqualTypeOf<void>();
  });
});

describe("@kapso/types: functions", () => {
  it("wraps create and update in `function`, name required on create only", () => {
    const ok: CreateFunctionRequestBody = {
      function: { name: "Shipping", code: "async function handler() {}" },
    };
    void ok;
    // @ts-expect-error name is required on create
    const noName: CreateFunctionRequestBody = { function: { code: "" } };
    void noName;
    const patch: UpdateFunctionRequestBody = { function: { public_endpoint: true } };
    void patch;
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

  it("accepts any payload on invoke", () => {
    expectTypeOf<InvokeFunctionRequestBody>().toEqualTypeOf<unknown>();
  });

  it("requires name and value for a secret, wrapped or not", () => {
    expectTypeOf<CreateFunctionSecretRequestBody>().toEqualTypeOf<
      { secret: FunctionSecretInput } | FunctionSecretInput
    >();
    const wrapped: CreateFunctionSecretRequestBody = { secret: { name: "API_KEY", value: "k" } };
    const json: CreateFunctionSecretRequestBody = { name: "CONFIG", value: { region: "eu" } };
    void wrapped;
    void json;
    // @ts-expect-error value is required
    const noValue: CreateFunctionSecretRequestBody = { secret: { name: "API_KEY" } };
    void noValue;
    expectTypeOf<DeleteFunctionResponse>().toEqualTypeOf<void>();
  });
});
