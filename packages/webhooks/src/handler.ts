import { checkMaxBodyBytes, receiveBody } from "./body.js";
import { readDelivery } from "./construct.js";
import { createMemoryDedupeStore, type WebhookDedupeStore } from "./dedupe.js";
import { KapsoWebhookError } from "./errors.js";
import type {
  KapsoWebhookDelivery,
  KapsoWebhookEventName,
  KapsoWebhookPayloads,
  KapsoWebhookPayloadVersion,
} from "./events.js";
import { checkSecret, hmacKey, sha256Hex } from "./signature.js";

/** One handler per event; the payload type follows from the event name. */
export type KapsoWebhookHandlers<V extends KapsoWebhookPayloadVersion = "v2"> = {
  [E in KapsoWebhookEventName<V>]?: (
    payload: KapsoWebhookPayloads[V][E & keyof KapsoWebhookPayloads[V]],
    delivery: KapsoWebhookDelivery<E, V>,
  ) => unknown;
};

/** How {@link createWebhookHandler} verifies deliveries, which handlers it runs and how it drops repeats. */
export interface CreateWebhookHandlerOptions<V extends KapsoWebhookPayloadVersion = "v2"> {
  /** The webhook's `secret_key`. */
  secret: string;
  /**
   * The payload version of the webhook(s) this endpoint receives, which types the handlers. A
   * delivery of the other version is refused with 400. Default `v2`, the default of new webhooks.
   */
  payloadVersion?: V;
  /** Handlers by event name. Events without a handler are acknowledged with 200 and nothing else. */
  on: KapsoWebhookHandlers<V>;
  /**
   * Called with every refused delivery (a `KapsoWebhookError`) and every error a handler or the
   * dedupe store threw, before the answer is sent; for logging. Its own errors are ignored.
   */
  onError?: (error: unknown, delivery: KapsoWebhookDelivery | undefined) => unknown;
  /**
   * Run the handlers once per `X-Idempotency-Key` (or, for a delivery without one, once per body:
   * the key is then `sha256:` and the hex SHA-256 of the signed body): `true` (the default)
   * remembers recent keys in memory, `false` runs them for every delivery, or pass a shared store
   * for several instances.
   */
  dedupe?: boolean | WebhookDedupeStore;
  /**
   * The longest body the endpoint reads, in bytes: a longer one is answered 413 and not read to its
   * end. Default 5 MB (`DEFAULT_MAX_BODY_BYTES`), far above Kapso's largest batch.
   */
  maxBodyBytes?: number;
}

const json = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });

/**
 * A Fetch-style endpoint for Kapso's webhooks, `(request) => Promise<Response>`: verifies the
 * signature over the raw body, parses and unwraps batches, runs the handler of the event once per
 * payload (in order), and answers so that Kapso retries exactly what needs retrying:
 * 401 bad or missing signature (refused before the body is read), 413 a body over `maxBodyBytes`,
 * 400 unreadable payload, 200 handled (or a repeated delivery, or an
 * event without a handler), 500 a handler threw. Kapso waits 10 s for the answer: do slow work after
 * acknowledging (queue it), not in the handler.
 */
export function createWebhookHandler<V extends KapsoWebhookPayloadVersion = "v2">(
  options: CreateWebhookHandlerOptions<V>,
): (request: Request) => Promise<Response> {
  checkSecret(options.secret);
  const payloadVersion: KapsoWebhookPayloadVersion = options.payloadVersion ?? "v2";
  if (payloadVersion !== "v1" && payloadVersion !== "v2") {
    throw new TypeError(`payloadVersion must be "v1" or "v2", got ${JSON.stringify(options.payloadVersion)}`);
  }
  const handlers = options.on as Record<
    string,
    ((payload: unknown, delivery: unknown) => unknown) | undefined
  >;
  if (typeof handlers !== "object" || handlers === null) {
    throw new TypeError("`on` must be an object of handlers by event name");
  }
  const store =
    options.dedupe === false
      ? undefined
      : options.dedupe === true || options.dedupe === undefined
        ? createMemoryDedupeStore()
        : options.dedupe;
  const maxBodyBytes = checkMaxBodyBytes(options.maxBodyBytes);
  const key = hmacKey(options.secret);

  const report = async (error: unknown, delivery: KapsoWebhookDelivery | undefined) => {
    try {
      await options.onError?.(error, delivery);
    } catch {
      // A failing logger must not change the answer Kapso gets.
    }
  };

  return async (request) => {
    if (request.method !== "POST") {
      return json(405, { error: "method_not_allowed" }, { allow: "POST" });
    }
    let delivery: KapsoWebhookDelivery;
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await receiveBody(request, maxBodyBytes);
      const parsed = await readDelivery(body, request.headers, await key);
      if (!parsed.known) return json(200, { received: true, handled: false });
      delivery = parsed.delivery;
      if (delivery.payloadVersion !== payloadVersion) {
        throw new KapsoWebhookError({
          reason: "invalid_payload",
          message: `This endpoint's handlers expect ${payloadVersion} payloads, but the delivery is ${delivery.payloadVersion}: set payloadVersion, or change the webhook's payload_version.`,
        });
      }
    } catch (error) {
      await report(error, undefined);
      if (error instanceof KapsoWebhookError) return json(error.status, { error: error.reason });
      return json(400, { error: "invalid_payload" });
    }

    const handler = handlers[delivery.event];
    if (!handler) return json(200, { received: true, handled: false });

    let idempotencyKey: string | undefined;
    try {
      // Without the header, the signed body itself names the delivery: Kapso's retries resend the
      // same bytes, and a body carries its own message ids and timestamps.
      if (store) idempotencyKey = delivery.idempotencyKey ?? `sha256:${await sha256Hex(body)}`;
      if (idempotencyKey !== undefined && !(await store?.claim(idempotencyKey))) {
        return json(200, { received: true, duplicate: true });
      }
    } catch (error) {
      await report(error, delivery);
      return json(500, { error: "dedupe_store_failed" });
    }
    try {
      for (const payload of delivery.payloads) await handler(payload, delivery);
    } catch (error) {
      await report(error, delivery);
      if (idempotencyKey !== undefined) await store?.release?.(idempotencyKey).catch(() => undefined);
      // The error itself stays out of the answer: it is the application's, not Kapso's, business.
      return json(500, { error: "handler_failed" });
    }
    return json(200, { received: true, handled: true });
  };
}
