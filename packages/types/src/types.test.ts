import { describe, expectTypeOf, it } from "vitest";
import type {
  ErrorResponse,
  ListWorkflowExecutionsQuery,
  ListWorkflowExecutionsResponse,
  Paging,
  paths,
  WorkflowExecutionStatus,
  WorkflowExecutionSummary,
} from "./index.js";

type ListExecutions = paths["/workflows/{workflow_id}/executions"]["get"];

describe("@kapso/types: the seed endpoint", () => {
  it("types the status filter as the documented union", () => {
    expectTypeOf<WorkflowExecutionStatus>().toEqualTypeOf<
      "running" | "waiting" | "ended" | "failed" | "handoff"
    >();
    expectTypeOf<ListWorkflowExecutionsQuery["status"]>().toEqualTypeOf<
      WorkflowExecutionStatus | undefined
    >();
  });

  it("makes the nullable fields string | null, and optional where Kapso may leave them out", () => {
    expectTypeOf<WorkflowExecutionSummary["ended_at"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<WorkflowExecutionSummary["tracking_id"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<WorkflowExecutionSummary["whatsapp_conversation_id"]>().toEqualTypeOf<
      string | null | undefined
    >();
    type Step = NonNullable<WorkflowExecutionSummary["current_step"]>;
    expectTypeOf<Step["id"]>().toEqualTypeOf<string>();
    expectTypeOf<Step["identifier"]>().toEqualTypeOf<string>();
    expectTypeOf<Step["stepable_type"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Step["position"]>().toEqualTypeOf<{ x?: number; y?: number } | null | undefined>();
    expectTypeOf<WorkflowExecutionSummary["started_at"]>().toEqualTypeOf<string>();
    expectTypeOf<WorkflowExecutionSummary["last_event_at"]>().toEqualTypeOf<string>();
    // The reference page's items carry no status; Kapso's schema has it. Declared, not required.
    expectTypeOf<WorkflowExecutionSummary["status"]>().toEqualTypeOf<WorkflowExecutionStatus | undefined>();
  });

  it("types limit as a number and cursors as strings", () => {
    expectTypeOf<ListWorkflowExecutionsQuery["limit"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ListWorkflowExecutionsQuery["after"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ListWorkflowExecutionsQuery["before"]>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error limit is a number, not a string
    const bad: ListWorkflowExecutionsQuery = { limit: "100" };
    void bad;
  });

  it("requires the workflow_id path parameter", () => {
    expectTypeOf<ListExecutions["parameters"]["path"]>().toEqualTypeOf<{ workflow_id: string }>();
  });

  it("makes data and paging required in the 200 body", () => {
    expectTypeOf<ListWorkflowExecutionsResponse>().toEqualTypeOf<
      ListExecutions["responses"][200]["content"]["application/json"]
    >();
    expectTypeOf<ListWorkflowExecutionsResponse["data"]>().toEqualTypeOf<WorkflowExecutionSummary[]>();
    expectTypeOf<ListWorkflowExecutionsResponse["paging"]>().toEqualTypeOf<Paging>();
    // @ts-expect-error paging is required
    const missingPaging: ListWorkflowExecutionsResponse = { data: [] };
    void missingPaging;
  });

  it("types every documented error response with ErrorResponse", () => {
    expectTypeOf<
      ListExecutions["responses"][401]["content"]["application/json"]
    >().toEqualTypeOf<ErrorResponse>();
    expectTypeOf<
      ListExecutions["responses"][404]["content"]["application/json"]
    >().toEqualTypeOf<ErrorResponse>();
    expectTypeOf<
      ListExecutions["responses"][422]["content"]["application/json"]
    >().toEqualTypeOf<ErrorResponse>();
    expectTypeOf<
      ListExecutions["responses"][429]["content"]["application/json"]
    >().toEqualTypeOf<ErrorResponse>();
  });

  it("rejects an unknown path", () => {
    // @ts-expect-error no such path in the spec
    expectTypeOf<paths["/workflows/{workflow_id}/nope"]>().not.toBeNever();
    expectTypeOf<"/workflows/{workflow_id}/nope">().not.toExtend<keyof paths>();
  });
});
