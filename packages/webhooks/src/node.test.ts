import { execFile } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { deliverWebhook, webhookExample } from "@kapso/mock";
import { afterEach, describe, expect, it } from "vitest";
import { createWebhookHandler } from "./handler.js";
import { toNodeListener } from "./node.js";
import { secret, sign, specExample } from "./test-fixtures.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(listener: (req: IncomingMessage, res: ServerResponse) => unknown): Promise<string> {
  const server = createServer((req, res) => void listener(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
}

function receiver() {
  const messageIds: string[] = [];
  const handler = createWebhookHandler({
    secret,
    on: { "whatsapp.message.received": (payload) => void messageIds.push(payload.message.id) },
  });
  return { messageIds, listener: toNodeListener(handler) };
}

describe("toNodeListener behind node:http", () => {
  it("accepts a delivery from @kapso/mock's deliverWebhook; the payload is the spec's example", async () => {
    const { messageIds, listener } = receiver();
    const url = await listen(listener);
    const result = await deliverWebhook({ url, secret, event: "whatsapp.message.received" });
    expect(result.status).toBe(200);
    const example = specExample("whatsapp.message.received") as { message: { id: string } };
    expect(webhookExample({ event: "whatsapp.message.received" })).toEqual(example);
    expect(messageIds).toEqual([example.message.id]);
  });

  it("unwraps a batched delivery and dedupes a repeated idempotency key", async () => {
    const { messageIds, listener } = receiver();
    const url = await listen(listener);
    const first = await deliverWebhook({
      url,
      secret,
      event: "whatsapp.message.received",
      batch: true,
      idempotencyKey: "k",
    });
    const again = await deliverWebhook({
      url,
      secret,
      event: "whatsapp.message.received",
      batch: true,
      idempotencyKey: "k",
    });
    expect([first.status, again.status]).toEqual([200, 200]);
    const batch = specExample("whatsapp.message.received", "v2_batch") as {
      data: { message: { id: string } }[];
    };
    expect(messageIds).toEqual(batch.data.map((item) => item.message.id));
  });

  it("answers 401 to a delivery signed with another secret, or with one byte changed", async () => {
    const { messageIds, listener } = receiver();
    const url = await listen(listener);
    const wrongSecret = await deliverWebhook({
      url,
      secret: "someone else's",
      event: "whatsapp.message.received",
    });
    expect(wrongSecret.status).toBe(401);
    const body = JSON.stringify(specExample("whatsapp.message.received"));
    const tampered = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-webhook-event": "whatsapp.message.received",
        "x-webhook-signature": sign(body),
      },
      body: body.replace('"Hi', '"Ho'),
    });
    expect(tampered.status).toBe(401);
    expect(messageIds).toEqual([]);
  });

  it("uses a body an Express raw parser already read, and names the pitfall when a JSON parser did", async () => {
    const { messageIds, listener } = receiver();
    const readBody = async (req: IncomingMessage) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };
    const rawUrl = await listen(async (req, res) => {
      Object.assign(req, { body: await readBody(req) });
      await listener(req, res);
    });
    const jsonUrl = await listen(async (req, res) => {
      Object.assign(req, { body: JSON.parse((await readBody(req)).toString("utf8")) });
      await listener(req, res);
    });
    expect((await deliverWebhook({ url: rawUrl, secret, event: "whatsapp.message.received" })).status).toBe(
      200,
    );
    const parsed = await deliverWebhook({ url: jsonUrl, secret, event: "whatsapp.message.received" });
    expect(parsed.status).toBe(500);
    expect(parsed.responseBody).toMatch(/parsed before the Kapso webhook handler.*express\.raw/);
    expect(messageIds).toHaveLength(1);
  });
});

describe("kapso-mock deliver", () => {
  it("reaches a createWebhookHandler behind toNodeListener, and the typed message.id is the spec's example", async () => {
    const { messageIds, listener } = receiver();
    const url = await listen(listener);
    const mockDir = dirname(createRequire(import.meta.url).resolve("@kapso/mock/package.json"));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(mockDir, "bin/kapso-mock.js"),
        "deliver",
        "--url",
        url,
        "--secret",
        secret,
        "--event",
        "whatsapp.message.received",
      ],
      { timeout: 20_000 },
    );
    expect(stdout).toContain("Delivered whatsapp.message.received (v2) to");
    expect(stdout).toContain(": 200 in");
    expect(stdout).not.toContain(secret);
    expect(messageIds).toEqual([
      (specExample("whatsapp.message.received") as { message: { id: string } }).message.id,
    ]);
  });
});
