import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { json, type LoopbackServer, startLoopbackServer } from "@kapso/test-support";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createKapsoClientWithTiming } from "./client.js";
import { KapsoApiError, KapsoConfigError } from "./errors.js";
import { KEY, rejection } from "./test-setup.js";
import { unwrap } from "./unwrap.js";
import { createKapsoWhatsAppClient, DEFAULT_WHATSAPP_BASE_URL } from "./whatsapp.js";

const PHONE = "197211286875";
const sendInit = {
  params: { path: { phone_number_id: PHONE } },
  body: { messaging_product: "whatsapp", to: "15551234567", type: "text", text: { body: "Hi" } },
} as const;

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
});

/** The proxy client on the loopback server, with its waits between attempts skipped. */
function wa(options: Parameters<typeof createKapsoWhatsAppClient>[0] = {}) {
  return createKapsoClientWithTiming<import("@kapso/types/whatsapp").paths>(
    { apiKey: KEY, baseUrl: `${server.origin}/meta/whatsapp/v24.0`, ...options },
    { sleep: async (_ms, signal) => signal?.throwIfAborted(), random: () => 0 },
    DEFAULT_WHATSAPP_BASE_URL,
  );
}

describe("createKapsoWhatsAppClient", () => {
  it("sends to the proxy's versioned base URL by default, with the key from KAPSO_API_KEY", async () => {
    vi.stubEnv("KAPSO_API_KEY", KEY);
    const seen: Request[] = [];
    const client = createKapsoWhatsAppClient({
      fetch: async (request) => {
        seen.push(request);
        return Response.json({ messages: [{ id: "wamid.1" }] });
      },
    });
    const { data } = await client.POST("/{phone_number_id}/messages", sendInit);
    expect(data?.messages?.[0]?.id).toBe("wamid.1");
    expect(seen[0]?.url).toBe(`https://api.kapso.ai/meta/whatsapp/v24.0/${PHONE}/messages`);
    expect(seen[0]?.headers.get("x-api-key")).toBe(KEY);
    expect(JSON.parse(await (seen[0] as Request).text())).toEqual(sendInit.body);
  });

  it("never replays a send after a 5xx, a dropped connection's cousin", async () => {
    server.handle((_req, res) => json(res, 503, { error: "busy" }));
    const { response } = await wa().POST("/{phone_number_id}/messages", sendInit);
    expect(response.status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it("replays a send that carries an Idempotency-Key, and retries reads", async () => {
    server.handle((_req, res, attempt) =>
      attempt === 1 ? json(res, 503, { error: "busy" }) : json(res, 200, { messages: [{ id: "wamid.2" }] }),
    );
    const sent = await wa().POST("/{phone_number_id}/messages", {
      ...sendInit,
      headers: { "Idempotency-Key": "send-1" },
    });
    expect(sent.response.status).toBe(200);
    expect(server.requests.map((request) => request.headers["idempotency-key"])).toEqual([
      "send-1",
      "send-1",
    ]);

    server.handle((_req, res, attempt) =>
      attempt === 1 ? json(res, 500, {}) : json(res, 200, { data: [], paging: { cursors: {} } }),
    );
    const read = await wa().GET("/{phone_number_id}/messages", {
      params: { path: { phone_number_id: PHONE } },
    });
    expect(read.response.status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it("refuses a per-request baseUrl on another origin before sending", async () => {
    server.handle((_req, res) => json(res, 200, {}));
    other.handle((_req, res) => json(res, 200, {}));
    const error = await rejection(
      wa().GET("/media_download", {
        baseUrl: `${other.origin}/meta/whatsapp`,
        params: { query: { token: "t" } },
      }),
    );
    expect(error).toBeInstanceOf(KapsoConfigError);
    expect(error.message).toContain("the API key goes only to");
    expect(error.message).not.toContain(KEY);
    expect(other.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(0);
  });

  it("keeps its own base URL, options and protections through withOptions", async () => {
    server.handle((_req, res) => json(res, 503, {}));
    const impatient = wa().withOptions({ maxRetries: 0 });
    const { response } = await impatient.GET("/{phone_number_id}/messages", {
      params: { path: { phone_number_id: PHONE } },
    });
    expect(response.status).toBe(503);
    expect(server.requests.map((request) => request.path)).toEqual([
      `/meta/whatsapp/v24.0/${PHONE}/messages`,
    ]);
  });
});

// Every error example the spec gives for sending a message, as the server would send it.
const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("@kapso/types/whatsapp/openapi.json"), "utf8"),
) as {
  paths: Record<string, Record<string, { responses: Record<string, ErrorResponseSpec> }>>;
};
type ErrorResponseSpec = {
  content?: { "application/json"?: { examples?: Record<string, { value: unknown }> } };
};
const sendErrors = Object.entries(spec.paths["/{phone_number_id}/messages"]?.post?.responses ?? {}).flatMap(
  ([status, response]) =>
    status.startsWith("2")
      ? []
      : Object.entries(response.content?.["application/json"]?.examples ?? {}).map(
          ([name, example]) => [`${status} ${name}`, Number(status), example.value] as const,
        ),
);

describe("KapsoApiError on the proxy's error bodies", () => {
  it("has examples of both shapes to test", () => {
    const bodies = sendErrors.map(([, , body]) => body as { error?: unknown });
    expect(bodies.some((body) => typeof body.error === "object")).toBe(true);
    expect(bodies.some((body) => typeof body.error === "string")).toBe(true);
  });

  it.each(sendErrors)("reads code and subcode of %s", async (_name, status, body) => {
    server.handle((_req, res) => json(res, status, body));
    const error = (await rejection(
      unwrap(wa({ maxRetries: 0 }).POST("/{phone_number_id}/messages", sendInit)),
    )) as KapsoApiError;
    expect(error).toBeInstanceOf(KapsoApiError);
    const fields = body as { code?: string; error: string | { code: number; error_subcode?: number } };
    const meta = typeof fields.error === "object" ? fields.error : undefined;
    expect(error.code).toBe(meta ? meta.code : fields.code);
    expect(error.subcode).toBe(meta?.error_subcode);
    if (meta) expect(error.message).toContain(`(code ${meta.code}`);
    expect(error.message).toContain(
      typeof fields.error === "string" ? fields.error : (meta as { message?: string }).message,
    );
  });

  it("says Meta's message, code and subcode in one line", async () => {
    server.handle((_req, res) =>
      json(res, 422, {
        error: {
          message: "Re-engagement window closed",
          type: "MessageError",
          code: 131047,
          error_subcode: 2494010,
          fbtrace_id: "Ab1",
        },
      }),
    );
    const error = (await rejection(
      unwrap(wa().POST("/{phone_number_id}/messages", sendInit)),
    )) as KapsoApiError;
    expect(error.message).toBe(
      `Kapso API 422 Unprocessable Entity on POST /meta/whatsapp/v24.0/${PHONE}/messages: Re-engagement window closed (code 131047, subcode 2494010)`,
    );
    expect([error.code, error.subcode]).toEqual([131047, 2494010]);
  });

  it.each([
    ["an error that is null", { error: null }],
    ["a code that is an object", { error: { code: { nested: 1 }, error_subcode: [1] } }],
    ["a code that is not a number", { error: { code: Number.NaN, message: 5 } }],
    ["an array", [1, 2, 3]],
    ["an empty code", { error: "x", code: "" }],
  ])("leaves code and subcode undefined on %s, without throwing", (_name, body) => {
    const error = new KapsoApiError({ status: 400, body, path: "/x" });
    expect(error.code).toBeUndefined();
    expect(error.subcode).toBeUndefined();
    expect(() => JSON.stringify(error)).not.toThrow();
  });
});
