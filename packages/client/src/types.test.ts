import type { ListWorkflowExecutionsResponse, paths } from "@kapso/types";
import createClient, { type Client } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import { createKapsoClient, type KapsoClient } from "./client.js";
import { KapsoApiError } from "./errors.js";
import { unwrap } from "./unwrap.js";

// Type-level only: the calls below are wrapped in functions that are never invoked.
const kapso = createKapsoClient({ apiKey: "k" });
const listFailed = () =>
  kapso.GET("/workflows/{workflow_id}/executions", {
    params: { path: { workflow_id: "wf_1" }, query: { status: "failed", limit: 100 } },
  });

describe("types", () => {
  it("is the openapi-fetch client over the Kapso paths", () => {
    expectTypeOf(kapso).toEqualTypeOf<KapsoClient>();
    expectTypeOf<KapsoClient>().toEqualTypeOf<Client<paths>>();
  });

  it("types the data of the seed endpoint as ListWorkflowExecutionsResponse", () => {
    type Result = Awaited<ReturnType<typeof listFailed>>;
    expectTypeOf<NonNullable<Result["data"]>>().toEqualTypeOf<ListWorkflowExecutionsResponse>();
    expectTypeOf(unwrap(listFailed())).resolves.toEqualTypeOf<ListWorkflowExecutionsResponse>();
  });

  it("rejects unknown paths and bad parameters", () => {
    const calls = () => [
      // @ts-expect-error not a Kapso path
      kapso.GET("/workflows/{workflow_id}/nope", { params: { path: { workflow_id: "wf_1" } } }),
      kapso.GET("/workflows/{workflow_id}/executions", {
        // @ts-expect-error status is one of the documented values
        params: { path: { workflow_id: "wf_1" }, query: { status: "exploded" } },
      }),
      // @ts-expect-error the path parameter is required
      kapso.GET("/workflows/{workflow_id}/executions", {}),
    ];
    expectTypeOf(calls).toBeFunction();
  });

  it("types unwrap of a 204 as undefined", () => {
    type NoContent = {
      "/things/{id}": {
        delete: {
          parameters: { path: { id: string } };
          responses: { 204: { headers: Record<string, unknown>; content?: never } };
        };
      };
    };
    const things = createClient<NoContent>();
    const remove = () => unwrap(things.DELETE("/things/{id}", { params: { path: { id: "1" } } }));
    expectTypeOf(remove).returns.resolves.toEqualTypeOf<undefined>();
  });

  it("exposes the error hierarchy", () => {
    expectTypeOf(KapsoApiError.fromResult).parameters.toEqualTypeOf<
      [
        { error?: unknown; response: Response },
        (
          | { method?: string; context?: Record<string, string | number | boolean | null | undefined> }
          | undefined
        )?,
      ]
    >();
  });
});
