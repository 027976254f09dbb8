import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { KapsoWebhookError } from "./errors.js";
import { constructMetaWebhookEvent, createMetaWebhookHandler, receiveMetaWebhook } from "./meta.js";
import { META_MESSAGE_TYPES, META_STATUSES, type MetaWebhookChangeItem } from "./meta-events.js";
import { inboundMessages, metadata, metaPayload, statusUpdates, textPayload } from "./meta-fixtures.js";
import { secret, sign, specExample } from "./test-fixtures.js";

const body = JSON.stringify(metaPayload);
// What a meta webhook's delivery carries: Kapso's signature, and the payload's SHA-256 as its key.
const metaHeaders = (raw: string, extra: Record<string, string> = {}) => ({
  "content-type": "application/json",
  "x-webhook-signature": sign(raw),
  "x-idempotency-key": createHash("sha256").update(raw).digest("hex"),
  ...extra,
});
const metaRequest = (raw: string, extra: Record<string, string> = {}) =>
  new Request("http://localhost/hooks/meta", { method: "POST", headers: metaHeaders(raw, extra), body: raw });

describe("constructMetaWebhookEvent", () => {
  it("verifies the signature and lists every message and status with its phone number, in order", async () => {
    const delivery = await constructMetaWebhookEvent({ body, headers: metaHeaders(body), secret });
    expect(delivery.payload).toEqual(metaPayload);
    expect(delivery.idempotencyKey).toBe(createHash("sha256").update(body).digest("hex"));
    expect(delivery.messages.map((item) => item.message.type)).toEqual(inboundMessages.map((m) => m.type));
    expect(delivery.messages.map((item) => item.message.id)).toEqual(inboundMessages.map((m) => m.id));
    expect(delivery.statuses.map((item) => item.status.status)).toEqual([
      "sent",
      "delivered",
      "read",
      "failed",
      "played",
    ]);
    for (const item of [...delivery.messages, ...delivery.statuses]) {
      expect(item.metadata).toEqual(metadata);
      expect(item.businessAccountId).toBe("104996122399160");
    }
    expect(delivery.messages.every((item) => item.contact?.profile?.name === "Ana Souza")).toBe(true);
  });

  it("keeps what it does not know: a new message type, a new status, another field's change", async () => {
    const delivery = await constructMetaWebhookEvent({ body, headers: metaHeaders(body), secret });
    const unknown = delivery.messages.filter((item) => !item.known);
    expect(unknown.map((item) => item.message.type)).toEqual(["hologram"]);
    expect(unknown[0]?.message).toEqual(inboundMessages.at(-1));
    expect(delivery.messages.filter((item) => item.known)).toHaveLength(inboundMessages.length - 1);
    expect(delivery.statuses.map((item) => item.known)).toEqual([true, true, true, true, false]);
    expect(delivery.statuses.at(-1)?.status).toEqual(statusUpdates.at(-1));
    expect(delivery.changes.map((item) => item.known)).toEqual([true, true, false]);
    expect(delivery.changes.map((item) => item.change.field)).toEqual([
      "messages",
      "messages",
      "message_template_status_update",
    ]);
    expect(delivery.changes[2]?.change.value).toEqual({
      event: "APPROVED",
      message_template_id: 5512,
      message_template_name: "order_update",
    });
    // Errors about the number rather than a message stay on the change's value.
    const second = delivery.changes[1];
    expect(second?.known ? second.change.value.errors?.[0]?.code : undefined).toBe(131000);
  });

  it("gives a failed status its errors, and a sent one its conversation and pricing", async () => {
    const { statuses } = await constructMetaWebhookEvent({ body, headers: metaHeaders(body), secret });
    const failed = statuses.find((item) => item.known && item.status.status === "failed")?.status;
    expect(failed?.errors?.[0]?.code).toBe(131026);
    const sent = statuses.find((item) => item.status.status === "sent")?.status;
    expect(sent?.conversation?.origin?.type).toBe("service");
    expect(sent?.pricing?.pricing_model).toBe("PMP");
    expect(sent?.biz_opaque_callback_data).toBe("order-42");
  });

  it("finds the sender by phone number, takes a lone contact for a sender without one, and leaves it out otherwise", async () => {
    const twoUsers = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "1",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata,
                contacts: [
                  { wa_id: "111", profile: { name: "One" } },
                  { wa_id: "222", profile: { name: "Two" } },
                ],
                messages: [
                  { from: "222", id: "wamid.a", timestamp: "1", type: "text", text: { body: "a" } },
                  { id: "wamid.b", timestamp: "1", type: "text", text: { body: "b" } },
                ],
              },
            },
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata,
                contacts: [{ user_id: "US.1349", profile: { username: "@ana" } }],
                messages: [{ id: "wamid.c", timestamp: "1", type: "text", text: { body: "c" } }],
              },
            },
          ],
        },
      ],
    };
    const raw = JSON.stringify(twoUsers);
    const { messages } = await constructMetaWebhookEvent({ body: raw, headers: metaHeaders(raw), secret });
    expect(messages.map((item) => item.contact?.profile)).toEqual([
      { name: "Two" },
      undefined,
      { username: "@ana" },
    ]);
  });

  it("refuses a missing or wrong signature, and accepts one behind sha256=", async () => {
    const { "x-webhook-signature": _s, ...unsigned } = metaHeaders(body);
    const missing = await constructMetaWebhookEvent({ body, headers: unsigned, secret }).catch(
      (e: unknown) => e,
    );
    expect((missing as KapsoWebhookError).reason).toBe("missing_signature");
    const wrong = await constructMetaWebhookEvent({
      body,
      headers: metaHeaders(body),
      secret: "other",
    }).catch((e: unknown) => e);
    expect((wrong as KapsoWebhookError).reason).toBe("invalid_signature");
    const prefixed = await constructMetaWebhookEvent({
      body,
      headers: metaHeaders(body, { "x-webhook-signature": `sha256=${sign(body)}` }),
      secret,
    });
    expect(prefixed.messages).toHaveLength(inboundMessages.length);
  });

  it("refuses, with a message naming the problem, a kapso-kind body and payloads it cannot tell apart", async () => {
    const cases: [unknown, RegExp][] = [
      [specExample("whatsapp.message.received"), /kind kapso/],
      [{ object: "whatsapp_business_account", entry: [{ changes: [] }] }, /entry\[0\]\.id/],
      [{ object: "whatsapp_business_account", entry: [{ id: "1", changes: [{ value: {} }] }] }, /field/],
      [
        {
          object: "whatsapp_business_account",
          entry: [{ id: "1", changes: [{ field: "messages", value: { metadata, messages: {} } }] }],
        },
        /messages is not an array/,
      ],
      [
        {
          object: "whatsapp_business_account",
          entry: [
            { id: "1", changes: [{ field: "messages", value: { metadata, messages: [{ id: "x" }] } }] },
          ],
        },
        /messages\[0\] has no type/,
      ],
      [
        {
          object: "whatsapp_business_account",
          entry: [
            { id: "1", changes: [{ field: "messages", value: { metadata, statuses: [{ id: "x" }] } }] },
          ],
        },
        /statuses\[0\] has no status/,
      ],
      [
        {
          object: "whatsapp_business_account",
          entry: [{ id: "1", changes: [{ field: "messages", value: {} }] }],
        },
        /metadata/,
      ],
    ];
    for (const [payload, message] of cases) {
      const raw = JSON.stringify(payload);
      const error = await constructMetaWebhookEvent({ body: raw, headers: metaHeaders(raw), secret }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(KapsoWebhookError);
      expect((error as KapsoWebhookError).reason).toBe("invalid_payload");
      expect((error as Error).message).toMatch(message);
    }
  });

  it("counts as unknown a known type without its content, and an interactive reply of an unknown type", async () => {
    const odd = [
      { id: "wamid.1", timestamp: "1", type: "text" },
      { id: "wamid.2", timestamp: "1", type: "contacts", contacts: { name: "not a list" } },
      {
        id: "wamid.3",
        timestamp: "1",
        type: "interactive",
        interactive: { type: "call_permission_reply", call_permission_reply: {} },
      },
      { id: "wamid.4", timestamp: "1", type: "request_welcome" },
    ];
    const raw = JSON.stringify({
      object: "whatsapp_business_account",
      entry: [{ id: "1", changes: [{ field: "messages", value: { metadata, messages: odd } }] }],
    });
    const { messages } = await constructMetaWebhookEvent({ body: raw, headers: metaHeaders(raw), secret });
    expect(messages.map((item) => item.known)).toEqual([false, false, false, true]);
    expect(messages.map((item) => item.message)).toEqual(odd);
  });

  it("lists at run time the message types and statuses it types", () => {
    expect(new Set(META_MESSAGE_TYPES).size).toBe(META_MESSAGE_TYPES.length);
    expect([...META_STATUSES]).toEqual(["sent", "delivered", "read", "failed"]);
  });
});

describe("receiveMetaWebhook", () => {
  it("reads a Fetch Request, refusing an unsigned one without reading its body", async () => {
    const delivery = await receiveMetaWebhook(metaRequest(body), { secret });
    expect(delivery.statuses).toHaveLength(statusUpdates.length);
    let pulled = false;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull() {
          pulled = true;
        },
      },
      { highWaterMark: 0 },
    );
    const unsigned = new Request("http://localhost/", {
      method: "POST",
      body: stream,
      duplex: "half",
    } as RequestInit);
    const error = await receiveMetaWebhook(unsigned, { secret }).catch((e: unknown) => e);
    expect((error as KapsoWebhookError).status).toBe(401);
    expect(pulled).toBe(false);
  });
});

describe("createMetaWebhookHandler", () => {
  it("runs change, then message and status handlers, per change and in order", async () => {
    const calls: string[] = [];
    const handle = createMetaWebhookHandler({
      secret,
      on: {
        change: ({ change }) => void calls.push(`change:${change.field}`),
        message: (item) => void calls.push(`message:${item.message.type}`),
        status: (item) => void calls.push(`status:${item.status.status}`),
      },
    });
    const response = await handle(metaRequest(body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, handled: true });
    expect(calls).toEqual([
      "change:messages",
      ...inboundMessages.map((m) => `message:${m.type}`),
      "change:messages",
      ...statusUpdates.map((s) => `status:${s.status}`),
      "change:message_template_status_update",
    ]);
  });

  it("runs the handlers once per X-Idempotency-Key, and once per body without one", async () => {
    const message = vi.fn();
    const handle = createMetaWebhookHandler({ secret, on: { message } });
    const raw = JSON.stringify(textPayload("hi"));
    expect((await handle(metaRequest(raw))).status).toBe(200);
    expect(await (await handle(metaRequest(raw))).json()).toEqual({ received: true, duplicate: true });
    const other = JSON.stringify(textPayload("again"));
    const { "x-idempotency-key": _key, ...keyless } = metaHeaders(other);
    const request = () => new Request("http://localhost/", { method: "POST", headers: keyless, body: other });
    await handle(request());
    await handle(request());
    expect(message).toHaveBeenCalledTimes(2);
  });

  it("answers 401, 413 and 400 like the kapso-kind endpoint, and 200 unhandled when no handler applies", async () => {
    const onError = vi.fn();
    const handle = createMetaWebhookHandler({
      secret,
      on: { message: vi.fn() },
      onError,
      maxBodyBytes: 1000,
    });
    const { "x-webhook-signature": _s, ...unsigned } = metaHeaders(body);
    const answers = [
      await handle(new Request("http://localhost/", { method: "POST", headers: unsigned, body })),
      await handle(metaRequest(body)),
      await handle(metaRequest('{"object":"whatsapp_business_account"}')),
    ];
    expect(answers.map((r) => r.status)).toEqual([401, 413, 400]);
    expect(onError.mock.calls.map(([error]) => (error as KapsoWebhookError).reason)).toEqual([
      "missing_signature",
      "payload_too_large",
      "invalid_payload",
    ]);
    const statusesOnly = createMetaWebhookHandler({ secret, on: { message: vi.fn() } });
    const raw = JSON.stringify({
      object: "whatsapp_business_account",
      entry: [{ id: "1", changes: [{ field: "messages", value: { metadata, statuses: statusUpdates } }] }],
    });
    expect(await (await statusesOnly(metaRequest(raw))).json()).toEqual({ received: true, handled: false });
  });

  it("answers 500 when a handler throws, and lets the retry run it again", async () => {
    let calls = 0;
    const handle = createMetaWebhookHandler({
      secret,
      on: {
        change: (_item: MetaWebhookChangeItem) => {
          calls++;
          if (calls === 1) throw new Error("transient");
        },
      },
    });
    const raw = JSON.stringify(textPayload("retry me"));
    expect((await handle(metaRequest(raw))).status).toBe(500);
    expect((await handle(metaRequest(raw))).status).toBe(200);
    expect(calls).toBe(2);
  });
});
