import { createHmac } from "node:crypto";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { KapsoWebhookError } from "./errors.js";
import { signWebhookPayload, verifyWebhookSignature } from "./signature.js";

const secret = "wh_sec_test_3kfj9dmfkg8s2";
const body =
  '{"message":{"id":"wamid.abc","type":"text","text":{"body":"Olá, 世界 👋"}},"phone_number_id":"123"}';
// Computed independently of the code under test.
const nodeHmac = (data: string | Uint8Array, key = secret) =>
  createHmac("sha256", key).update(data).digest("hex");

describe("signWebhookPayload", () => {
  it("matches an HMAC-SHA256 computed with node:crypto, as lowercase hex", async () => {
    const signature = await signWebhookPayload(body, secret);
    expect(signature).toBe(nodeHmac(body));
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
  });

  it("matches the published RFC 4231 test case 2 vector", async () => {
    expect(await signWebhookPayload("what do ya want for nothing?", "Jefe")).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });

  it("signs bytes and the same text identically", async () => {
    expect(await signWebhookPayload(new TextEncoder().encode(body), secret)).toBe(
      await signWebhookPayload(body, secret),
    );
  });
});

describe("verifyWebhookSignature", () => {
  it("accepts a signature made by node:crypto, for a string, bytes and an ArrayBuffer", async () => {
    const signature = nodeHmac(body);
    const bytes = new TextEncoder().encode(body);
    expect(await verifyWebhookSignature(body, signature, secret)).toBe(true);
    expect(await verifyWebhookSignature(bytes, signature, secret)).toBe(true);
    expect(await verifyWebhookSignature(bytes.buffer, signature, secret)).toBe(true);
    expect(await verifyWebhookSignature(Buffer.from(body), signature, secret)).toBe(true);
  });

  it("accepts bytes from another realm and a view into a larger buffer", async () => {
    const signature = nodeHmac(body);
    const utf8 = [...new TextEncoder().encode(body)];
    const foreign = runInNewContext("Uint8Array.from(bytes)", { bytes: utf8 }) as Uint8Array;
    expect(foreign instanceof Uint8Array).toBe(false);
    expect(await verifyWebhookSignature(foreign, signature, secret)).toBe(true);
    const padded = new Uint8Array(body.length * 2 + 16);
    const encoded = new TextEncoder().encode(body);
    padded.set(encoded, 8);
    expect(await verifyWebhookSignature(padded.subarray(8, 8 + encoded.length), signature, secret)).toBe(
      true,
    );
  });

  it("refuses a body changed in any single byte", async () => {
    const bytes = new TextEncoder().encode(body);
    const signature = nodeHmac(bytes);
    for (const index of [0, 1, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const tampered = bytes.slice();
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      expect(await verifyWebhookSignature(tampered, signature, secret)).toBe(false);
    }
    expect(await verifyWebhookSignature(`${body} `, signature, secret)).toBe(false);
  });

  it("refuses the wrong secret", async () => {
    expect(await verifyWebhookSignature(body, nodeHmac(body, "another secret"), secret)).toBe(false);
  });

  it("verifies unicode bodies over their UTF-8 bytes", async () => {
    const unicode = '{"text":"ñandú · Straße · 日本語 · 🇧🇷 · \\u0000"}';
    expect(await verifyWebhookSignature(unicode, nodeHmac(Buffer.from(unicode, "utf8")), secret)).toBe(true);
    // The same characters in another encoding are other bytes.
    expect(await verifyWebhookSignature(unicode, nodeHmac(Buffer.from(unicode, "latin1")), secret)).toBe(
      false,
    );
  });

  it("accepts the hex in upper case and with surrounding whitespace (the same 32 bytes)", async () => {
    const signature = nodeHmac(body);
    expect(await verifyWebhookSignature(body, signature.toUpperCase(), secret)).toBe(true);
    expect(await verifyWebhookSignature(body, ` ${signature}\t`, secret)).toBe(true);
  });

  it("accepts the hex behind an optional sha256= prefix, as Kapso's own receiving code does", async () => {
    const signature = nodeHmac(body);
    expect(await verifyWebhookSignature(body, `sha256=${signature}`, secret)).toBe(true);
    expect(await verifyWebhookSignature(body, ` SHA256=${signature.toUpperCase()} `, secret)).toBe(true);
    // The prefix does not make a wrong signature right.
    const other = nodeHmac(`${body} `);
    expect(await verifyWebhookSignature(body, `sha256=${other}`, secret)).toBe(false);
  });

  it("returns false, without throwing, for missing, truncated, padded or garbage signatures", async () => {
    const signature = nodeHmac(body);
    const bad = [
      undefined,
      null,
      "",
      "   ",
      signature.slice(0, 63),
      signature.slice(0, 32),
      `${signature}00`,
      `sha256:${signature}`,
      `sha1=${signature}`,
      `sha256=${signature.slice(0, 63)}`,
      `sha256=sha256=${signature}`,
      "z".repeat(64),
      "not a signature",
      Buffer.from(signature, "hex").toString("base64"),
    ];
    for (const value of bad) {
      await expect(verifyWebhookSignature(body, value, secret)).resolves.toBe(false);
    }
    await expect(verifyWebhookSignature(body, 42 as unknown as string, secret)).resolves.toBe(false);
  });

  it("throws a clear missing_secret error for an empty secret, without echoing anything", async () => {
    const error = await verifyWebhookSignature(body, nodeHmac(body), "").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KapsoWebhookError);
    expect((error as KapsoWebhookError).reason).toBe("missing_secret");
    expect((error as KapsoWebhookError).status).toBe(500);
  });

  it("names the raw-body pitfall when handed parsed JSON", async () => {
    const error = await verifyWebhookSignature(JSON.parse(body), nodeHmac(body), secret).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KapsoWebhookError);
    expect((error as KapsoWebhookError).reason).toBe("invalid_payload");
    expect((error as Error).message).toMatch(/raw request body.*got an object/);
    expect((error as Error).message).not.toContain(secret);
  });

  it("keeps keys of several secrets apart", async () => {
    const secrets = Array.from({ length: 20 }, (_, i) => `secret-${i}`);
    for (const key of secrets) {
      expect(await verifyWebhookSignature(body, nodeHmac(body, key), key)).toBe(true);
    }
    expect(await verifyWebhookSignature(body, nodeHmac(body, "secret-0"), "secret-1")).toBe(false);
  });
});
