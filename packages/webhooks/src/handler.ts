import { parseDelivery } from "./construct.js";
import { KapsoWebhookError } from "./errors.js";
import type {
  KapsoWebhookDelivery,
  KapsoWebhookEventName,
  KapsoWebhookPayloads,
  KapsoWebhookPayloadVersion,
} from "./events.js";
import { createReceiver, type WebhookReceiverOptions } from "./receiver.js";
import { checkSecret } from "./signature.js";

/** One handler per event; the payload type follows from the event name. */
export type KapsoWebhookHandlers<V extends KapsoWebhookPayloadVersion = "v2"> = {
  [E in KapsoWebhookEventName<V>]?: (
    payload: KapsoWebhookPayloads[V][E & keyof KapsoWebhookPayloads[V]],
    delivery: KapsoWebhookDelivery<E, V>,
  ) => unknown;
};

/** How {@link createWebhookHandler} verifies deliveries, which handlers it runs and how it drops repeats. */
export interface CreateWebhookHandlerOptions<V extends KapsoWebhookPayloadVersion = "v2">
  extends WebhookReceiverOptions<KapsoWebhookDelivery> {
  /**
   * The payload version of the webhook(s) this endpoint receives, which types the handlers. A
   * delivery of the other version is refused with 400. Default `v2`, the default of new webhooks.
   */
  payloadVersion?: V;
  /** Handlers by event name. Events without a handler are acknowledged with 200 and nothing else. */
  on: KapsoWebhookHandlers<V>;
}

/**
 * A Fetch-style endpoint for Kapso's webhooks, `(request) => Promise<Response>`: verifies the
 * signature over the raw body, parses and unwraps batches, runs the handler of the event once per
 * payload (in order), and answers so that Kapso retries exactly what needs retrying:
 * 401 bad or missing signature (refused before the body is read), 413 a body over `maxBodyBytes`,
 * 400 unreadable payload, 200 handled (or a repeated delivery, or an event without a handler), 500 a
 * handler threw. Kapso waits 10 s for the answer: do slow work after acknowledging (queue it), not
 * in the handler.
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

  return createReceiver<KapsoWebhookDelivery>(options, (bytes, headers) => {
    const parsed = parseDelivery(bytes, headers);
    if (!parsed.known) return { handle: undefined };
    const delivery = parsed.delivery;
    if (delivery.payloadVersion !== payloadVersion) {
      throw new KapsoWebhookError({
        reason: "invalid_payload",
        message: `This endpoint's handlers expect ${payloadVersion} payloads, but the delivery is ${delivery.payloadVersion}: set payloadVersion, or change the webhook's payload_version.`,
      });
    }
    const handler = handlers[delivery.event];
    if (!handler) return { handle: undefined, delivery };
    return {
      delivery,
      idempotencyKey: delivery.idempotencyKey,
      handle: async () => {
        for (const payload of delivery.payloads) await handler(payload, delivery);
      },
    };
  });
}
