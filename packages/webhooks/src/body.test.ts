import { describe, expect, it } from "vitest";
import { receiveWebhook } from "./construct.js";
import { KapsoWebhookError } from "./errors.js";
import { createWebhookHandler } from "./handler.js";
import { toNodeListener } from "./node.js";
import { deliveryHeaders, secret, sign, specExample } from "./test-fixtures.js";

const CHUNK = 64 * 1024;
// The documented default cap, spelled out so that a change to it shows up here.
const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * A body of `totalBytes` that counts what the receiver takes from it: `pulled` grows only when the
 * receiver reads, since the stream keeps no queue of its own (high-water mark 0).
 */
function meteredStream(totalBytes: number) {
  const meter = { pulls: 0, pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (meter.pulled >= totalBytes) return controller.close();
        const size = Math.min(CHUNK, totalBytes - meter.pulled);
        meter.pulls++;
        meter.pulled += size;
        controller.enqueue(new Uint8Array(size).fill(0x20));
      },
      cancel() {
        meter.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, meter };
}

/** The same, as the async iterable a `node:http` request is. */
function meteredNodeRequest(totalBytes: number, headers: Record<string, string>) {
  const meter = { pulls: 0, pulled: 0 };
  const req = {
    method: "POST",
    url: "/hooks",
    headers,
    async *[Symbol.asyncIterator]() {
      while (meter.pulled < totalBytes) {
        const size = Math.min(CHUNK, totalBytes - meter.pulled);
        meter.pulls++;
        meter.pulled += size;
        yield new Uint8Array(size).fill(0x20);
      }
    },
  };
  return { req, meter };
}

function nodeResponse() {
  const res = {
    statusCode: 0,
    headers: {} as Record<string, string>,
    body: "",
    setHeader(name: string, value: string) {
      res.headers[name.toLowerCase()] = value;
    },
    end(body?: Uint8Array) {
      res.body = new TextDecoder().decode(body);
    },
  };
  return res;
}

const received = JSON.stringify(specExample("whatsapp.message.received"));
// Well-formed, so the request gets past the signature check and the cap is what stops it.
const signedHeaders = (extra: Record<string, string> = {}) => ({
  ...deliveryHeaders("whatsapp.message.received", received),
  ...extra,
});
const unsignedHeaders = () => {
  const { "x-webhook-signature": _signature, ...headers } = signedHeaders();
  return headers;
};
const streamedRequest = (stream: ReadableStream<Uint8Array>, headers: Record<string, string>) =>
  new Request("http://localhost/hooks", {
    method: "POST",
    headers,
    body: stream,
    duplex: "half",
  } as RequestInit);

describe("createWebhookHandler reads bodies under a cap", () => {
  it("answers 401 to an unsigned request without reading its body", async () => {
    const handle = createWebhookHandler({ secret, on: {} });
    const { stream, meter } = meteredStream(300 * 1024 * 1024);
    const response = await handle(streamedRequest(stream, unsignedHeaders()));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "missing_signature" });
    expect(meter.pulls).toBe(0);
  });

  it("answers 401 to a malformed signature without reading the body", async () => {
    const handle = createWebhookHandler({ secret, on: {} });
    for (const signature of ["not-hex", "abc", `sha1=${sign(received)}`]) {
      const { stream, meter } = meteredStream(1024 * 1024);
      const response = await handle(
        streamedRequest(stream, signedHeaders({ "x-webhook-signature": signature })),
      );
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: "invalid_signature" });
      expect(meter.pulls).toBe(0);
    }
  });

  it("answers 413 past the default 5 MB of a chunked body, having read at most the cap and one chunk", async () => {
    const onError: unknown[] = [];
    const handle = createWebhookHandler({ secret, on: {}, onError: (error) => void onError.push(error) });
    const { stream, meter } = meteredStream(64 * 1024 * 1024);
    const response = await handle(streamedRequest(stream, signedHeaders()));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "payload_too_large" });
    expect(meter.pulled).toBeGreaterThan(DEFAULT_MAX_BODY_BYTES);
    expect(meter.pulled).toBeLessThanOrEqual(DEFAULT_MAX_BODY_BYTES + CHUNK);
    expect(meter.cancelled).toBe(true);
    expect((onError[0] as KapsoWebhookError).reason).toBe("payload_too_large");
  });

  it("answers 413 to a declared Content-Length over the cap without reading the body", async () => {
    const handle = createWebhookHandler({ secret, on: {}, maxBodyBytes: 1000 });
    const { stream, meter } = meteredStream(2000);
    const response = await handle(streamedRequest(stream, signedHeaders({ "content-length": "2000" })));
    expect(response.status).toBe(413);
    expect(meter.pulls).toBe(0);
    expect(meter.cancelled).toBe(true);
  });

  it("takes a configured cap: a body of exactly maxBodyBytes is read, one byte more is refused", async () => {
    const seen: string[] = [];
    const handle = createWebhookHandler({
      secret,
      maxBodyBytes: received.length,
      on: { "whatsapp.message.received": (payload) => void seen.push(payload.message.id) },
    });
    const exact = await handle(
      new Request("http://localhost/", { method: "POST", headers: signedHeaders(), body: received }),
    );
    expect(exact.status).toBe(200);
    expect(seen).toHaveLength(1);
    const longer = `${received} `;
    const over = await handle(
      new Request("http://localhost/", {
        method: "POST",
        headers: deliveryHeaders("whatsapp.message.received", longer),
        body: longer,
      }),
    );
    expect(over.status).toBe(413);
    expect(seen).toHaveLength(1);
  });

  it("refuses a maxBodyBytes that is not a positive integer", () => {
    for (const maxBodyBytes of [
      0,
      -1,
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      "5mb" as unknown as number,
    ]) {
      expect(() => createWebhookHandler({ secret, on: {}, maxBodyBytes })).toThrow(/maxBodyBytes/);
    }
  });
});

describe("receiveWebhook reads bodies under a cap", () => {
  it("throws missing_signature without reading, and payload_too_large past the cap", async () => {
    const unsigned = meteredStream(1024 * 1024);
    const missing = await receiveWebhook(streamedRequest(unsigned.stream, unsignedHeaders()), {
      secret,
    }).catch((error: unknown) => error);
    expect((missing as KapsoWebhookError).reason).toBe("missing_signature");
    expect(unsigned.meter.pulls).toBe(0);

    const large = meteredStream(1024 * 1024);
    const tooLarge = await receiveWebhook(streamedRequest(large.stream, signedHeaders()), {
      secret,
      maxBodyBytes: 100_000,
    }).catch((error: unknown) => error);
    expect(tooLarge).toBeInstanceOf(KapsoWebhookError);
    expect((tooLarge as KapsoWebhookError).status).toBe(413);
    expect(large.meter.pulled).toBeLessThanOrEqual(100_000 + CHUNK);
  });
});

describe("toNodeListener reads only what the handler asks for", () => {
  it("answers 401 to an unsigned request without iterating the request", async () => {
    const listener = toNodeListener(createWebhookHandler({ secret, on: {} }));
    const { req, meter } = meteredNodeRequest(300 * 1024 * 1024, unsignedHeaders());
    const res = nodeResponse();
    await listener(req, res);
    expect(res.statusCode).toBe(401);
    expect(meter.pulls).toBe(0);
    // The rest is not read to keep the connection alive.
    expect(res.headers.connection).toBe("close");
  });

  it("answers 413 past the cap, having read at most the cap and one chunk", async () => {
    const listener = toNodeListener(createWebhookHandler({ secret, on: {}, maxBodyBytes: 1024 * 1024 }));
    const { req, meter } = meteredNodeRequest(64 * 1024 * 1024, signedHeaders());
    const res = nodeResponse();
    await listener(req, res);
    expect(res.statusCode).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ error: "payload_too_large" });
    expect(meter.pulled).toBeLessThanOrEqual(1024 * 1024 + CHUNK);
  });

  it("still reads a whole signed body in chunks and keeps the connection", async () => {
    const seen: string[] = [];
    const listener = toNodeListener(
      createWebhookHandler({
        secret,
        on: { "whatsapp.message.received": (payload) => void seen.push(payload.message.id) },
      }),
    );
    const bytes = new TextEncoder().encode(received);
    const req = {
      method: "POST",
      url: "/hooks",
      headers: signedHeaders(),
      async *[Symbol.asyncIterator]() {
        for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
      },
    };
    const res = nodeResponse();
    await listener(req, res);
    expect(res.statusCode).toBe(200);
    expect(seen).toHaveLength(1);
    expect(res.headers.connection).toBeUndefined();
  });
});
