import { getEventListeners } from "node:events";
import { dropBeforeHeaders, json, type LoopbackServer, startLoopbackServer } from "@kapso/test-support";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createKapsoClient, createKapsoClientWithTiming, type KapsoClientOptions } from "./client.js";
import { KapsoConfigError, KapsoConnectionError, KapsoError, KapsoTimeoutError } from "./errors.js";
import type { Timing } from "./fetch.js";
import { sleep } from "./retry.js";

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
beforeAll(async () => {
  [server, other] = await Promise.all([startLoopbackServer(), startLoopbackServer()]);
});
afterAll(async () => {
  await Promise.all([server.close(), other.close()]);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

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
    const date = new Date(Date.now() + 10_000).toUTCString();
    server.handle((_req, res, n) =>
      n === 1 ? json(res, 503, {}, { "retry-after": date }) : json(res, 200, page),
    );
    const { kapso, sleeps } = setup();
    await list(kapso);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(8000);
    expect(sleeps[0]).toBeLessThanOrEqual(10_000);
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
    server.handle((_req, res, n) =>
      n === 1 ? json(res, 503, {}, { "retry-after": "0.2" }) : json(res, 200, page),
    );
    const { kapso } = setup({}, { sleep });
    const started = performance.now();
    expect((await list(kapso)).data).toEqual(page);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
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
    server.handle(hang);
    const { kapso } = setup({ timeoutMs: 50, maxRetries: 0 });
    const error = await list(kapso).catch((e) => e);
    expect(error).toBeInstanceOf(KapsoTimeoutError);
    expect(error).toBeInstanceOf(KapsoConnectionError);
    expect(error.message).toBe(`Kapso API request timed out after 50 ms on GET ${SEEN_PATH}`);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a GET that timed out, with a fresh timer per attempt", async () => {
    server.handle((_req, res, n) => (n === 1 ? undefined : json(res, 200, page)));
    const { kapso } = setup({ timeoutMs: 100, maxRetries: 1 });
    expect((await list(kapso)).data).toEqual(page);
    expect(server.requests).toHaveLength(2);
  });

  it("never retries a POST that timed out", async () => {
    server.handle(hang);
    // Room for the request to reach the server on a loaded machine: the point is the count, not the time.
    const { raw } = setup({ timeoutMs: 300, maxRetries: 2 });
    const error = await raw.POST?.("/customers", { body: { customer: { name: "A" } } }).catch((e) => e);
    expect(error).toBeInstanceOf(KapsoTimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  it("rethrows the caller's abort reason mid-request and sends nothing more", async () => {
    const { kapso } = setup({ maxRetries: 2 });
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    // Aborts once the request has reached the server, with room for a loaded machine.
    server.handle(() => {
      setTimeout(() => controller.abort(reason), 20);
    });
    await expect(list(kapso, { signal: controller.signal })).rejects.toBe(reason);
    await new Promise((r) => setTimeout(r, 300));
    expect(server.requests).toHaveLength(1);
  });

  it("rejects with an AbortError when the caller aborts without a reason", async () => {
    server.handle(hang);
    const { kapso } = setup();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    await expect(list(kapso, { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
  });

  it("stops waiting between attempts when the caller aborts mid-backoff", async () => {
    server.handle((_req, res) => json(res, 503, {}, { "retry-after": "30" }));
    const { kapso } = setup({ maxRetries: 2 }, { sleep });
    const controller = new AbortController();
    const reason = new Error("shutting down");
    setTimeout(() => controller.abort(reason), 50);
    const started = performance.now();
    await expect(list(kapso, { signal: controller.signal })).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });

  it("times out each of several concurrent attempts on its own deadline", async () => {
    server.handle((req, res) => (req.url.includes("fast") ? json(res, 200, page) : undefined));
    const { raw } = setup({ timeoutMs: 120, maxRetries: 0 });
    const started = performance.now();
    const elapsed = (call: Promise<unknown>) =>
      call.then(
        () => "ok",
        (error) => (error instanceof KapsoTimeoutError ? Math.round(performance.now() - started) : error),
      );
    const first = elapsed(raw.GET?.("/slow/1") as Promise<unknown>);
    await new Promise((r) => setTimeout(r, 60));
    const second = elapsed(raw.GET?.("/slow/2") as Promise<unknown>);
    const fast = elapsed(raw.GET?.("/fast") as Promise<unknown>);
    const [a, b, c] = await Promise.all([first, second, fast]);
    expect(c).toBe("ok");
    expect(a).toBeGreaterThanOrEqual(110);
    expect(a).toBeLessThan(175);
    expect(b).toBeGreaterThanOrEqual(170);
    // A later request must be timed out too, after the shared timer has fired and gone idle.
    const later = performance.now();
    await expect(raw.GET?.("/slow/3")).rejects.toBeInstanceOf(KapsoTimeoutError);
    expect(performance.now() - later).toBeGreaterThanOrEqual(110);
  });

  it("honours the caller's signal when a middleware replaced the request", async () => {
    server.handle(hang);
    const { kapso } = setup();
    kapso.use({ onRequest: ({ request }) => new Request(request) });
    const controller = new AbortController();
    const reason = new Error("stop");
    setTimeout(() => controller.abort(reason), 50);
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
    const { kapso } = setup();
    const controller = new AbortController();
    const reason = new Error("enough");
    setTimeout(() => controller.abort(reason), 50);
    // Without the abort reaching the body stream, this read would hang until the test times out.
    await expect(list(kapso, { signal: controller.signal })).rejects.toBe(reason);
  }, 2000);

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
      // setTimeout would fire at once for a delay from 2^31 ms on; no timer is armed instead.
      server.handle((_req, res) => setTimeout(() => json(res, 200, page), 50));
      const { kapso } = setup({ timeoutMs });
      expect((await list(kapso)).data).toEqual(page);
      expect(server.requests).toHaveLength(1);
    },
  );
});

describe("withOptions", () => {
  it("fails in about timeoutMs after exactly one request, while the original keeps its own timeout", async () => {
    server.handle(hang);
    const original = createKapsoClient({
      apiKey: KEY,
      baseUrl: `${server.origin}/platform/v1`,
      timeoutMs: 2000,
      maxRetries: 0,
    });
    const tuned = original.withOptions({ timeoutMs: 300, maxRetries: 0 });
    const started = performance.now();
    const settle = (call: Promise<unknown>) =>
      call.then(
        () => expect.fail("expected a timeout"),
        (error: Error) => ({ error, ms: performance.now() - started }),
      );
    const fromOriginal = settle(original.GET(EXECUTIONS, listInit));
    const fromTuned = settle(tuned.GET(EXECUTIONS, listInit));
    const tunedFailure = await fromTuned;
    expect(tunedFailure.error).toBeInstanceOf(KapsoTimeoutError);
    expect(tunedFailure.error.message).toBe(`Kapso API request timed out after 300 ms on GET ${SEEN_PATH}`);
    // Generous margins for a loaded machine: well above 300 ms is still far below the original's 2 s.
    expect(tunedFailure.ms).toBeGreaterThanOrEqual(280);
    expect(tunedFailure.ms).toBeLessThan(1500);
    const originalFailure = await fromOriginal;
    expect(originalFailure.error.message).toBe(
      `Kapso API request timed out after 2000 ms on GET ${SEEN_PATH}`,
    );
    expect(originalFailure.ms).toBeGreaterThanOrEqual(1900);
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
