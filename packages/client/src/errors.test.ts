import { inspect } from "node:util";
import { dropBeforeHeaders, json, type LoopbackServer } from "@kapso/test-support";
import createClient from "openapi-fetch";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createKapsoClient, type KapsoClientOptions } from "./client.js";
import {
  KapsoApiError,
  KapsoConfigError,
  KapsoConnectionError,
  KapsoTimeoutError,
  MAX_TEXT_BODY,
} from "./errors.js";
import { startLoopbackServerPair } from "./test-setup.js";
import { unwrap } from "./unwrap.js";

const KEY = "kapso_live_secret_0a1b2c3d4e5f";
const SEEN_PATH = "/platform/v1/workflows/wf_1/executions";
const listInit = {
  params: { path: { workflow_id: "wf_1" }, query: { status: "failed", limit: 100 } },
} as const;
type RawClient = Record<
  string,
  (
    path: string,
    init?: { body?: unknown },
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>
>;

let server: LoopbackServer;
afterEach(() => {
  vi.useRealTimers();
});
let other: LoopbackServer;
startLoopbackServerPair((first, second) => {
  server = first;
  other = second;
});

function client(options: KapsoClientOptions = {}) {
  return createKapsoClient({
    apiKey: KEY,
    baseUrl: `${server.origin}/platform/v1`,
    maxRetries: 0,
    ...options,
  });
}

async function failure(options: KapsoClientOptions = {}): Promise<KapsoApiError> {
  return unwrap(client(options).GET("/workflows/{workflow_id}/executions", listInit)).then(
    () => expect.fail("expected a KapsoApiError"),
    (error: KapsoApiError) => error,
  );
}

describe("KapsoApiError shapes", () => {
  it("reads JSON bodies: status, code, request id, method, path and a log-friendly message", async () => {
    server.handle((_req, res) =>
      json(res, 404, { error: "Workflow not found", code: "not_found" }, { "x-request-id": "req_123" }),
    );
    const error = await failure();
    expect(error).toBeInstanceOf(KapsoApiError);
    expect(error).toMatchObject({
      status: 404,
      code: "not_found",
      requestId: "req_123",
      method: "GET",
      path: SEEN_PATH,
      body: { error: "Workflow not found", code: "not_found" },
    });
    expect(error.message).toBe(
      `Kapso API 404 Not Found on GET ${SEEN_PATH}: Workflow not found [request id req_123]`,
    );
  });

  it("finds a nested error code and message", async () => {
    server.handle((_req, res) =>
      json(res, 422, { error: { code: "invalid_limit", message: "limit is too big" } }),
    );
    const error = await failure();
    expect(error.code).toBe("invalid_limit");
    expect(error.message).toBe(`Kapso API 422 Unprocessable Entity on GET ${SEEN_PATH}: limit is too big`);
  });

  it("keeps an HTML error page as text cut to 4 KB", async () => {
    const page = `<html><body><h1>502 Bad Gateway</h1>${"x".repeat(10_000)}</body></html>`;
    server.handle((_req, res) => res.writeHead(502, { "content-type": "text/html" }).end(page));
    const error = await failure();
    expect(error.status).toBe(502);
    expect(typeof error.body).toBe("string");
    expect((error.body as string).startsWith(page.slice(0, MAX_TEXT_BODY))).toBe(true);
    expect((error.body as string).length).toBeLessThan(MAX_TEXT_BODY + 40);
    expect(error.body).toContain(`[${page.length - MAX_TEXT_BODY} more characters]`);
    expect(error.message.length).toBeLessThan(300);
    expect(error.message).toMatch(
      /^Kapso API 502 Bad Gateway on GET \/platform\/v1\/workflows\/wf_1\/executions: <html>/,
    );
  });

  it("handles an empty body", async () => {
    server.handle((_req, res) => res.writeHead(500, { "content-length": "0" }).end());
    const error = await failure();
    expect(error.body).toBeUndefined();
    expect(error.code).toBeUndefined();
    expect(error.message).toBe(`Kapso API 500 Internal Server Error on GET ${SEEN_PATH}`);
  });

  it("keeps a truncated JSON body as text", async () => {
    server.handle((_req, res) =>
      res.writeHead(503, { "content-type": "application/json" }).end('{"error": "Servi'),
    );
    const error = await failure();
    expect(error.body).toBe('{"error": "Servi');
    expect(error.message).toBe(`Kapso API 503 Service Unavailable on GET ${SEEN_PATH}: {"error": "Servi`);
  });

  it("exposes Retry-After of a response that was not retried", async () => {
    server.handle((_req, res) => json(res, 429, { error: "Too many requests" }, { "retry-after": "120" }));
    const error = await failure({ maxRetries: 2 });
    expect(error.retryAfterMs).toBe(120_000);
    expect(server.requests).toHaveLength(1);
  });
});

describe("unwrap", () => {
  it("returns data on success", async () => {
    const page = { data: [{ id: "ex_1" }], paging: { cursors: { before: null, after: null } } };
    server.handle((_req, res) => json(res, 200, page));
    await expect(unwrap(client().GET("/workflows/{workflow_id}/executions", listInit))).resolves.toEqual(
      page,
    );
  });

  it("returns undefined for a 204", async () => {
    server.handle((_req, res) => res.writeHead(204).end());
    const raw = client() as unknown as RawClient;
    await expect(
      unwrap(raw.DELETE?.("/webhooks/wh_1") as Promise<{ data: undefined; response: Response }>),
    ).resolves.toBeUndefined();
  });

  it("names the method and path of the failed request", async () => {
    server.handle((_req, res) => json(res, 409, { error: "Already exists" }));
    const raw = client() as unknown as RawClient;
    const call = raw.POST?.("/customers", { body: {} }) as Promise<{ data: unknown; response: Response }>;
    const error: KapsoApiError = await unwrap(call).then(
      () => expect.fail("expected a KapsoApiError"),
      (e) => e,
    );
    expect(error).toBeInstanceOf(KapsoApiError);
    expect(error.method).toBe("POST");
    expect(error.path).toBe("/platform/v1/customers");
    expect(error.message).toBe("Kapso API 409 Conflict on POST /platform/v1/customers: Already exists");
  });

  it("names no method for a bare openapi-fetch client, rather than a wrong one", async () => {
    server.handle((_req, res) => json(res, 409, { error: "Already exists" }));
    const bare = createClient<Record<string, Record<string, unknown>>>({
      baseUrl: `${server.origin}/platform/v1`,
    }) as unknown as RawClient;
    const call = bare.POST?.("/customers", { body: {} }) as Promise<{ data: unknown; response: Response }>;
    const error: KapsoApiError = await unwrap(call).then(
      () => expect.fail("expected a KapsoApiError"),
      (e) => e,
    );
    expect(error.method).toBeUndefined();
    expect(error.message).toBe("Kapso API 409 Conflict on /platform/v1/customers: Already exists");
    expect(error.message).not.toContain("GET");
  });

  it("takes the method a caller names over the one the result carries", async () => {
    server.handle((_req, res) => json(res, 404, {}));
    const raw = client() as unknown as RawClient;
    const result = (await raw.PUT?.("/things/1")) as { response: Response };
    expect(KapsoApiError.fromResult(result).method).toBe("PUT");
    expect(KapsoApiError.fromResult(result, { method: "patch" }).method).toBe("PATCH");
  });

  it("lets the caller add context", async () => {
    server.handle((_req, res) => json(res, 404, { error: "Not found" }));
    const error = await unwrap(client().GET("/workflows/{workflow_id}/executions", listInit), {
      context: { page: 3 },
    }).catch((e) => e);
    expect(error.message).toBe(`Kapso API 404 Not Found on GET ${SEEN_PATH}: Not found (page=3)`);
  });
});

describe("the API key never shows", () => {
  const renderings = (value: unknown) => {
    const out = [
      inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
      JSON.stringify(value) ?? "",
    ];
    if (value instanceof Error) out.push(value.message, String(value), value.stack ?? "");
    return out;
  };

  it("in the client object", () => {
    for (const text of renderings(client())) expect(text).not.toContain(KEY);
    for (const text of renderings(createKapsoClient({ apiKey: KEY }))) expect(text).not.toContain(KEY);
  });

  it("in any error the client throws", async () => {
    const errors: unknown[] = [];
    server.handle((_req, res) => json(res, 401, { error: "Invalid API key" }, { "x-request-id": "req_abc" }));
    errors.push(await failure());
    server.handle(() => {});
    // The timeout runs on a fake setTimeout, moved once the request has reached the server.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const timedOut = client({ timeoutMs: 30 })
      .GET("/workflows/{workflow_id}/executions", listInit)
      .catch((e) => e);
    await server.until(() => server.requests.length === 1);
    await vi.advanceTimersByTimeAsync(30);
    errors.push(await timedOut);
    vi.useRealTimers();
    server.handle((_req, res) => dropBeforeHeaders(res));
    errors.push(
      await client()
        .GET("/workflows/{workflow_id}/executions", listInit)
        .catch((e) => e),
    );
    server.handle((_req, res) => res.writeHead(302, { location: `${other.origin}/?k=1` }).end());
    errors.push(
      await client()
        .GET("/workflows/{workflow_id}/executions", listInit)
        .catch((e) => e),
    );
    errors.push(
      await client({ apiKey: `${KEY} extra` })
        .GET("/workflows/{workflow_id}/executions", listInit)
        .catch((e) => e),
    );
    expect(errors.map((e) => (e as Error).constructor)).toEqual([
      KapsoApiError,
      KapsoTimeoutError,
      KapsoConnectionError,
      KapsoConnectionError,
      KapsoConfigError,
    ]);
    for (const error of errors) for (const text of renderings(error)) expect(text).not.toContain(KEY);
  });

  it("in a snapshot of an API error", async () => {
    server.handle((_req, res) => json(res, 401, { error: "Invalid API key" }, { "x-request-id": "req_abc" }));
    const error = await failure();
    expect(error).toMatchInlineSnapshot(
      `[KapsoApiError: Kapso API 401 Unauthorized on GET /platform/v1/workflows/wf_1/executions: Invalid API key [request id req_abc]]`,
    );
    expect(error.toJSON()).toMatchInlineSnapshot(`
      {
        "body": {
          "error": "Invalid API key",
        },
        "code": undefined,
        "context": undefined,
        "message": "Kapso API 401 Unauthorized on GET /platform/v1/workflows/wf_1/executions: Invalid API key [request id req_abc]",
        "method": "GET",
        "name": "KapsoApiError",
        "path": "/platform/v1/workflows/wf_1/executions",
        "rateLimit": undefined,
        "requestId": "req_abc",
        "retryAfterMs": undefined,
        "status": 401,
        "subcode": undefined,
      }
    `);
  });
});
