import { checkMaxBodyBytes, receiveBody } from "./body.js";
import { createMemoryDedupeStore, type WebhookDedupeStore } from "./dedupe.js";
import { verifyDelivery } from "./delivery.js";
import { KapsoWebhookError } from "./errors.js";
import { checkSecret, hmacKey, sha256Hex } from "./signature.js";

/** What a kind of webhook tells the shared receiver about one verified delivery. */
export type ReadDelivery<D> =
  /** Nothing to run (an event without a handler, or one this version does not know): 200. */
  | { handle: undefined; delivery?: D }
  | {
      delivery: D;
      /** The delivery's `X-Idempotency-Key`, when it has one. */
      idempotencyKey: string | undefined;
      /** Runs the application's handlers, in order; a throw is answered 500. */
      handle: () => Promise<void>;
    };

/** The options every endpoint shares; each kind of webhook adds its handlers. */
export interface WebhookReceiverOptions<D> {
  /** The webhook's `secret_key`. */
  secret: string;
  /**
   * Called with every refused delivery (a `KapsoWebhookError`) and every error a handler or the
   * dedupe store threw, before the answer is sent; for logging. Its own errors are ignored.
   */
  onError?: (error: unknown, delivery: D | undefined) => unknown;
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
 * The request pipeline of every webhook endpoint: method, signature header, capped body, signature,
 * then `read` (which parses), dedupe, the handlers, and the answer that makes Kapso retry exactly
 * what needs retrying.
 */
export function createReceiver<D>(
  options: WebhookReceiverOptions<D>,
  read: (bytes: Uint8Array<ArrayBuffer>, headers: Headers) => ReadDelivery<D>,
): (request: Request) => Promise<Response> {
  checkSecret(options.secret);
  const maxBodyBytes = checkMaxBodyBytes(options.maxBodyBytes);
  const store =
    options.dedupe === false
      ? undefined
      : options.dedupe === true || options.dedupe === undefined
        ? createMemoryDedupeStore()
        : options.dedupe;
  const key = hmacKey(options.secret);

  const report = async (error: unknown, delivery: D | undefined) => {
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
    let bytes: Uint8Array<ArrayBuffer>;
    let parsed: ReadDelivery<D>;
    try {
      bytes = await verifyDelivery(await receiveBody(request, maxBodyBytes), request.headers, await key);
      parsed = read(bytes, request.headers);
    } catch (error) {
      await report(error, undefined);
      if (error instanceof KapsoWebhookError) return json(error.status, { error: error.reason });
      return json(400, { error: "invalid_payload" });
    }
    if (parsed.handle === undefined) return json(200, { received: true, handled: false });
    const { delivery, handle } = parsed;

    let idempotencyKey: string | undefined;
    try {
      // Without the header, the signed body itself names the delivery: Kapso's retries resend the
      // same bytes, and a body carries its own message ids and timestamps.
      if (store) idempotencyKey = parsed.idempotencyKey ?? `sha256:${await sha256Hex(bytes)}`;
      if (idempotencyKey !== undefined && !(await store?.claim(idempotencyKey))) {
        return json(200, { received: true, duplicate: true });
      }
    } catch (error) {
      await report(error, delivery);
      return json(500, { error: "dedupe_store_failed" });
    }
    try {
      await handle();
    } catch (error) {
      await report(error, delivery);
      if (idempotencyKey !== undefined) await store?.release?.(idempotencyKey).catch(() => undefined);
      // The error itself stays out of the answer: it is the application's, not Kapso's, business.
      return json(500, { error: "handler_failed" });
    }
    return json(200, { received: true, handled: true });
  };
}
