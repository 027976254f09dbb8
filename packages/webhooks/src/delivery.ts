import { KapsoWebhookError } from "./errors.js";
import { bodyBytes, checkSignatureHeader, verifyWithKey, type WebhookBody } from "./signature.js";

/** Request headers: a Fetch `Headers`, or a Node-style record (any case; arrays take their first value). */
export type WebhookHeaders =
  | Headers
  | Readonly<Record<string, string | readonly string[] | null | undefined>>;

export function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value == null) continue;
    return typeof value === "string" ? value : value[0];
  }
  return undefined;
}

/** `X-Idempotency-Key`, or undefined when it is absent or blank. */
export const idempotencyKeyOf = (headers: WebhookHeaders): string | undefined =>
  headerValue(headers, "x-idempotency-key")?.trim() || undefined;

export const invalidPayload = (message: string, cause?: unknown) =>
  new KapsoWebhookError({ reason: "invalid_payload", message, cause });

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The body as a JSON object, or an `invalid_payload` error naming what it is instead. */
export function parseJsonObject(bytes: Uint8Array): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw invalidPayload("The webhook body is not valid UTF-8 JSON.", error);
  }
  if (!isObject(json)) throw invalidPayload("The webhook body is not a JSON object.");
  return json;
}

/**
 * Checks `X-Webhook-Signature` against the body with an imported key; returns the body's bytes, or
 * throws `missing_signature` / `invalid_signature`.
 */
export async function verifyDelivery(
  body: WebhookBody,
  headers: WebhookHeaders,
  key: CryptoKey,
): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = bodyBytes(body);
  const signature = headerValue(headers, "x-webhook-signature");
  checkSignatureHeader(signature);
  if (!(await verifyWithKey(bytes, signature, key))) {
    throw new KapsoWebhookError({
      reason: "invalid_signature",
      message:
        "The X-Webhook-Signature does not match the body: a different secret, or a body changed on the way (verify the raw bytes, not re-serialised JSON).",
    });
  }
  return bytes;
}
