import { KapsoWebhookError } from "./errors.js";

/** A raw request body: exactly the bytes Kapso sent (a string is encoded as UTF-8). */
export type WebhookBody = string | Uint8Array | ArrayBuffer;

const encoder = new TextEncoder();
const HEX_DIGITS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));
// Kapso sends bare hex. Kapso's own receiving code also accepts it behind `sha256=` (the form GitHub
// and Meta sign with), so both read as the same 32 bytes.
const SIGNATURE_PATTERN = /^(?:sha256=)?([0-9a-f]{64})$/i;

/** The body as bytes; anything else (typically JSON a framework already parsed) is refused clearly. */
export function bodyBytes(body: WebhookBody): Uint8Array<ArrayBuffer> {
  if (typeof body === "string") return encoder.encode(body);
  // Not `instanceof`: bytes from another realm (a worker, a vm context, a test environment) count too.
  if (ArrayBuffer.isView(body) && !(body instanceof DataView)) {
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength) as Uint8Array<ArrayBuffer>;
  }
  if (Object.prototype.toString.call(body) === "[object ArrayBuffer]")
    return new Uint8Array(body as ArrayBuffer);
  const got = body === null ? "null" : typeof body === "object" ? "an object" : typeof body;
  throw new KapsoWebhookError({
    reason: "invalid_payload",
    message:
      `The webhook body must be the raw request body (a string, Uint8Array or ArrayBuffer), got ${got}. ` +
      "A JSON body parser probably ran first: the signature covers the exact bytes Kapso sent, which parsed JSON no longer has.",
  });
}

export function checkSecret(secret: unknown): asserts secret is string {
  if (typeof secret !== "string" || secret.length === 0) {
    throw new KapsoWebhookError({
      reason: "missing_secret",
      message:
        "No webhook secret: pass the webhook's secret_key as `secret` (for example from an environment variable).",
    });
  }
}

// Importing a key is the costly part of an HMAC on small bodies, so keys are kept per secret. A few
// entries are enough: an application has one secret per webhook, and rarely more than a handful.
const MAX_CACHED_KEYS = 16;
const keys = new Map<string, Promise<CryptoKey>>();

export function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = globalThis.crypto.subtle.importKey(
      "raw",
      encoder.encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    if (keys.size >= MAX_CACHED_KEYS) keys.delete(keys.keys().next().value as string);
    keys.set(secret, key);
  }
  return key;
}

/**
 * The 32 bytes of a hex signature (either case, an optional `sha256=` prefix, surrounding whitespace
 * ignored), or undefined when it is not one. Receivers call it before reading a body, so that a
 * request that cannot be Kapso's is refused without reading what it sends.
 */
export function signatureBytes(signature: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (typeof signature !== "string") return undefined;
  const hex = SIGNATURE_PATTERN.exec(signature.trim())?.[1];
  if (hex === undefined) return undefined;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * Refuses a request whose `X-Webhook-Signature` is missing or is not a hex HMAC-SHA256, without
 * reading its body: such a request cannot be Kapso's, and reading first would let anyone make the
 * receiver hold whatever they send.
 */
export function checkSignatureHeader(signature: string | null | undefined): void {
  if (!signature?.trim()) {
    throw new KapsoWebhookError({
      reason: "missing_signature",
      message:
        "The request has no X-Webhook-Signature header: it was not sent by Kapso, or a proxy dropped it.",
    });
  }
  if (!signatureBytes(signature)) {
    throw new KapsoWebhookError({
      reason: "invalid_signature",
      message: "The X-Webhook-Signature is not a hex HMAC-SHA256 (64 hex digits, optionally after sha256=).",
    });
  }
}

/** Verifies with an imported key; shared by the one-off function and the handler. */
export async function verifyWithKey(
  bytes: Uint8Array<ArrayBuffer>,
  signature: string | null | undefined,
  key: CryptoKey,
): Promise<boolean> {
  const expected = signatureBytes(signature);
  if (!expected) return false;
  // WebCrypto recomputes the HMAC and compares in constant time.
  return globalThis.crypto.subtle.verify("HMAC", key, expected, bytes);
}

/**
 * Whether `signature` (the `X-Webhook-Signature` header) is the HMAC-SHA256 of `body` keyed with
 * `secret`. Pass the raw body, byte for byte as received. The hex may be prefixed with `sha256=`. Returns false, never throws, for a missing
 * or malformed signature; throws `KapsoWebhookError` only for a missing secret or a body that is not
 * raw bytes, which are setup mistakes rather than bad deliveries.
 */
export async function verifyWebhookSignature(
  body: WebhookBody,
  signature: string | null | undefined,
  secret: string,
): Promise<boolean> {
  checkSecret(secret);
  const bytes = bodyBytes(body);
  return verifyWithKey(bytes, signature, await hmacKey(secret));
}

const hex = (bytes: Uint8Array): string => {
  let text = "";
  for (const byte of bytes) text += HEX_DIGITS[byte];
  return text;
};

/** The lowercase hex SHA-256 of `bytes`, by WebCrypto. */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return hex(new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", bytes)));
}

/** The signature Kapso would send for `body`: lowercase hex HMAC-SHA256. For tests. */
export async function signWebhookPayload(body: string | Uint8Array, secret: string): Promise<string> {
  checkSecret(secret);
  return hex(
    new Uint8Array(await globalThis.crypto.subtle.sign("HMAC", await hmacKey(secret), bodyBytes(body))),
  );
}
