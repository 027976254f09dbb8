import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { json, type LoopbackServer, startLoopbackServer } from "@kapso/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKapsoClientWithTiming } from "./client.js";
import { TAKES_IDEMPOTENCY_KEY } from "./idempotency.js";

const KEY = "kapso_test_secret_9f8e7d6c5b4a";
const REVOKE = "/whatsapp/portfolios/{portfolio_id}/funding/revoke";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Post = (path: string, init: object) => Promise<{ response: Response }>;

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());

function client() {
  let clock = 0;
  const kapso = createKapsoClientWithTiming(
    { apiKey: KEY, baseUrl: `${server.origin}/platform/v1` },
    {
      sleep: async (ms) => {
        clock += ms;
      },
      random: () => 1,
      now: () => clock,
    },
  );
  // Untyped, as a JavaScript caller would call it: the spec's type asks for the key.
  return kapso as unknown as { POST: Post };
}

const revoke = { params: { path: { portfolio_id: "823380597459265" } } };
const failTwice = () =>
  server.handle((_request, res, n) =>
    n < 3 ? json(res, 503, { error: "unavailable" }) : json(res, 202, { data: { status: "queued" } }),
  );

describe("Idempotency-Key", () => {
  it("is generated once per call and sent on every attempt, so a 5xx is retried like a GET", async () => {
    failTwice();
    const kapso = client();
    const { response } = await kapso.POST(REVOKE, revoke);
    expect(response.status).toBe(202);
    const keys = server.requests.map((request) => request.headers["idempotency-key"]);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(UUID);
    expect(new Set(keys).size).toBe(1);

    // The next call is another operation on the server: it gets a key of its own.
    failTwice();
    await kapso.POST(REVOKE, revoke);
    const next = server.requests[0]?.headers["idempotency-key"];
    expect(next).toMatch(UUID);
    expect(next).not.toBe(keys[0]);
  });

  it("keeps the caller's key, given as the spec's header parameter or as a header", async () => {
    for (const init of [
      { ...revoke, params: { ...revoke.params, header: { "Idempotency-Key": "stop-823380597459265" } } },
      { ...revoke, headers: { "idempotency-key": "stop-823380597459265" } },
    ]) {
      failTwice();
      await client().POST(REVOKE, init);
      expect(server.requests.map((request) => request.headers["idempotency-key"])).toEqual([
        "stop-823380597459265",
        "stop-823380597459265",
        "stop-823380597459265",
      ]);
    }
  });

  it("makes any POST that carries one retryable, and leaves a POST without one unretried after a 5xx", async () => {
    failTwice();
    await client().POST("/workflows/{workflow_id}/executions", {
      params: { path: { workflow_id: "wf_1" } },
      headers: { "Idempotency-Key": "run-1" },
      body: {},
    });
    expect(server.requests).toHaveLength(3);

    failTwice();
    const { response } = await client().POST("/workflows/{workflow_id}/executions", {
      params: { path: { workflow_id: "wf_1" } },
      body: {},
    });
    expect(response.status).toBe(503);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers["idempotency-key"]).toBeUndefined();
  });

  it("is generated for exactly the operations of the spec that take the header", () => {
    const specPath = createRequire(import.meta.url).resolve("@kapso/types/openapi.json");
    const spec = JSON.parse(readFileSync(specPath, "utf8")) as {
      paths: Record<
        string,
        Record<string, { parameters?: Array<{ name?: string; in?: string; $ref?: string }> }>
      >;
      components?: { parameters?: Record<string, { name?: string; in?: string }> };
    };
    const resolve = (parameter: { name?: string; in?: string; $ref?: string }) =>
      parameter.$ref ? spec.components?.parameters?.[parameter.$ref.split("/").pop() as string] : parameter;
    const fromSpec: string[] = [];
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const parameters = [
          ...((item as { parameters?: [] }).parameters ?? []),
          ...(operation.parameters ?? []),
        ];
        if (
          parameters
            .map(resolve)
            .some((p) => p?.in === "header" && p.name?.toLowerCase() === "idempotency-key")
        ) {
          fromSpec.push(`${method.toUpperCase()} ${path}`);
        }
      }
    }
    expect(fromSpec.length).toBeGreaterThan(0);
    // Every one of them is matched by the client's list, with the path as a request would have it.
    for (const operation of fromSpec) {
      const [method, path] = operation.split(" ") as [string, string];
      const concrete = `/platform/v1${path.replace(/\{[^}]+\}/g, "x_1")}`;
      expect(
        TAKES_IDEMPOTENCY_KEY.some((entry) => entry.method === method && entry.path.test(concrete)),
      ).toBe(true);
    }
    expect(TAKES_IDEMPOTENCY_KEY).toHaveLength(fromSpec.length);
  });
});
