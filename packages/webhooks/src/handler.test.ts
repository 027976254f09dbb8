import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import type { WebhookDedupeStore } from "./dedupe.js";
import { createMemoryDedupeStore } from "./dedupe.js";
import { KapsoWebhookError } from "./errors.js";
import { createWebhookHandler } from "./handler.js";
import { deliveryHeaders, deliveryRequest, secret, specExample } from "./test-fixtures.js";

const received = specExample("whatsapp.message.received") as { message: { id: string } };
const receivedBody = JSON.stringify(received);
const batch = specExample("whatsapp.message.received", "v2_batch") as { data: { message: { id: string } }[] };

describe("createWebhookHandler", () => {
  it("runs the event's handler with the typed payload and answers 200", async () => {
    const seen: string[] = [];
    const handle = createWebhookHandler({
      secret,
      on: { "whatsapp.message.received": (payload) => void seen.push(payload.message.id) },
    });
    const response = await handle(deliveryRequest("whatsapp.message.received", receivedBody));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, handled: true });
    expect(seen).toEqual([received.message.id]);
  });

  it("runs the handler once per item of a batch, in order", async () => {
    const seen: string[] = [];
    const handle = createWebhookHandler({
      secret,
      on: {
        "whatsapp.message.received": (payload, delivery) =>
          void seen.push(`${delivery.batch}:${payload.message.id}`),
      },
    });
    const body = JSON.stringify(batch);
    expect((await handle(deliveryRequest("whatsapp.message.received", body))).status).toBe(200);
    expect(seen).toEqual(batch.data.map((item) => `true:${item.message.id}`));
  });

  it("answers 401 for a missing or wrong signature and 400 for an unreadable payload, without running handlers", async () => {
    const handler = vi.fn();
    const onError = vi.fn();
    const handle = createWebhookHandler({ secret, on: { "whatsapp.message.received": handler }, onError });
    const { "x-webhook-signature": _s, ...unsigned } = deliveryHeaders(
      "whatsapp.message.received",
      receivedBody,
    );
    const noSignature = new Request("http://localhost/", {
      method: "POST",
      headers: unsigned,
      body: receivedBody,
    });
    const tampered = new Request("http://localhost/", {
      method: "POST",
      headers: deliveryHeaders("whatsapp.message.received", receivedBody),
      body: receivedBody.replace("Hi", "Hj"),
    });
    const notJson = deliveryRequest("whatsapp.message.received", "{oops");

    const answers = [await handle(noSignature), await handle(tampered), await handle(notJson)];
    expect(answers.map((r) => r.status)).toEqual([401, 401, 400]);
    expect(await Promise.all(answers.map((r) => r.json()))).toEqual([
      { error: "missing_signature" },
      { error: "invalid_signature" },
      { error: "invalid_payload" },
    ]);
    expect(handler).not.toHaveBeenCalled();
    expect(onError.mock.calls.map(([error]) => (error as KapsoWebhookError).reason)).toEqual([
      "missing_signature",
      "invalid_signature",
      "invalid_payload",
    ]);
  });

  it("answers 500 when a handler throws, reports the error, and keeps it out of the answer", async () => {
    const onError = vi.fn();
    const handle = createWebhookHandler({
      secret,
      on: {
        "whatsapp.message.received": () => {
          throw new Error("database down at 10.0.0.5");
        },
      },
      onError,
    });
    const response = await handle(deliveryRequest("whatsapp.message.received", receivedBody));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("10.0.0.5");
    expect(JSON.parse(text)).toEqual({ error: "handler_failed" });
    expect(onError).toHaveBeenCalledTimes(1);
    const [error, delivery] = onError.mock.calls[0] ?? [];
    expect((error as Error).message).toBe("database down at 10.0.0.5");
    expect(delivery).toMatchObject({ event: "whatsapp.message.received" });
  });

  it("stops a batch at the first failing item and answers 500", async () => {
    const seen: string[] = [];
    const handle = createWebhookHandler({
      secret,
      on: {
        "whatsapp.message.received": (payload) => {
          seen.push(payload.message.id);
          throw new Error("first item fails");
        },
      },
    });
    expect((await handle(deliveryRequest("whatsapp.message.received", JSON.stringify(batch)))).status).toBe(
      500,
    );
    expect(seen).toEqual([batch.data[0]?.message.id]);
  });

  it("acknowledges events without a handler, and events this version does not know, with 200", async () => {
    const handler = vi.fn();
    const handle = createWebhookHandler({ secret, on: { "whatsapp.message.received": handler } });
    const ended = JSON.stringify(specExample("whatsapp.conversation.ended"));
    const future = '{"thing":1}';
    for (const request of [
      deliveryRequest("whatsapp.conversation.ended", ended),
      deliveryRequest("whatsapp.thing.invented_later", future),
    ]) {
      const response = await handle(request);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ received: true, handled: false });
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses a delivery of the other payload version with 400", async () => {
    const handler = vi.fn();
    const handle = createWebhookHandler({ secret, on: { "whatsapp.message.received": handler } });
    const v1 = JSON.stringify(specExample("whatsapp.message.received", "v1"));
    const response = await handle(
      deliveryRequest("whatsapp.message.received", v1, { "x-webhook-payload-version": "v1" }),
    );
    expect(response.status).toBe(400);
    expect(handler).not.toHaveBeenCalled();

    const v1Handler = vi.fn();
    const handleV1 = createWebhookHandler({
      secret,
      payloadVersion: "v1",
      on: { "whatsapp.message.received": (payload) => v1Handler(payload.whatsapp_config.id) },
    });
    const ok = await handleV1(
      deliveryRequest("whatsapp.message.received", v1, { "x-webhook-payload-version": "v1" }),
    );
    expect(ok.status).toBe(200);
    expect(v1Handler).toHaveBeenCalledWith("7f3e2d1c-0b9a-4c8d-8e7f-6a5b4c3d2e1f");
  });

  it("answers 405 to anything but POST", async () => {
    const handle = createWebhookHandler({ secret, on: {} });
    const response = await handle(new Request("http://localhost/hooks"));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("refuses to be created without a secret", () => {
    expect(() => createWebhookHandler({ secret: "", on: {} })).toThrow(KapsoWebhookError);
    expect(() => createWebhookHandler({ secret: undefined as unknown as string, on: {} })).toThrow(
      /No webhook secret/,
    );
  });
});

describe("dedupe", () => {
  const request = (key: string) =>
    deliveryRequest("whatsapp.message.received", receivedBody, { "x-idempotency-key": key });
  /** A delivery of `body` without X-Idempotency-Key, as a sender that does not set one makes it. */
  const keyless = (body = receivedBody) => {
    const { "x-idempotency-key": _key, ...headers } = deliveryHeaders("whatsapp.message.received", body);
    return new Request("http://localhost/", { method: "POST", headers, body });
  };
  /** A handler that fails its first call only, as a transient fault would. */
  const failingOnce = () => {
    let calls = 0;
    return vi.fn(() => {
      calls++;
      if (calls === 1) throw new Error("transient");
    });
  };

  it("runs the handlers once per X-Idempotency-Key and still answers 200 to the repeat", async () => {
    const handler = vi.fn();
    const handle = createWebhookHandler({ secret, on: { "whatsapp.message.received": handler } });
    const first = await handle(request("key-1"));
    const repeat = await handle(request("key-1"));
    const other = await handle(request("key-2"));
    expect([first.status, repeat.status, other.status]).toEqual([200, 200, 200]);
    expect(await repeat.json()).toEqual({ received: true, duplicate: true });
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it("runs them for every delivery with dedupe: false", async () => {
    const handler = vi.fn();
    const handle = createWebhookHandler({
      secret,
      dedupe: false,
      on: { "whatsapp.message.received": handler },
    });
    await handle(request("key-1"));
    await handle(request("key-1"));
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it("lets Kapso's retry of a failed delivery run the handlers again", async () => {
    const handler = failingOnce();
    const handle = createWebhookHandler({ secret, on: { "whatsapp.message.received": handler } });
    expect((await handle(request("key-1"))).status).toBe(500);
    expect((await handle(request("key-1"))).status).toBe(200);
    expect((await handle(request("key-1"))).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it("uses a pluggable async store, and answers 500 when the store fails", async () => {
    const claimed = new Set<string>();
    const store: WebhookDedupeStore = {
      claim: vi.fn(async (key: string) => {
        if (key === "broken") throw new Error("redis unreachable");
        if (claimed.has(key)) return false;
        claimed.add(key);
        return true;
      }),
    };
    const handler = vi.fn();
    const handle = createWebhookHandler({
      secret,
      dedupe: store,
      on: { "whatsapp.message.received": handler },
    });
    await handle(request("key-1"));
    await handle(request("key-1"));
    expect(handler).toHaveBeenCalledTimes(1);
    expect(store.claim).toHaveBeenCalledWith("key-1");
    expect((await handle(request("broken"))).status).toBe(500);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("dedupes a delivery without X-Idempotency-Key on the SHA-256 of its signed body", async () => {
    const handler = vi.fn();
    const claimed: string[] = [];
    const memory = createMemoryDedupeStore();
    const handle = createWebhookHandler({
      secret,
      on: { "whatsapp.message.received": handler },
      dedupe: {
        claim: (key) => {
          claimed.push(key);
          return memory.claim(key);
        },
      },
    });
    const first = await handle(keyless(receivedBody));
    const repeat = await handle(keyless(receivedBody));
    expect(await repeat.json()).toEqual({ received: true, duplicate: true });
    expect([first.status, repeat.status]).toEqual([200, 200]);
    // Another body is another delivery, even with the same contents re-serialised.
    const reformatted = JSON.stringify(received, null, 2);
    expect((await handle(keyless(reformatted))).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(2);
    const digest = createHash("sha256").update(receivedBody).digest("hex");
    expect(claimed.slice(0, 2)).toEqual([`sha256:${digest}`, `sha256:${digest}`]);
  });

  it("does not stop a signed body replayed under another X-Idempotency-Key (the key is not signed)", async () => {
    const handler = vi.fn();
    const handle = createWebhookHandler({ secret, on: { "whatsapp.message.received": handler } });
    await handle(request("key-1"));
    await handle(request("key-chosen-by-whoever-replays"));
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it("releases the body's digest when a handler fails, so the retry runs the handlers again", async () => {
    const handler = failingOnce();
    const handle = createWebhookHandler({ secret, on: { "whatsapp.message.received": handler } });
    expect((await handle(keyless())).status).toBe(500);
    expect((await handle(keyless())).status).toBe(200);
    expect((await handle(keyless())).status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(2);
  });

  it("bounds the in-memory store, forgetting the oldest keys first", async () => {
    const store = createMemoryDedupeStore({ maxKeys: 2 });
    expect(await store.claim("a")).toBe(true);
    expect(await store.claim("b")).toBe(true);
    expect(await store.claim("a")).toBe(false);
    expect(await store.claim("c")).toBe(true);
    expect(await store.claim("b")).toBe(false);
    expect(await store.claim("a")).toBe(true);
    expect(() => createMemoryDedupeStore({ maxKeys: 0 })).toThrow(/positive integer/);
  });
});

describe("secrets stay out of answers and errors", () => {
  it("never shows the secret in any answer or reported error", async () => {
    const reported: unknown[] = [];
    const handle = createWebhookHandler({
      secret,
      on: {
        "whatsapp.message.received": () => {
          throw new Error("boom");
        },
      },
      onError: (error) => void reported.push(error),
    });
    const answers = [
      await handle(deliveryRequest("whatsapp.message.received", receivedBody)),
      await handle(deliveryRequest("whatsapp.message.received", "{")),
      await handle(
        new Request("http://localhost/", {
          method: "POST",
          headers: {
            ...deliveryHeaders("whatsapp.message.received", receivedBody),
            "x-webhook-signature": "0".repeat(64),
          },
          body: receivedBody,
        }),
      ),
    ];
    const everything = [
      ...(await Promise.all(answers.map((r) => r.text()))),
      ...reported.map((e) => `${(e as Error).message} ${JSON.stringify(e)} ${String((e as Error).stack)}`),
    ].join("\n");
    expect(reported).toHaveLength(3);
    expect(everything).not.toContain(secret);
  });
});
