import { json, type LoopbackServer, startLoopbackServer } from "@kapso/test-support";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createKapsoClient } from "./client.js";
import { KapsoApiError } from "./errors.js";
import type { Fetch } from "./fetch.js";
import { getRateLimit } from "./rate-limit.js";
import { unwrap } from "./unwrap.js";

const KEY = "kapso_test_secret_9f8e7d6c5b4a";
const BASE = "https://api.kapso.test/platform/v1";

const headersOf = (headers: Record<string, string>) => ({ headers: new Headers(headers) });

describe("getRateLimit", () => {
  it("reads the key's limit, the burst limit and Retry-After", () => {
    expect(
      getRateLimit(
        headersOf({
          "X-RateLimit-Limit": "500",
          "X-RateLimit-Remaining": "0",
          "X-Burst-RateLimit-Limit": "15",
          "X-Burst-RateLimit-Remaining": "3",
          "Retry-After": "60",
        }),
      ),
    ).toEqual({ limit: 500, remaining: 0, burstLimit: 15, burstRemaining: 3, retryAfterMs: 60_000 });
    expect(getRateLimit(headersOf({ "x-ratelimit-limit": "100", "x-ratelimit-remaining": " 42 " }))).toEqual({
      limit: 100,
      remaining: 42,
    });
  });

  it("is undefined without both of the key's headers", () => {
    expect(getRateLimit(new Response(null))).toBeUndefined();
    expect(getRateLimit(headersOf({ "X-RateLimit-Limit": "100", "Retry-After": "60" }))).toBeUndefined();
    expect(getRateLimit(headersOf({ "X-RateLimit-Remaining": "3" }))).toBeUndefined();
  });

  it.each(["", "abc", "-1", "20, 20", "1e3", "0x10", "Tomorrow"])(
    "counts %j as absent, never throws",
    (value) => {
      expect(
        getRateLimit(headersOf({ "X-RateLimit-Limit": value, "X-RateLimit-Remaining": "5" })),
      ).toBeUndefined();
      expect(
        getRateLimit(
          headersOf({
            "X-RateLimit-Limit": "100",
            "X-RateLimit-Remaining": "5",
            "X-Burst-RateLimit-Limit": value,
            "X-Burst-RateLimit-Remaining": value,
            "Retry-After": value,
          }),
        ),
      ).toEqual({ limit: 100, remaining: 5 });
    },
  );

  it("takes no fraction for a count", () => {
    expect(
      getRateLimit(headersOf({ "X-RateLimit-Limit": "1.5", "X-RateLimit-Remaining": "1" })),
    ).toBeUndefined();
  });

  it("is carried by KapsoApiError as rateLimit", () => {
    const error = new KapsoApiError({
      status: 429,
      body: {},
      path: "/workflows",
      headers: new Headers({ "X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "0", "Retry-After": "60" }),
    });
    expect(error.rateLimit).toEqual({ limit: 100, remaining: 0, retryAfterMs: 60_000 });
  });
});

/**
 * A fetch the test answers by hand: every request waits in `pending` until the test settles it, so
 * the test sees exactly which attempts the client let out, and when.
 */
function heldFetch() {
  const pending: Array<{ url: string; headers: Headers; answer(response: Response): void }> = [];
  let sent = 0;
  const fetch: Fetch = (input) => {
    sent++;
    const request = input as Request;
    return new Promise((resolve, reject) => {
      request.signal.addEventListener("abort", () => reject(request.signal.reason));
      pending.push({ url: request.url, headers: new Headers(request.headers), answer: resolve });
    });
  };
  return { fetch, pending, sent: () => sent };
}

const limited = (status: number, remaining: number, extra: Record<string, string> = {}) =>
  new Response(status === 204 ? null : "{}", {
    status,
    headers: {
      "content-type": "application/json",
      "X-RateLimit-Limit": "20",
      "X-RateLimit-Remaining": String(remaining),
      ...extra,
    },
  });

/** Lets every settled promise and its continuations run without moving the fake clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe("the client's shared rate-limit state (fake timers)", () => {
  beforeAll(() => {
    vi.useFakeTimers();
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it("lets at most 5 attempts go before the first answer, then as many as remain", async () => {
    const server = heldFetch();
    const kapso = createKapsoClient({ apiKey: KEY, baseUrl: BASE, fetch: server.fetch });
    const calls = Array.from({ length: 30 }, () => kapso.GET("/workflows"));
    await settle();
    expect(server.sent()).toBe(5);
    // 10 left after the first answer, 4 still in flight: 6 more go at once.
    server.pending.shift()?.answer(limited(200, 10));
    await settle();
    expect(server.sent()).toBe(11);
    // Fewer than remain in flight, so nothing is slowed: every answer with room lets the next go.
    for (const answer of server.pending.splice(0)) answer.answer(limited(200, 5));
    await settle();
    expect(server.sent()).toBe(16);
    for (const answer of server.pending.splice(0)) answer.answer(limited(200, 500));
    await settle();
    for (;;) {
      const batch = server.pending.splice(0);
      if (batch.length === 0) break;
      for (const answer of batch) answer.answer(limited(200, 500));
      await settle();
    }
    expect((await Promise.all(calls)).every(({ response }) => response.ok)).toBe(true);
    expect(server.sent()).toBe(30);
  });

  it("does not slow calls while the window has room", async () => {
    const server = heldFetch();
    const kapso = createKapsoClient({ apiKey: KEY, baseUrl: BASE, fetch: server.fetch });
    const first = kapso.GET("/workflows");
    await settle();
    server.pending.shift()?.answer(limited(200, 100));
    await first;
    const calls = Array.from({ length: 50 }, () => kapso.GET("/workflows"));
    await settle();
    expect(server.sent()).toBe(51);
    for (const answer of server.pending.splice(0)) answer.answer(limited(200, 40));
    await Promise.all(calls);
  });

  it("takes a limit of 0 on a success (a mock's placeholder) for no reading", async () => {
    const server = heldFetch();
    const kapso = createKapsoClient({ apiKey: KEY, baseUrl: BASE, fetch: server.fetch });
    const first = kapso.GET("/workflows");
    await settle();
    server.pending.shift()?.answer(
      new Response("{}", {
        headers: {
          "X-RateLimit-Limit": "0",
          "X-RateLimit-Remaining": "0",
          "X-Burst-RateLimit-Limit": "0",
          "X-Burst-RateLimit-Remaining": "0",
        },
      }),
    );
    await first;
    const calls = Array.from({ length: 20 }, () => kapso.GET("/workflows"));
    await settle();
    expect(server.sent()).toBe(21);
    for (const answer of server.pending.splice(0)) answer.answer(limited(200, 400));
    await Promise.all(calls);
  });

  it("after a 429 without Retry-After, goes one at a time until an answer without rate-limit headers, then unthrottled", async () => {
    const server = heldFetch();
    const kapso = createKapsoClient({ apiKey: KEY, baseUrl: BASE, fetch: server.fetch, maxRetries: 0 });
    const first = kapso.GET("/workflows");
    await settle();
    server.pending.shift()?.answer(new Response("{}", { status: 429 }));
    await first;
    const calls = Array.from({ length: 10 }, () => kapso.GET("/workflows"));
    await settle();
    // Nothing remains as far as the client knows: one attempt finds out whether the window moved on.
    expect(server.sent()).toBe(2);
    server.pending.shift()?.answer(new Response("{}", { headers: { "content-type": "application/json" } }));
    await settle();
    // A success that says nothing of the limit: nothing to count down from, so no throttle.
    expect(server.sent()).toBe(11);
    for (const answer of server.pending.splice(0)) answer.answer(new Response("{}"));
    await Promise.all(calls);
  });

  it("after a 429 pauses every call of the client and its withOptions children until Retry-After, then paces them", async () => {
    const server = heldFetch();
    const kapso = createKapsoClient({ apiKey: KEY, baseUrl: BASE, fetch: server.fetch });
    const child = kapso.withOptions({ timeoutMs: 60_000 });
    const first = kapso.GET("/workflows");
    await settle();
    server.pending.shift()?.answer(limited(429, 0, { "Retry-After": "1" }));
    await settle();
    // The refused call waits to retry; 20 calls of the child made now wait with it.
    const calls = Array.from({ length: 20 }, () => child.GET("/workflows"));
    await vi.advanceTimersByTimeAsync(999);
    expect(server.sent()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    // The pause is over: one attempt goes; with none left in the window it goes alone.
    expect(server.sent()).toBe(2);
    server.pending.shift()?.answer(limited(200, 19));
    await settle();
    // 20 a second (Retry-After 1 s over the limit of 20): one every 50 ms, not all at once.
    for (let sent = 2; sent < 21; sent++) {
      expect(server.sent()).toBe(sent);
      await vi.advanceTimersByTimeAsync(49);
      expect(server.sent()).toBe(sent);
      await vi.advanceTimersByTimeAsync(1);
      server.pending.shift()?.answer(limited(200, Math.max(0, 19 - sent)));
    }
    await vi.advanceTimersByTimeAsync(50);
    for (const answer of server.pending.splice(0)) answer.answer(limited(200, 10));
    const results = await Promise.all([first, ...calls]);
    expect(results.every(({ response }) => response.ok)).toBe(true);
    expect(server.sent()).toBe(22);
  });

  it("pauses for at most the maxRetryAfterMs of the client whose call got the 429", async () => {
    const server = heldFetch();
    const kapso = createKapsoClient({ apiKey: KEY, baseUrl: BASE, fetch: server.fetch });
    const impatient = kapso.withOptions({ maxRetryAfterMs: 5_000 });
    const refused = impatient.GET("/workflows");
    await settle();
    server.pending.shift()?.answer(limited(429, 0, { "Retry-After": "60" }));
    // Not waited for by the call itself: its answer is returned as is.
    expect((await refused).response.status).toBe(429);
    const next = kapso.GET("/workflows");
    await vi.advanceTimersByTimeAsync(4_999);
    expect(server.sent()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.sent()).toBe(2);
    server.pending.shift()?.answer(limited(200, 99));
    expect((await next).response.ok).toBe(true);
  });

  it("removes a call waiting out a pause as soon as its caller aborts", async () => {
    const server = heldFetch();
    const kapso = createKapsoClient({ apiKey: KEY, baseUrl: BASE, fetch: server.fetch, maxRetries: 0 });
    const first = kapso.GET("/workflows");
    await settle();
    server.pending.shift()?.answer(limited(429, 0, { "Retry-After": "60" }));
    expect((await first).response.status).toBe(429);
    const controller = new AbortController();
    const waiting = kapso.GET("/workflows", { signal: controller.signal });
    const reason = new Error("caller gave up");
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(server.sent()).toBe(1);
    // No timer is left behind for a line that is empty.
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("maxConcurrency", () => {
  beforeAll(() => {
    vi.useFakeTimers();
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it("never has more calls in flight, starts the waiting ones in order, and drops an aborted one at once", async () => {
    const server = heldFetch();
    const kapso = createKapsoClient({ apiKey: KEY, baseUrl: BASE, fetch: server.fetch, maxConcurrency: 2 });
    const controller = new AbortController();
    const calls = Array.from({ length: 6 }, (_, i) =>
      kapso.GET("/workflows/{workflow_id}", {
        params: { path: { workflow_id: `wf_${i}` } },
        ...(i === 3 && { signal: controller.signal }),
      }),
    );
    const reason = new Error("no longer needed");
    const aborted = calls[3]?.catch((error: unknown) => error);
    controller.abort(reason);
    expect(await aborted).toBe(reason);
    const order: string[] = [];
    let most = 0;
    while (order.length < 5) {
      await settle();
      most = Math.max(most, server.pending.length);
      const next = server.pending.shift();
      if (!next) throw new Error("nothing in flight");
      order.push(new URL(next.url).pathname.split("/").pop() as string);
      next.answer(limited(200, 500));
    }
    await Promise.all([0, 1, 2, 4, 5].map((i) => calls[i]));
    expect(most).toBe(2);
    expect(order).toEqual(["wf_0", "wf_1", "wf_2", "wf_4", "wf_5"]);
    expect(server.sent()).toBe(5);
  });

  it("is a positive integer or Infinity", () => {
    for (const bad of [0, -1, 1.5, Number.NaN, "2"]) {
      expect(() => createKapsoClient({ apiKey: KEY, maxConcurrency: bad as number })).toThrow(
        /^maxConcurrency must be a positive integer or Infinity, got /,
      );
    }
    expect(() => createKapsoClient({ apiKey: KEY, maxConcurrency: Number.POSITIVE_INFINITY })).not.toThrow();
  });
});

describe("against a server allowing 20 requests a second (real time; counts only)", () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startLoopbackServer();
  });
  afterAll(() => server.close());
  afterEach(() => server.reset());

  it("200 concurrent GETs with default settings all succeed, with at most 40 429s", {
    timeout: 60_000,
  }, async () => {
    // A fixed window per key: 20 requests from the first one, for a second; beyond, 429 and Retry-After: 1.
    let windowStart = Number.NEGATIVE_INFINITY;
    let used = 0;
    let refused = 0;
    server.handle((_request, res) => {
      const now = performance.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        used = 0;
      }
      const headers = { "X-RateLimit-Limit": "20", "X-RateLimit-Remaining": String(Math.max(0, 19 - used)) };
      if (used >= 20) {
        refused++;
        json(res, 429, { error: "Too many requests" }, { ...headers, "Retry-After": "1" });
        return;
      }
      used++;
      json(res, 200, { data: [] }, headers);
    });
    const kapso = createKapsoClient({ apiKey: KEY, baseUrl: `${server.origin}/platform/v1` });
    const results = await Promise.all(Array.from({ length: 200 }, () => unwrap(kapso.GET("/workflows"))));
    expect(results).toHaveLength(200);
    expect(refused).toBeLessThanOrEqual(40);
    expect(server.requests.length).toBe(200 + refused);
  });
});
