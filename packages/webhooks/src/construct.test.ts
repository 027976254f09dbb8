import { describe, expect, it } from "vitest";
import { constructWebhookEvent, receiveWebhook } from "./construct.js";
import { KapsoWebhookError } from "./errors.js";
import { deliveryHeaders, deliveryRequest, secret, sign, specExample } from "./test-fixtures.js";

const received = specExample("whatsapp.message.received") as { message: { id: string } };
const receivedBody = JSON.stringify(received);

async function refusal(promise: Promise<unknown>): Promise<KapsoWebhookError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof KapsoWebhookError))
    throw new Error(`expected a KapsoWebhookError, got ${String(error)}`);
  return error;
}

describe("constructWebhookEvent", () => {
  it("verifies and parses a single delivery into a one-item payloads array", async () => {
    const headers = deliveryHeaders("whatsapp.message.received", receivedBody, {
      "x-idempotency-key": "key-1",
    });
    const delivery = await constructWebhookEvent({ body: receivedBody, headers, secret });
    expect(delivery).toEqual({
      event: "whatsapp.message.received",
      payloadVersion: "v2",
      idempotencyKey: "key-1",
      batch: false,
      payloads: [received],
    });
  });

  it("reads a Fetch Headers object and Node-style records in any case, arrays by their first value", async () => {
    const plain = deliveryHeaders("whatsapp.message.received", receivedBody);
    const shouting = Object.fromEntries(Object.entries(plain).map(([k, v]) => [k.toUpperCase(), v]));
    const arrays = Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, [v, "ignored"]]));
    for (const headers of [new Headers(plain), shouting, arrays]) {
      const delivery = await constructWebhookEvent({ body: receivedBody, headers, secret });
      expect(delivery.event).toBe("whatsapp.message.received");
    }
  });

  it("unwraps a batch into its items, oldest first, and takes the event from the headers", async () => {
    const batch = specExample("whatsapp.message.received", "v2_batch") as { data: unknown[] };
    const body = JSON.stringify(batch);
    const headers = deliveryHeaders("whatsapp.message.received", body, {
      "x-webhook-batch": "true",
      "x-batch-size": String(batch.data.length),
    });
    const delivery = await constructWebhookEvent({ body, headers, secret });
    expect(delivery.batch).toBe(true);
    expect(delivery.payloads).toEqual(batch.data);
    expect(delivery.payloads).toHaveLength(2);
  });

  it("takes the event from the batch's type or the payload's own event when the header is absent", async () => {
    const batchBody = JSON.stringify(specExample("whatsapp.message.received", "v2_batch"));
    const { "x-webhook-event": _event, ...noEvent } = deliveryHeaders("-", batchBody);
    expect((await constructWebhookEvent({ body: batchBody, headers: noEvent, secret })).event).toBe(
      "whatsapp.message.received",
    );
    const failedBody = JSON.stringify(specExample("workflow.execution.failed"));
    const { "x-webhook-event": _e, ...noEvent2 } = deliveryHeaders("-", failedBody);
    expect((await constructWebhookEvent({ body: failedBody, headers: noEvent2, secret })).event).toBe(
      "workflow.execution.failed",
    );
  });

  it("reads v1 deliveries and defaults to v2 without the version header", async () => {
    const v1Body = JSON.stringify(specExample("whatsapp.message.received", "v1"));
    const v1 = await constructWebhookEvent({
      body: v1Body,
      headers: deliveryHeaders("whatsapp.message.received", v1Body, { "x-webhook-payload-version": "v1" }),
      secret,
    });
    expect(v1.payloadVersion).toBe("v1");
    const { "x-webhook-payload-version": _v, ...noVersion } = deliveryHeaders(
      "whatsapp.message.received",
      receivedBody,
    );
    expect(
      (await constructWebhookEvent({ body: receivedBody, headers: noVersion, secret })).payloadVersion,
    ).toBe("v2");
  });

  it("refuses a missing signature with missing_signature (401)", async () => {
    const { "x-webhook-signature": _s, ...headers } = deliveryHeaders(
      "whatsapp.message.received",
      receivedBody,
    );
    const error = await refusal(constructWebhookEvent({ body: receivedBody, headers, secret }));
    expect([error.reason, error.status]).toEqual(["missing_signature", 401]);
  });

  it("refuses a tampered body, the wrong secret and a garbage signature with invalid_signature", async () => {
    const headers = deliveryHeaders("whatsapp.message.received", receivedBody);
    const tampered = receivedBody.replace(received.message.id, `${received.message.id.slice(0, -1)}B`);
    const attempts = [
      () => constructWebhookEvent({ body: tampered, headers, secret }),
      () => constructWebhookEvent({ body: receivedBody, headers, secret: "not the secret" }),
      () =>
        constructWebhookEvent({
          body: receivedBody,
          headers: { ...headers, "x-webhook-signature": "00ff" },
          secret,
        }),
    ];
    for (const attempt of attempts) {
      const error = await refusal(attempt());
      expect([error.reason, error.status]).toEqual(["invalid_signature", 401]);
      expect(error.message).not.toContain(secret);
      expect(error.message).not.toContain(headers["x-webhook-signature"]);
    }
  });

  it("refuses a missing secret before looking at anything else", async () => {
    const error = await refusal(constructWebhookEvent({ body: receivedBody, headers: {}, secret: "" }));
    expect(error.reason).toBe("missing_secret");
  });

  it("refuses signed but unreadable bodies with invalid_payload (400), naming the problem", async () => {
    const cases: [string, RegExp, Record<string, string>?][] = [
      ["{not json", /not valid UTF-8 JSON/],
      ["[1,2]", /not a JSON object/],
      ["null", /not a JSON object/],
      ['{"batch":true,"data":{}}', /without a data array/],
      ['{"type":"whatsapp.message.received","batch":true,"data":[{},3]}', /Item 1 of the batch/],
      ['{"message":{}}', /names no event/, { "x-webhook-event": "" }],
      [
        '{"message":{}}',
        /Unknown webhook event "whatsapp.message.exploded"/,
        { "x-webhook-event": "whatsapp.message.exploded" },
      ],
      ['{"message":{}}', /Unsupported X-Webhook-Payload-Version "v3"/, { "x-webhook-payload-version": "v3" }],
      [
        '{"whatsapp_config":{"id":"x"}}',
        /Unknown webhook event "whatsapp.config.created" for payload version v2/,
        { "x-webhook-event": "whatsapp.config.created" },
      ],
      [
        '{"type":"whatsapp.message.sent","batch":true,"data":[]}',
        /X-Webhook-Event says "whatsapp.message.received" but the batch's type is "whatsapp.message.sent"/,
      ],
    ];
    for (const [body, message, extra] of cases) {
      const headers = deliveryHeaders("whatsapp.message.received", body, extra);
      const error = await refusal(constructWebhookEvent({ body, headers, secret }));
      expect([error.reason, error.status]).toEqual(["invalid_payload", 400]);
      expect(error.message).toMatch(message);
    }
  });

  it("refuses bytes that are not UTF-8, even when signed", async () => {
    const body = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    const error = await refusal(
      constructWebhookEvent({
        body,
        headers: deliveryHeaders("whatsapp.message.received", "", { "x-webhook-signature": sign(body) }),
        secret,
      }),
    );
    expect(error.reason).toBe("invalid_payload");
  });
});

describe("receiveWebhook", () => {
  it("reads the raw body of a Fetch Request", async () => {
    const delivery = await receiveWebhook(deliveryRequest("whatsapp.message.received", receivedBody), {
      secret,
    });
    expect(delivery.event).toBe("whatsapp.message.received");
    if (delivery.event === "whatsapp.message.received" && delivery.payloadVersion === "v2") {
      expect(delivery.payloads[0]?.message.id).toBe(received.message.id);
    } else {
      throw new Error("narrowing failed");
    }
  });

  it("names the problem when the request body was already read", async () => {
    const request = deliveryRequest("whatsapp.message.received", receivedBody);
    await request.json();
    const error = await refusal(receiveWebhook(request, { secret }));
    expect([error.reason, error.message]).toEqual(["invalid_payload", expect.stringMatching(/already read/)]);
  });

  it("refuses a request signed for other bytes", async () => {
    const request = new Request("http://localhost/hooks", {
      method: "POST",
      headers: deliveryHeaders("whatsapp.message.received", receivedBody),
      body: JSON.stringify(JSON.parse(receivedBody), null, 2),
    });
    expect((await refusal(receiveWebhook(request, { secret }))).reason).toBe("invalid_signature");
  });
});
