import { getEventListeners } from "node:events";
import { dropBeforeHeaders, json, type LoopbackServer } from "@kapso/test-support";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createKapsoClient, createKapsoClientWithTiming, type KapsoClientOptions } from "./client.js";
import { KapsoConfigError, KapsoConnectionError, KapsoError, KapsoTimeoutError } from "./errors.js";
import type { Timing } from "./fetch.js";
import { sleep } from "./retry.js";
import { startLoopbackServerPair } from "./test-setup.js";

const KEY = "kapso_test_secret_9f8e7d6c5b4a";
const EXECUTIONS = "/workflows/{workflow_id}/executions";
const SEEN_PATH = "/platform/v1/workflows/wf_1/executions";
const listInit = { params: { path: { workflow_id: "wf_1" }, query: { limit: 10 } } } as const;

type Result = { data?: unknown; error?: unknown; response: Response };
type RawClient = Record<
  string,
  (path: string, init?: { body?: unknown; signal?: AbortSignal }) => Promise<Result>
>;

let server: LoopbackServer;
let other: LoopbackServer;
startLoopbackServerPair((first, second) => {
  server = first;
  other = second;
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/**
 * Fake `setTimeout` only: the client's attempt timers and the real `sleep` then wait for
 * `vi.advanceTimersByTimeAsync`, while sockets, `setImmediate` and the server run for real.
 */
const fakeTimers = () => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });

/** One full turn of the event loop: every promise reaction that can run without I/O or a timer has run. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Moves the fake clock by `ms` and lets everything that follows from it, short of I/O, run. */
async function advance(ms: number) {
  await vi.advanceTimersByTimeAsync(ms);
  await turn();
}

/** A promise whose settlement can be read synchronously. */
function watch<T>(promise: Promise<T>) {
  const state = { settled: false, promise };
  promise.then(
    () => {
      state.settled = true;
    },
    () => {
      state.settled = true;
    },
  );
  return state;
}

/** A promise and the function that resolves it, for a test to wait on an event it is told about. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** Resolves once the server has received `count` requests in all. */
const received = (count: number) => server.until(() => server.requests.length >= count);

/** A client on the test server whose waits are recorded instead of slept (unless `internals` says otherwise). */
function setup(options: KapsoClientOptions = {}, internals: Partial<Timing> = {}) {
  const sleeps: number[] = [];
  // A recorded sleep moves the client's clock on by as much, so a Retry-After pause is over after it.
  let clock = Date.now();
  const kapso = createKapsoClientWithTiming(
    { apiKey: KEY, baseUrl: `${server.origin}/platform/v1`, ...options },
    {
      sleep: async (ms, signal) => {
        if (signal?.aborted) throw signal.reason;
        sleeps.push(ms);
        clock += ms;
      },
      random: () => 1,
      now: () => clock,
      ...internals,
    },
  );
  return { kapso, raw: kapso as unknown as RawClient, sleeps };
}

const list = (kapso: ReturnType<typeof setup>["kapso"], init: { signal?: AbortSignal } = {}) =>
  kapso.GET(EXECUTIONS, { ...listInit, ...init });

const page = { data: [], paging: { cursors: { before: null, after: null }, next: null, previous: null } };
const hang = () => {};
const drop = (_req: unknown, res: Parameters<typeof dropBeforeHeaders>[0]) => dropBeforeHeaders(res);

describe("retry policy", () => {
  it("retries a GET 503 up to maxRetries: 3 requests with maxRetries 2", async () => {
    server.handle((_req, res) => json(res, 503, { error: "down" }));
    const { kapso } = setup({ maxRetries: 2 });
    const { error, response } = await list(kapso);
    expect(response.status).toBe(503);
    expect(error).toEqual({ error: "down" });
    expect(server.requests).toHaveLength(3);
  });

  it.each([408, 429, 500, 502, 503, 504])("retries a GET answered %i", async (status) => {
    server.handle((_req, res, n) => (n === 1 ? json(res, status, {}) : json(res, 200, page)));
    const { kapso } = setup({ maxRetries: 1 });
    const { data } = await list(kapso);
    expect(data).toEqual(page);
    expect(server.requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 409, 422, 501])("does not retry a GET answered %i", async (status) => {
    server.handle((_req, res) => json(res, status, {}));
    const { kapso } = setup();
    expect((await list(kapso)).response.status).toBe(status);
    expect(server.requests).toHaveLength(1);
  });

  it.each(["PUT", "DELETE", "HEAD", "OPTIONS"])("retries a %s answered 503", async (method) => {
    server.handle((_req, res) => json(res, 503, {}));
    const { raw } = setup({ maxRetries: 2 });
    await raw[method]?.("/things/1");
    expect(server.requests.map((r) => r.method)).toEqual([method, method, method]);
  });

  it.each([
    ["POST", 500],
    ["POST", 502],
    ["POST", 503],
    ["POST", 504],
    ["POST", 408],
    ["PATCH", 500],
    ["PATCH", 503],
  ])("sends a %s answered %i exactly once", async (method, status) => {
    server.handle((_req, res) => json(res, status, { error: "boom" }));
    const { raw } = setup({ maxRetries: 2 });
    const result = await raw[method]?.("/customers", { body: { customer: { name: "A" } } });
    expect(result?.response.status).toBe(status);
    expect(server.requests).toHaveLength(1);
  });

  it.each(["POST", "PATCH"])("retries a %s answered 429, then returns the success", async (method) => {
    server.handle((_req, res, n) => (n < 3 ? json(res, 429, {}) : json(res, 201, { id: "c_1" })));
    const { raw } = setup({ maxRetries: 2 });
    const result = await raw[method]?.("/customers", { body: { customer: { name: "A" } } });
    expect(result?.data).toEqual({ id: "c_1" });
    expect(server.requests).toHaveLength(3);
  });

  it("never replays a POST whose connection dropped: exactly 1 request, KapsoConnectionError with cause", async () => {
    server.handle(drop);
    const { raw } = setup({ maxRetries: 2 });
    const error = await raw.POST?.("/customers", { body: { customer: { name: "A" } } }).catch((e) => e);
    expect(error).toBeInstanceOf(KapsoConnectionError);
    expect(error).not.toBeInstanceOf(KapsoTimeoutError);
    expect(error.message).toContain("POST /platform/v1/customers");
    expect(error.cause).toBeInstanceOf(Error);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a GET whose connection dropped, then throws KapsoConnectionError", async () => {
    server.handle(drop);
    const { kapso } = setup({ maxRetries: 2 });
    const error = await list(kapso).catch((e) => e);
    expect(error).toBeInstanceOf(KapsoConnectionError);
    expect(error.message).toMatch(
      /^Could not reach the Kapso API on GET \/platform\/v1\/workflows\/wf_1\/executions \(3 attempts\)/,
    );
    expect(server.requests).toHaveLength(3);
  });

  it("makes a single request with maxRetries 0", async () => {
    server.handle((_req, res) => json(res, 503, {}));
    const { kapso } = setup({ maxRetries: 0 });
    await list(kapso);
    expect(server.requests).toHaveLength(1);
  });

  it("backs off with full jitter: 0.5 s doubling, capped at 8 s", async () => {
    server.handle((_req, res) => json(res, 503, {}));
    const top = setup({ maxRetries: 6 });
    await list(top.kapso);
    expect(top.sleeps).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    const quarter = setup({ maxRetries: 2 }, { random: () => 0.25 });
    await list(quarter.kapso);
    expect(quarter.sleeps).toEqual([125, 250]);
  });

  it("honours Retry-After in seconds", async () => {
    server.handle((_req, res, n) =>
      n === 1 ? json(res, 429, {}, { "retry-after": "3" }) : json(res, 200, page),
    );
    const { kapso, sleeps } = setup();
    expect((await list(kapso)).data).toEqual(page);
    expect(sleeps).toEqual([3000]);
  });

  it("honours Retry-After as an HTTP date", async () => {
    // A frozen clock on a whole second (an HTTP date has no milliseconds) makes the wait exact,
    // however long the request takes.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2026, 11, 7, 6, 0, 0) });
    const date = new Date(Date.now() + 10_000).toUTCString();
    server.handle((_req, res, n) =>
      n === 1 ? json(res, 503, {}, { "retry-after": date }) : json(res, 200, page),
    );
    const { kapso, sleeps } = setup();
    await list(kapso);
    expect(sleeps).toEqual([10_000]);
  });

  it("returns a response whose Retry-After exceeds maxRetryAfterMs at once, after 1 request", async () => {
    server.handle((_req, res) => json(res, 429, { error: "slow down" }, { "retry-after": "120" }));
    const { kapso, sleeps } = setup();
    const { error, response } = await list(kapso);
    expect(response.status).toBe(429);
    expect(error).toEqual({ error: "slow down" });
    expect(sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);

    const strict = setup({ maxRetryAfterMs: 2000 });
    server.handle((_req, res) => json(res, 429, {}, { "retry-after": "3" }));
    await list(strict.kapso);
    expect(server.requests).toHaveLength(1);
  });

  it("really waits when the sleep is not replaced", async () => {
    fakeTimers();
    server.handle((_req, res, n) =>
      n === 1 ? json(res, 503, {}, { "retry-after": "0.2" }) : json(res, 200, page),
    );
    let waiting: ReturnType<typeof watch<void>> | undefined;
    const backoff = deferred();
    const { kapso } = setup(
      {},
      {
        sleep: (ms, signal) => {
          waiting = watch(sleep(ms, signal));
          backoff.resolve();
          return waiting.promise;
        },
      },
    );
    const result = list(kapso);
    await backoff.promise;
    await advance(199);
    expect(waiting?.settled).toBe(false);
    expect(server.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await result).data).toEqual(page);
    expect(server.requests).toHaveLength(2);
  });

  it("re-sends the request body intact on every attempt", async () => {
    const body = { customer: { name: "Ada Lovelace ✓", external_customer_id: "ext-1", metadata: { n: 1 } } };
    server.handle((_req, res, n) =>
      n < 3 ? json(res, 429, {}, { "retry-after": "0" }) : json(res, 201, {}),
    );
    const { raw } = setup();
    const result = await raw.POST?.("/customers", { body });
    const response = result?.response;
    expect(response?.status).toBe(201);
    expect(server.requests).toHaveLength(3);
    for (const request of server.requests) {
      expect(JSON.parse(request.body)).toEqual(body);
      expect(request.headers["content-type"]).toBe("application/json");
      expect(request.headers["x-api-key"]).toBe(KEY);
    }
  });
});

describe("timeouts and cancellation", () => {
  it("fails a slow attempt with KapsoTimeoutError naming the timeout and the request", async () => {
    fakeTimers();
    server.handle(hang);
    const { kapso } = setup({ timeoutMs: 50, maxRetries: 0 });
    const call = watch(list(kapso).catch((e) => e));
    await received(1);
    await advance(49);
    expect(call.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await call.promise;
    expect(error).toBeInstanceOf(KapsoTimeoutError);
    expect(error).toBeInstanceOf(KapsoConnectionError);
    expect(error.message).toBe(`Kapso API request timed out after 50 ms on GET ${SEEN_PATH}`);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a GET that timed out, with a fresh timer per attempt", async () => {
    fakeTimers();
    server.handle((_req, res, n) => (n === 1 ? undefined : json(res, 200, page)));
    const { kapso, sleeps } = setup({ timeoutMs: 100, maxRetries: 1 });
    const result = list(kapso);
    await received(1);
    await vi.advanceTimersByTimeAsync(100);
    // The second attempt is answered at once; its own timer has not run at all.
    expect((await result).data).toEqual(page);
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toEqual([500]);
  });

  it("never retries a POST that timed out", async () => {
    fakeTimers();
    server.handle(hang);
    const { raw, sleeps } = setup({ timeoutMs: 300, maxRetries: 2 });
    const call = raw.POST?.("/customers", { body: { customer: { name: "A" } } }).catch((e) => e);
    await received(1);
    await vi.advanceTimersByTimeAsync(300);
    expect(await call).toBeInstanceOf(KapsoTimeoutError);
    // Every retry waits first, so no wait means no retry was even planned.
    expect(sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("rethrows the caller's abort reason mid-request and sends nothing more", async () => {
    // This sleep ignores the signal, so that only the client itself can stop a retry after the abort.
    const waits: number[] = [];
    const { kapso } = setup({ maxRetries: 2 }, { sleep: async (ms) => void waits.push(ms) });
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    // Aborts once the request has reached the server, and leaves it unanswered.
    server.handle(() => controller.abort(reason));
    await expect(list(kapso, { signal: controller.signal })).rejects.toBe(reason);
    // Every retry waits first, so no wait means no further attempt was planned.
    expect(waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("rejects with an AbortError when the caller aborts without a reason", async () => {
    const { kapso } = setup();
    const controller = new AbortController();
    server.handle(() => controller.abort());
    await expect(list(kapso, { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect(server.requests).toHaveLength(1);
  });

  it("stops waiting between attempts when the caller aborts mid-backoff", async () => {
    // Fake timers: the 30 s wait can only end by the abort, since the test never moves the clock.
    fakeTimers();
    server.handle((_req, res) => json(res, 503, {}, { "retry-after": "30" }));
    const backoff = deferred<number>();
    const { kapso } = setup(
      { maxRetries: 2 },
      {
        sleep: (ms, signal) => {
          backoff.resolve(ms);
          return sleep(ms, signal);
        },
      },
    );
    const controller = new AbortController();
    const reason = new Error("shutting down");
    const result = list(kapso, { signal: controller.signal });
    expect(await backoff.promise).toBe(30_000);
    controller.abort(reason);
    await expect(result).rejects.toBe(reason);
    expect(server.requests).toHaveLength(1);
  });

  it("times out each of several concurrent attempts on its own deadline", async () => {
    fakeTimers();
    server.handle((req, res) => (req.url.includes("fast") ? json(res, 200, page) : undefined));
    const { raw } = setup({ timeoutMs: 120, maxRetries: 0 });
    const outcome = (call: Promise<unknown> | undefined) =>
      watch(
        (call as Promise<unknown>).then(
          () => "ok",
          (error: unknown) => error,
        ),
      );
    const first = outcome(raw.GET?.("/slow/1"));
    await received(1);
    await advance(60);
    const second = outcome(raw.GET?.("/slow/2"));
    expect(await outcome(raw.GET?.("/fast")).promise).toBe("ok");
    await received(3);
    await advance(59); // 119 ms after the first, 59 ms after the second
    expect([first.settled, second.settled]).toEqual([false, false]);
    await advance(1); // 120 ms after the first
    expect(await first.promise).toBeInstanceOf(KapsoTimeoutError);
    expect(second.settled).toBe(false);
    await advance(59); // 119 ms after the second
    expect(second.settled).toBe(false);
    await advance(1);
    expect(await second.promise).toBeInstanceOf(KapsoTimeoutError);
    // A later request must be timed out too, after every earlier timer has fired.
    const later = outcome(raw.GET?.("/slow/3"));
    await received(4);
    await advance(119);
    expect(later.settled).toBe(false);
    await advance(1);
    expect(await later.promise).toBeInstanceOf(KapsoTimeoutError);
  });

  it("honours the caller's signal when a middleware replaced the request", async () => {
    const { kapso } = setup();
    kapso.use({ onRequest: ({ request }) => new Request(request) });
    const controller = new AbortController();
    const reason = new Error("stop");
    // Aborts once the request has reached the server, and leaves it unanswered.
    server.handle(() => controller.abort(reason));
    await expect(list(kapso, { signal: controller.signal })).rejects.toBe(reason);
    expect(server.requests[0]?.headers["x-api-key"]).toBe(KEY);
  });

  it("sends nothing when the signal is already aborted", async () => {
    server.handle((_req, res) => json(res, 200, page));
    const { kapso } = setup();
    await expect(list(kapso, { signal: AbortSignal.abort(new Error("early")) })).rejects.toThrow("early");
    expect(server.requests).toHaveLength(0);
  });

  it("lets the caller abort while the body is still arriving", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"data": [');
    });
    // Passes the body on as it arrives, and says when the first bytes have been handed to the reader.
    const firstBytes = deferred();
    const { kapso } = setup({
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const upstream = (response.body as ReadableStream<Uint8Array>).getReader();
        const body = new ReadableStream<Uint8Array>({
          async pull(controller) {
            const { done, value } = await upstream.read();
            if (done) return controller.close();
            controller.enqueue(value);
            firstBytes.resolve();
          },
        });
        return new Response(body, response);
      },
    });
    const controller = new AbortController();
    const reason = new Error("enough");
    const result = list(kapso, { signal: controller.signal });
    // The body is being read, and the rest of it will never come, when the caller aborts.
    await firstBytes.promise;
    controller.abort(reason);
    // Without the abort reaching the body stream, this read would hang until the test times out.
    await expect(result).rejects.toBe(reason);
  }, 10_000);

  it("leaves no listener on a caller's signal shared by many requests", async () => {
    server.handle((_req, res) => json(res, 200, page));
    const { kapso } = setup();
    const controller = new AbortController();
    for (let i = 0; i < 50; i++) await list(kapso, { signal: controller.signal });
    await Promise.all(Array.from({ length: 20 }, () => list(kapso, { signal: controller.signal })));
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    expect(server.requests).toHaveLength(70);
  });
});

describe("redirects", () => {
  it("follows a same-origin redirect, keeping the key", async () => {
    server.handle((req, res) =>
      req.url.startsWith("/moved")
        ? json(res, 200, page)
        : res.writeHead(302, { location: "/moved/here" }).end(),
    );
    const { kapso } = setup();
    expect((await list(kapso)).data).toEqual(page);
    expect(server.requests.map((r) => r.url)).toEqual([`${SEEN_PATH}?limit=10`, "/moved/here"]);
    expect(server.requests.every((r) => r.headers["x-api-key"] === KEY)).toBe(true);
  });

  it("keeps method and body across a 307 and turns a POST into a GET after a 303", async () => {
    server.handle((req, res) => {
      if (req.url === "/platform/v1/customers")
        return res.writeHead(307, { location: "/v2/customers" }).end();
      if (req.url === "/v2/customers") return res.writeHead(303, { location: "/v2/customers/c_1" }).end();
      json(res, 200, { id: "c_1" });
    });
    const { raw } = setup();
    const body = { customer: { name: "A", external_customer_id: "1" } };
    expect((await raw.POST?.("/customers", { body }))?.data).toEqual({ id: "c_1" });
    expect(server.requests.map((r) => [r.method, r.body])).toEqual([
      ["POST", JSON.stringify(body)],
      ["POST", JSON.stringify(body)],
      ["GET", ""],
    ]);
  });

  it("refuses a cross-origin redirect: the other server never sees the key (or anything)", async () => {
    other.handle((_req, res) => json(res, 200, page));
    server.handle((_req, res) => res.writeHead(302, { location: `${other.origin}/collect` }).end());
    const { kapso } = setup({ maxRetries: 2 });
    const error = await list(kapso).catch((e) => e);
    expect(error).toBeInstanceOf(KapsoConnectionError);
    expect(error.message).toBe(
      `Kapso API redirected GET ${SEEN_PATH} to ${other.origin}; not followed, so that the API key only goes to ${server.origin}`,
    );
    expect(other.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
  });

  it("treats another host name for the same server as another origin", async () => {
    const port = new URL(server.origin).port;
    server.handle((_req, res) => res.writeHead(301, { location: `http://localhost:${port}/x` }).end());
    const { kapso } = setup();
    await expect(list(kapso)).rejects.toThrow(/to http:\/\/localhost:\d+; not followed/);
    expect(server.requests).toHaveLength(1);
  });

  it("gives up after 5 redirects", async () => {
    server.handle((_req, res) => res.writeHead(302, { location: "/loop" }).end());
    const { kapso } = setup();
    await expect(list(kapso)).rejects.toThrow(`Kapso API redirected GET ${SEEN_PATH} more than 5 times`);
    expect(server.requests).toHaveLength(6);
  });
});

describe("configuration", () => {
  it("reports a missing key at the first request, not at creation, naming both ways to set it", async () => {
    vi.stubEnv("KAPSO_API_KEY", undefined);
    server.handle((_req, res) => json(res, 200, page));
    const { kapso } = setup({ apiKey: undefined });
    const error = await list(kapso).catch((e) => e);
    expect(error).toBeInstanceOf(KapsoConfigError);
    expect(error).toBeInstanceOf(KapsoError);
    expect(error.message).toBe(
      "No Kapso API key: pass createKapsoClient({ apiKey }) or set the KAPSO_API_KEY environment variable",
    );
    expect(server.requests).toHaveLength(0);
  });

  it("falls back to KAPSO_API_KEY, read at the first request", async () => {
    vi.stubEnv("KAPSO_API_KEY", undefined);
    server.handle((_req, res) => json(res, 200, page));
    const { kapso } = setup({ apiKey: undefined });
    vi.stubEnv("KAPSO_API_KEY", "key-from-env");
    await list(kapso);
    expect(server.requests[0]?.headers["x-api-key"]).toBe("key-from-env");
  });

  it("prefers the apiKey option over the environment", async () => {
    vi.stubEnv("KAPSO_API_KEY", "key-from-env");
    server.handle((_req, res) => json(res, 200, page));
    await list(setup().kapso);
    expect(server.requests[0]?.headers["x-api-key"]).toBe(KEY);
  });

  it("tells Deno users without --allow-env how to grant it, instead of to set the variable", async () => {
    const denied = Object.assign(new Error('Requires env access to "KAPSO_API_KEY"'), { name: "NotCapable" });
    vi.stubGlobal("process", {
      env: new Proxy(
        {},
        {
          get: () => {
            throw denied;
          },
        },
      ),
    });
    const kapso = createKapsoClientWithTiming({}, { sleep, random: Math.random });
    const error = await kapso.GET(EXECUTIONS, listInit).catch((e) => e);
    vi.unstubAllGlobals();
    expect(error).toBeInstanceOf(KapsoConfigError);
    expect(error.message).toBe(
      "No Kapso API key: cannot read KAPSO_API_KEY: permission denied (run with --allow-env=KAPSO_API_KEY or pass apiKey)",
    );
  });

  it("works where there is no process global", async () => {
    vi.stubGlobal("process", undefined);
    const kapso = createKapsoClientWithTiming({}, { sleep, random: Math.random });
    const error = await kapso.GET(EXECUTIONS, listInit).catch((e) => e);
    vi.unstubAllGlobals();
    expect(error).toBeInstanceOf(KapsoConfigError);
  });

  it("refuses a key that cannot be sent in a header without quoting it", async () => {
    const { kapso } = setup({ apiKey: `${KEY}\n` });
    const error = await list(kapso).catch((e) => e);
    expect(error).toBeInstanceOf(KapsoConfigError);
    expect(error.message).not.toContain(KEY);
  });

  it("sends extra headers, and keeps the key out of middleware's view", async () => {
    server.handle((_req, res) => json(res, 200, page));
    const { kapso } = setup({ headers: { "X-Team": "ops" } });
    const inMiddleware: (string | null)[] = [];
    kapso.use({
      onRequest: ({ request }) => {
        inMiddleware.push(request.headers.get("x-api-key"));
      },
      onResponse: ({ response }) => {
        inMiddleware.push(String(response.status));
      },
    });
    await list(kapso);
    expect(inMiddleware).toEqual([null, "200"]);
    expect(server.requests[0]?.headers["x-team"]).toBe("ops");
    expect(server.requests[0]?.headers["x-api-key"]).toBe(KEY);
  });

  it("uses the fetch option, and otherwise globalThis.fetch as it is at request time", async () => {
    const urls: string[] = [];
    const fake = async (input: Request | string, init: RequestInit) => {
      const request = new Request(input, init);
      urls.push(`${request.url} ${request.headers.get("x-api-key")}`);
      return Response.json(page);
    };
    await list(setup({ baseUrl: undefined, fetch: fake }).kapso);
    expect(urls).toEqual([`https://api.kapso.ai/platform/v1/workflows/wf_1/executions?limit=10 ${KEY}`]);

    const { kapso } = setup();
    vi.stubGlobal("fetch", fake);
    await list(kapso);
    expect(urls).toHaveLength(2);
  });

  it("normalises trailing slashes of the base URL", async () => {
    server.handle((_req, res) => json(res, 200, page));
    await list(setup({ baseUrl: `${server.origin}/platform/v1///` }).kapso);
    expect(server.requests[0]?.url).toBe(`${SEEN_PATH}?limit=10`);
  });

  it.each([
    ["not a url", /"not a url" is not an absolute URL/],
    ["ftp://api.kapso.ai/platform/v1", /must use https:/],
    [
      "http://api.kapso.ai/platform/v1",
      /^baseUrl "http:\/\/api\.kapso\.ai\/platform\/v1" uses plain http:.*allowInsecureHttp: true/,
    ],
    ["http://10.0.0.2:4010", /plain http:/],
    ["https://api.kapso.ai/platform/v1?x=1", /query string/],
    ["https://user:pw@api.kapso.ai/platform/v1", /credentials/],
  ])("refuses the base URL %s at creation", (baseUrl, message) => {
    expect(() => setup({ baseUrl })).toThrow(message);
    expect(() => setup({ baseUrl })).toThrow(KapsoConfigError);
  });

  it.each([
    ["https://user:s3cr3t@api.kapso.ai/platform/v1", "s3cr3t"],
    ["https://api.kapso.ai/platform/v1?api_key=sk_live_123", "sk_live_123"],
    ["https://api.kapso.ai/platform/v1#token=tok_456", "tok_456"],
    ["api.kapso.ai/platform/v1?api_key=sk_live_789", "sk_live_789"],
  ])("never quotes the credentials or query of a refused base URL %s", (baseUrl, secret) => {
    const error = (() => {
      try {
        setup({ baseUrl });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(KapsoConfigError);
    expect(error?.message).toMatch(/^baseUrl /);
    expect(error?.message).not.toContain(secret);
  });

  it.each([
    "http://localhost:4010",
    "http://127.0.0.1:4010/platform/v1/",
    "http://127.8.9.10",
    "http://[::1]:4010",
    "https://api.kapso.ai/platform/v1/",
  ])("accepts the base URL %s", (baseUrl) => {
    expect(() => setup({ baseUrl })).not.toThrow();
  });

  it("accepts plain http: to another host only with allowInsecureHttp", () => {
    expect(() => setup({ baseUrl: "http://mock.internal:4010", allowInsecureHttp: true })).not.toThrow();
  });

  it.each([
    [{ timeoutMs: 0 }, "timeoutMs must be a positive number, got 0"],
    [{ timeoutMs: -1 }, "timeoutMs must be a positive number, got -1"],
    [{ timeoutMs: Number.NaN }, "timeoutMs must be a positive number, got NaN"],
    [{ timeoutMs: "5000" as unknown as number }, 'timeoutMs must be a positive number, got "5000"'],
    [{ maxRetries: -1 }, "maxRetries must be a non-negative integer, got -1"],
    [{ maxRetries: 1.5 }, "maxRetries must be a non-negative integer, got 1.5"],
    [{ maxRetries: Number.POSITIVE_INFINITY }, "maxRetries must be a non-negative integer, got Infinity"],
    [{ maxRetryAfterMs: -1 }, "maxRetryAfterMs must be a non-negative number, got -1"],
    [{ maxRetryAfterMs: Number.NaN }, "maxRetryAfterMs must be a non-negative number, got NaN"],
    [
      { maxRetryAfterMs: null as unknown as number },
      "maxRetryAfterMs must be a non-negative number, got null",
    ],
  ])("refuses %o at creation, naming the option and the value", (options, message) => {
    const create = () => createKapsoClient({ apiKey: KEY, ...options });
    expect(create).toThrow(KapsoConfigError);
    expect(create).toThrow(message);
  });

  it.each([
    { timeoutMs: 1 },
    { timeoutMs: 0.5 },
    { timeoutMs: Number.POSITIVE_INFINITY },
    { maxRetries: 0 },
    { maxRetries: 10 },
    { maxRetryAfterMs: 0 },
    { maxRetryAfterMs: Number.POSITIVE_INFINITY },
  ])("accepts %o", (options) => {
    expect(() => createKapsoClient({ apiKey: KEY, ...options })).not.toThrow();
  });

  it.each([2 ** 31, Number.POSITIVE_INFINITY])(
    "treats timeoutMs %d as no timeout at all",
    async (timeoutMs) => {
      // setTimeout would fire at once for a delay from 2^31 ms on (the fake clock does the same);
      // no timer is armed instead. The server answers only after the clock has moved a minute.
      fakeTimers();
      const held = deferred<Parameters<typeof json>[0]>();
      server.handle((_req, res) => held.resolve(res));
      const { kapso } = setup({ timeoutMs });
      const result = list(kapso);
      const res = await held.promise;
      await vi.advanceTimersByTimeAsync(60_000);
      json(res, 200, page);
      expect((await result).data).toEqual(page);
      expect(server.requests).toHaveLength(1);
    },
  );
});

describe("withOptions", () => {
  it("fails at timeoutMs after exactly one request, while the original keeps its own timeout", async () => {
    fakeTimers();
    server.handle(hang);
    const original = createKapsoClient({
      apiKey: KEY,
      baseUrl: `${server.origin}/platform/v1`,
      timeoutMs: 2000,
      maxRetries: 0,
    });
    const tuned = original.withOptions({ timeoutMs: 300, maxRetries: 0 });
    const settle = (call: Promise<unknown>) =>
      watch(
        call.then(
          () => expect.fail("expected a timeout"),
          (error: Error) => error,
        ),
      );
    const fromOriginal = settle(original.GET(EXECUTIONS, listInit));
    const fromTuned = settle(tuned.GET(EXECUTIONS, listInit));
    await received(2);
    await advance(299);
    expect([fromTuned.settled, fromOriginal.settled]).toEqual([false, false]);
    await advance(1);
    const tunedFailure = await fromTuned.promise;
    expect(tunedFailure).toBeInstanceOf(KapsoTimeoutError);
    expect(tunedFailure.message).toBe(`Kapso API request timed out after 300 ms on GET ${SEEN_PATH}`);
    await advance(1699);
    expect(fromOriginal.settled).toBe(false);
    await advance(1);
    expect((await fromOriginal.promise).message).toBe(
      `Kapso API request timed out after 2000 ms on GET ${SEEN_PATH}`,
    );
    // One request each: neither retried.
    expect(server.requests).toHaveLength(2);
  });

  it("leaves the original's retries as they were", async () => {
    server.handle((_req, res) => json(res, 503, {}));
    const { kapso } = setup({ maxRetries: 2 });
    await list(kapso.withOptions({ maxRetries: 0 }));
    expect(server.requests).toHaveLength(1);
    server.reset();
    await list(kapso);
    expect(server.requests).toHaveLength(3);
  });

  it("keeps what it does not override, and composes when called again", async () => {
    server.handle((_req, res) => json(res, 503, {}));
    const { kapso, sleeps } = setup({ maxRetries: 1, headers: { "X-Team": "ops" } });
    const derived = kapso.withOptions({ headers: { "X-Trace": "t1" } }).withOptions({ maxRetries: 3 });
    await list(derived);
    expect(server.requests).toHaveLength(4);
    // The test timing (recorded sleeps) is shared too.
    expect(sleeps).toEqual([500, 1000, 2000]);
    for (const request of server.requests) {
      expect(request.headers["x-team"]).toBe("ops");
      expect(request.headers["x-trace"]).toBe("t1");
      expect(request.headers["x-api-key"]).toBe(KEY);
    }
  });

  it("lets a call's own headers win over the derived client's", async () => {
    server.handle((_req, res) => json(res, 200, page));
    const { kapso } = setup();
    await kapso.withOptions({ headers: { "X-Trace": "client" } }).GET(EXECUTIONS, {
      ...listInit,
      headers: { "X-Trace": "call" },
    });
    expect(server.requests[0]?.headers["x-trace"]).toBe("call");
  });

  it("shares the key resolution: the environment is read once for both", async () => {
    vi.stubEnv("KAPSO_API_KEY", "first-key");
    server.handle((_req, res) => json(res, 200, page));
    const { kapso } = setup({ apiKey: undefined });
    const derived = kapso.withOptions({ timeoutMs: 5000 });
    await list(kapso);
    vi.stubEnv("KAPSO_API_KEY", "second-key");
    await list(derived);
    expect(server.requests.map((r) => r.headers["x-api-key"])).toEqual(["first-key", "first-key"]);
  });

  it("shares middleware both ways, and is a full openapi-fetch client", async () => {
    server.handle((_req, res) => json(res, 200, page));
    const { kapso, raw } = setup();
    const derived = kapso.withOptions({ maxRetries: 0 });
    for (const method of ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"]) {
      expect(typeof (derived as unknown as RawClient)[method]).toBe("function");
    }
    const seen: string[] = [];
    const tag = {
      onRequest({ request }: { request: Request }) {
        seen.push(request.method);
      },
    };
    derived.use(tag);
    await list(kapso);
    await (derived.withOptions({}) as unknown as RawClient).PUT?.("/things/1");
    await derived.request("delete", "/functions/{function_id}", {
      params: { path: { function_id: "00000000-0000-4000-8000-000000000001" } },
    });
    kapso.eject(tag);
    await raw.GET?.("/things/2");
    expect(seen).toEqual(["GET", "PUT", "DELETE"]);
    expect(server.requests.map((r) => r.method)).toEqual(["GET", "PUT", "DELETE", "GET"]);
  });

  it.each([
    [{ timeoutMs: 0 }, "timeoutMs must be a positive number, got 0"],
    [{ maxRetries: -1 }, "maxRetries must be a non-negative integer, got -1"],
    [{ maxRetryAfterMs: Number.NaN }, "maxRetryAfterMs must be a non-negative number, got NaN"],
    [{ logLevel: "loud" as never }, 'logLevel must be one of off, error, warn, info, debug, got "loud"'],
  ])("refuses %o, naming the option and the value", (overrides, message) => {
    const { kapso } = setup();
    const derive = () => kapso.withOptions(overrides);
    expect(derive).toThrow(KapsoConfigError);
    expect(derive).toThrow(message);
  });
});
