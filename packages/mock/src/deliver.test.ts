import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import { type LoopbackServer, startLoopbackServer } from "@kapso/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverWebhook, webhookExample } from "./deliver.js";
import { defaultSpecPath } from "./index.js";

interface Received {
  method?: string;
  headers: IncomingHttpHeaders;
  body: string;
}
let answer = 200;
let server: LoopbackServer;
let url: string;
const secret = "wh_sec_mock_test";

beforeAll(async () => {
  server = await startLoopbackServer((_request, res) => {
    res.statusCode = answer;
    res.end("ok");
  });
  url = `${server.origin}/hooks`;
});
afterAll(() => server.close());

const spec = JSON.parse(readFileSync(defaultSpecPath(), "utf8"));
const exampleOf = (event: string, name: string) =>
  spec.webhooks[event].post.requestBody.content["application/json"].examples[name].value;
const last = (): Received => server.requests.at(-1) as Received;

describe("deliverWebhook", () => {
  it("POSTs the spec's v2 example, signed with HMAC-SHA256 of the exact body, with Kapso's headers", async () => {
    const result = await deliverWebhook({ url, secret, event: "whatsapp.message.received" });
    expect(result.status).toBe(200);
    const { method, headers, body } = last();
    expect(method).toBe("POST");
    expect(JSON.parse(body)).toEqual(exampleOf("whatsapp.message.received", "v2"));
    expect(headers["x-webhook-signature"]).toBe(createHmac("sha256", secret).update(body).digest("hex"));
    expect(headers["x-webhook-event"]).toBe("whatsapp.message.received");
    expect(headers["x-webhook-payload-version"]).toBe("v2");
    expect(headers["x-idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers["content-type"]).toBe("application/json");
    expect(headers["x-webhook-batch"]).toBeUndefined();
  });

  it("sends the batched example with the batch headers", async () => {
    await deliverWebhook({ url, secret, event: "whatsapp.message.received", batch: true });
    const { headers, body } = last();
    const batch = exampleOf("whatsapp.message.received", "v2_batch");
    expect(JSON.parse(body)).toEqual(batch);
    expect(headers["x-webhook-batch"]).toBe("true");
    expect(headers["x-batch-size"]).toBe(String(batch.data.length));
  });

  it("wraps the single example into a batch when the spec has no batched one", async () => {
    await deliverWebhook({ url, secret, event: "whatsapp.message.sent", batch: true });
    expect(JSON.parse(last().body)).toEqual({
      type: "whatsapp.message.sent",
      batch: true,
      data: [exampleOf("whatsapp.message.sent", "v2")],
    });
  });

  it("sends v1 examples, a payload of your own, and a fixed idempotency key", async () => {
    await deliverWebhook({ url, secret, event: "whatsapp.config.created", payloadVersion: "v1" });
    expect(JSON.parse(last().body)).toEqual(exampleOf("whatsapp.config.created", "v1"));
    expect(last().headers["x-webhook-payload-version"]).toBe("v1");

    const payload = { event: "workflow.execution.failed", custom: true };
    await deliverWebhook({
      url,
      secret,
      event: "workflow.execution.failed",
      payload,
      idempotencyKey: "key-7",
    });
    expect(JSON.parse(last().body)).toEqual(payload);
    expect(last().headers["x-idempotency-key"]).toBe("key-7");
  });

  it("resolves with the endpoint's answer whatever its status", async () => {
    answer = 503;
    try {
      const result = await deliverWebhook({ url, secret, event: "whatsapp.conversation.created" });
      expect([result.status, result.ok, result.responseBody]).toEqual([503, false, "ok"]);
    } finally {
      answer = 200;
    }
  });

  it("names the problem for an unknown event, a missing example, a missing secret or a bad URL", async () => {
    await expect(
      deliverWebhook({ url, secret, event: "whatsapp.nope" as "whatsapp.message.received" }),
    ).rejects.toThrow(/Unknown webhook event "whatsapp.nope". Events in the spec: whatsapp.message.received/);
    await expect(deliverWebhook({ url, secret, event: "whatsapp.config.created" })).rejects.toThrow(
      /no v2 example of whatsapp.config.created \(its examples: v1\)/,
    );
    await expect(deliverWebhook({ url, secret: "", event: "whatsapp.message.received" })).rejects.toThrow(
      /secret/,
    );
    await expect(
      deliverWebhook({ url: "localhost:3000", secret, event: "whatsapp.message.received" }),
    ).rejects.toThrow(/not an absolute http\(s\) URL/);
  });
});

describe("webhookExample", () => {
  it("has a v2 example for every v2 event in the spec", () => {
    for (const event of Object.keys(spec.webhooks)) {
      if (event === "whatsapp.config.created") continue;
      expect(webhookExample({ event: event as "whatsapp.message.received" })).toEqual(exampleOf(event, "v2"));
    }
  });
});

describe("deliverWebhook failures", () => {
  it("says which URL could not be reached, and when it answered too slowly", async () => {
    const closed = await startLoopbackServer();
    const port = new URL(closed.origin).port;
    await closed.close();
    await expect(
      deliverWebhook({ url: `http://127.0.0.1:${port}/hooks`, secret, event: "whatsapp.message.received" }),
    ).rejects.toThrow(new RegExp(`http://127.0.0.1:${port}/hooks could not be reached: .*ECONNREFUSED`));

    const slow = await startLoopbackServer(() => undefined); // never answers
    try {
      const slowUrl = `${slow.origin}/hooks`;
      await expect(
        deliverWebhook({ url: slowUrl, secret, event: "whatsapp.message.received", timeoutMs: 200 }),
      ).rejects.toThrow(/did not answer within 200 ms/);
    } finally {
      await slow.close();
    }
  });
});
