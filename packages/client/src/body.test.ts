import {
  dropMidBody,
  flood,
  json,
  type LoopbackServer,
  sendBytes,
  stallAfterHeaders,
  startLoopbackServer,
  truncated,
} from "@kapso/test-support";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MAX_ERROR_BODY_BYTES } from "./body.js";
import { KapsoApiError, KapsoConnectionError, KapsoResponseError, KapsoTimeoutError } from "./errors.js";
import { loopbackClient, rejection } from "./test-setup.js";
import { unwrap } from "./unwrap.js";

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());

describe("a body that fails mid-way", () => {
  it("is a KapsoConnectionError, retried for a GET: 3 requests with maxRetries 2", async () => {
    server.handle((_req, res) => dropMidBody(res));
    const error = await rejection(loopbackClient(server, { maxRetries: 2 }).GET("/workflows"));
    expect(error).toBeInstanceOf(KapsoConnectionError);
    expect(error.message).toMatch(
      /^Could not reach the Kapso API on GET \/platform\/v1\/workflows \(3 attempts\)/,
    );
    expect(server.requests).toHaveLength(3);
  });

  it("then succeeds when a later attempt gets the whole body", async () => {
    server.handle((_req, res, attempt) => (attempt === 1 ? dropMidBody(res) : json(res, 200, { data: [1] })));
    const { data } = await loopbackClient(server).GET("/workflows");
    expect(data).toEqual({ data: [1] });
  });

  it.each(["POST", "PATCH"] as const)("is never replayed for a %s: 1 request", async (method) => {
    server.handle((_req, res) => dropMidBody(res));
    const error = await rejection(
      loopbackClient(server, { maxRetries: 2 })[method]("/workflows", { body: {} }),
    );
    expect(error).toBeInstanceOf(KapsoConnectionError);
    expect(server.requests).toHaveLength(1);
  });
});

describe("timeoutMs covers the body", () => {
  // The stalled server never finishes: only the client's own timer can end these calls.
  it.each([
    ["GET", 200],
    ["GET", 503],
    ["POST", 200],
  ] as const)(
    "a %s whose %s body stalls after the headers is a KapsoTimeoutError",
    async (method, status) => {
      // The attempt timers run on a fake clock, moved only once the server holds each attempt, so a
      // loaded machine cannot time an attempt out before it reaches the server.
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
      try {
        server.handle((_req, res) => stallAfterHeaders(res, '{"data": [', { status }));
        const kapso = loopbackClient(server, { timeoutMs: 50, maxRetries: 1 });
        const outcome = rejection(kapso[method]("/workflows", method === "POST" ? { body: {} } : {}));
        const attempts = method === "GET" ? 2 : 1;
        for (let attempt = 1; attempt <= attempts; attempt++) {
          await server.until(() => server.requests.length >= attempt);
          await vi.advanceTimersByTimeAsync(50);
        }
        const error = await outcome;
        expect(error).toBeInstanceOf(KapsoTimeoutError);
        expect(error.message).toContain("timed out after 50 ms");
        expect(server.requests).toHaveLength(attempts);
      } finally {
        vi.useRealTimers();
      }
    },
  );
});

describe("a 2xx body that is not what its content type says", () => {
  it.each([
    ["cut JSON", "application/json", '{"data": [{"id": 1}, {"id'],
    ["NaN", "application/json", "NaN"],
    ["an HTML page", "text/html", "<!doctype html><h1>Bad gateway</h1>"],
    ["random bytes", "application/octet-stream", new Uint8Array([0xff, 0x00, 0xfe, 0x7b, 0x22])],
  ])("is a KapsoResponseError for %s, from GET and POST", async (_what, contentType, body) => {
    server.handle((_req, res) => sendBytes(res, body, { headers: { "content-type": contentType } }));
    const kapso = loopbackClient(server);
    // One call at a time: a second call's rejection must not arrive before anything awaits it.
    for (const call of [() => kapso.GET("/workflows"), () => kapso.POST("/workflows", { body: {} })]) {
      const error = (await rejection(call())) as KapsoResponseError;
      expect(error).toBeInstanceOf(KapsoResponseError);
      expect(error.status).toBe(200);
      expect(error.contentType).toBe(contentType);
      expect(error.bodyStart).toBe(
        new TextDecoder().decode(typeof body === "string" ? new TextEncoder().encode(body) : body),
      );
      expect(error.message).toContain("the body is not valid JSON");
    }
  });

  it("quotes at most the first 64 bytes", async () => {
    server.handle((_req, res) => truncated(res, `{"data": "${"x".repeat(500)}"}`, 400));
    const error = (await rejection(loopbackClient(server).GET("/workflows"))) as KapsoResponseError;
    expect(error.bodyStart).toBe(`{"data": "${"x".repeat(54)}`);
  });
});

describe("body limits", () => {
  it("keeps 64 KB of an error body, cancels the rest and marks the cut", async () => {
    server.handle((_req, res) =>
      flood(res, { status: 500, totalBytes: 50 * 1024 * 1024, headers: { "content-type": "text/plain" } }),
    );
    const result = await loopbackClient(server, { maxRetries: 0 }).GET("/workflows");
    const text = result.error as string;
    expect(text.startsWith("x".repeat(MAX_ERROR_BODY_BYTES))).toBe(true);
    expect(text.slice(MAX_ERROR_BODY_BYTES)).toBe(`… [cut after ${MAX_ERROR_BODY_BYTES} bytes]`);
    const error = await rejection(unwrap(Promise.resolve(result)));
    expect(error).toBeInstanceOf(KapsoApiError);
  });

  it("fails a success body past maxResponseBytes with a KapsoResponseError, not retried", async () => {
    server.handle((_req, res) => flood(res, { totalBytes: 10_000, prefix: '{"data": "' }));
    const error = (await rejection(
      loopbackClient(server, { maxResponseBytes: 4096 }).GET("/workflows"),
    )) as KapsoResponseError;
    expect(error).toBeInstanceOf(KapsoResponseError);
    expect(error.message).toContain("the body is larger than maxResponseBytes (4096 bytes)");
    expect(server.requests).toHaveLength(1);
  });

  it("refuses a maxResponseBytes that is not a positive number", () => {
    expect(() => loopbackClient(server, { maxResponseBytes: 0 })).toThrow(
      "maxResponseBytes must be a positive number, got 0",
    );
  });
});

describe("errors render safely", () => {
  it("toJSON never throws, and its result always stringifies", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const body of [{ n: 1n }, cycle]) {
      const error = new KapsoApiError({ status: 400, body, path: "/x" });
      expect(() => error.toJSON()).not.toThrow();
      expect(JSON.parse(JSON.stringify(error)).body).toBe("[not serializable]");
    }
  });

  it("caps header values copied into messages", async () => {
    const long = "r".repeat(10_000);
    server.handle((_req, res) => json(res, 404, { error: "gone" }, { "x-request-id": long }));
    const error = (await rejection(unwrap(loopbackClient(server).GET("/workflows")))) as KapsoApiError;
    expect(error.requestId).toBe(`${"r".repeat(200)}…`);
    expect(error.message.length).toBeLessThan(400);
  });
});
