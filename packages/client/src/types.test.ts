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
  it("is the openapi-fetch client over the Kapso paths, plus withOptions", () => {
    expectTypeOf(kapso).toEqualTypeOf<KapsoClient>();
    expectTypeOf<KapsoClient>().toEqualTypeOf<KapsoClient<paths>>();
    expectTypeOf<KapsoClient>().toExtend<Client<paths>>();
    expectTypeOf<Omit<KapsoClient, "withOptions">>().toEqualTypeOf<Omit<Client<paths>, never>>();
    expectTypeOf(kapso.withOptions({ timeoutMs: 1 })).toEqualTypeOf<KapsoClient>();
    expectTypeOf(kapso.withOptions({}).withOptions({ maxRetries: 0 })).toEqualTypeOf<KapsoClient>();
  });

  it("is generic over any paths type, so a custom route needs no cast", () => {
    type MyPaths = {
      "/internal/reports/{report_id}": {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        get: {
          parameters: { path: { report_id: string } };
          responses: {
            200: {
              headers: Record<string, unknown>;
              content: { "application/json": { id: string; rows: number } };
            };
          };
        };
      };
    };
    const custom = createKapsoClient<MyPaths>({ apiKey: "k" });
    expectTypeOf(custom).toEqualTypeOf<KapsoClient<MyPaths>>();
    expectTypeOf(custom).toExtend<Client<MyPaths>>();
    const report = () =>
      unwrap(custom.GET("/internal/reports/{report_id}", { params: { path: { report_id: "r1" } } }));
    expectTypeOf(report).returns.resolves.toEqualTypeOf<{ id: string; rows: number }>();
    const tuned = () =>
      custom
        .withOptions({ maxRetries: 0 })
        .GET("/internal/reports/{report_id}", { params: { path: { report_id: "r1" } } });
    expectTypeOf(tuned).returns.resolves.toHaveProperty("data");
    const wrong = () => [
      // @ts-expect-error a Kapso path is not a path of MyPaths
      custom.GET("/workflows"),
    ];
    expectTypeOf(wrong).toBeFunction();
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
        { error?: unknown; response: Response; method?: string },
        (
          | { method?: string; context?: Record<string, string | number | boolean | null | undefined> }
          | undefined
        )?,
      ]
    >();
  });
});
