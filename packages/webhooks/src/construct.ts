import { receiveRequest } from "./body.js";
import {
  headerValue,
  idempotencyKeyOf,
  invalidPayload as invalid,
  isObject,
  parseJsonObject,
  verifyDelivery,
  type WebhookHeaders,
} from "./delivery.js";
import { isKnownEvent, type KapsoWebhookDelivery, type KapsoWebhookPayloadVersion } from "./events.js";
import { checkSecret, hmacKey, type WebhookBody } from "./signature.js";

export type { WebhookHeaders } from "./delivery.js";

/** What {@link constructWebhookEvent} verifies and parses: one delivery as received, and its secret. */
export interface ConstructWebhookEventInput {
  /** The raw request body, byte for byte as received: not parsed JSON. */
  body: WebhookBody;
  /**
   * The request's headers: `X-Webhook-Signature` is required; the event, the payload version and the
   * idempotency key are read from them too.
   */
  headers: WebhookHeaders;
  /** The webhook's `secret_key`. */
  secret: string;
}

/** What a verified body turned out to be: a delivery of a known event, or of one this version does not know. */
export type ParsedDelivery =
  | { known: true; delivery: KapsoWebhookDelivery }
  | { known: false; event: string; payloadVersion: KapsoWebhookPayloadVersion };

/** Parses a body whose signature has been verified. */
export function parseDelivery(bytes: Uint8Array, headers: WebhookHeaders): ParsedDelivery {
  const versionHeader = headerValue(headers, "x-webhook-payload-version")?.trim().toLowerCase();
  const payloadVersion = versionHeader || "v2";
  if (payloadVersion !== "v1" && payloadVersion !== "v2") {
    throw invalid(`Unsupported X-Webhook-Payload-Version "${versionHeader}": expected v1 or v2.`);
  }
  const json = parseJsonObject(bytes);

  const batch = json.batch === true;
  let payloads: unknown[];
  if (batch) {
    if (!Array.isArray(json.data))
      throw invalid("The webhook body is a batch (batch: true) without a data array.");
    payloads = json.data;
  } else {
    payloads = [json];
  }
  const index = payloads.findIndex((payload) => !isObject(payload));
  if (index >= 0) throw invalid(`Item ${index} of the batch is not a JSON object.`);

  const headerEvent = headerValue(headers, "x-webhook-event")?.trim();
  const bodyEvent = batch ? json.type : json.event;
  if (headerEvent && batch && typeof bodyEvent === "string" && bodyEvent !== headerEvent) {
    throw invalid(`X-Webhook-Event says "${headerEvent}" but the batch's type is "${bodyEvent}".`);
  }
  const event = headerEvent || (typeof bodyEvent === "string" ? bodyEvent : undefined);
  if (!event) throw invalid("The delivery names no event: no X-Webhook-Event header, and the body has none.");
  if (!isKnownEvent(payloadVersion, event)) return { known: false, event, payloadVersion };

  const idempotencyKey = idempotencyKeyOf(headers);
  const delivery = { event, payloadVersion, idempotencyKey, batch, payloads } as KapsoWebhookDelivery;
  return { known: true, delivery };
}

/** Verifies the signature with an imported key, then parses. */
export async function readDelivery(
  body: WebhookBody,
  headers: WebhookHeaders,
  key: CryptoKey,
): Promise<ParsedDelivery> {
  return parseDelivery(await verifyDelivery(body, headers, key), headers);
}

/**
 * Verifies a delivery and parses it: the signature over the raw body, then the JSON, then the event
 * and payload version from the headers; a batch is unwrapped into `payloads`. Throws
 * `KapsoWebhookError` (see its `reason`) when any step fails, including for an event this version
 * of the package does not know (`invalid_payload`).
 */
export async function constructWebhookEvent(
  input: ConstructWebhookEventInput,
): Promise<KapsoWebhookDelivery> {
  checkSecret(input.secret);
  const parsed = await readDelivery(input.body, input.headers, await hmacKey(input.secret));
  if (!parsed.known) {
    throw invalid(
      `Unknown webhook event "${parsed.event}" for payload version ${parsed.payloadVersion}; this version of @kapso/webhooks does not know it.`,
    );
  }
  return parsed.delivery;
}

/** Options of {@link receiveWebhook}. */
export interface ReceiveWebhookOptions {
  /** The webhook's `secret_key`. */
  secret: string;
  /**
   * The longest body read, in bytes; a longer one is refused (`payload_too_large`) without being
   * read to its end. Default 5 MB (`DEFAULT_MAX_BODY_BYTES`).
   */
  maxBodyBytes?: number;
}

/**
 * `constructWebhookEvent` for a Fetch `Request`. A request without a well-formed
 * `X-Webhook-Signature` is refused before its body is read; the body is read up to `maxBodyBytes`.
 */
export async function receiveWebhook(
  request: Request,
  options: ReceiveWebhookOptions,
): Promise<KapsoWebhookDelivery> {
  return receiveRequest(request, options, constructWebhookEvent);
}
