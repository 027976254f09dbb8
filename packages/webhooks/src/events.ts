import type { WebhookPayloadsV1, WebhookPayloadsV2 } from "@kapso/types";

/** Payload format of a webhook, sent as `X-Webhook-Payload-Version`. `v2` is the default of new webhooks. */
export type KapsoWebhookPayloadVersion = "v1" | "v2";

/** Payload of each event, per payload version, as the spec describes them (batches unwrapped). */
export interface KapsoWebhookPayloads {
  /** Payloads of webhooks on payload version `v1`, by event name. */
  v1: WebhookPayloadsV1;
  /** Payloads of webhooks on payload version `v2` (the default of new webhooks), by event name. */
  v2: WebhookPayloadsV2;
}

/** Names of the events a webhook on payload version `V` receives. */
export type KapsoWebhookEventName<V extends KapsoWebhookPayloadVersion = KapsoWebhookPayloadVersion> =
  V extends KapsoWebhookPayloadVersion ? keyof KapsoWebhookPayloads[V] & string : never;

/** Payload of event `E` on payload version `V`. */
export type KapsoWebhookPayload<
  E extends KapsoWebhookEventName<V>,
  V extends KapsoWebhookPayloadVersion = "v2",
> = KapsoWebhookPayloads[V][E & keyof KapsoWebhookPayloads[V]];

type DeliveryOf<E extends string, V extends KapsoWebhookPayloadVersion, P> = {
  /** The event, from `X-Webhook-Event` (or the batch's `type`, or the payload's own `event`). */
  readonly event: E;
  /** From `X-Webhook-Payload-Version`; `v2` when the header is absent. */
  readonly payloadVersion: V;
  /** `X-Idempotency-Key`: the same on every retry of this delivery. */
  readonly idempotencyKey: string | undefined;
  /** Whether Kapso batched several events into this delivery. */
  readonly batch: boolean;
  /** The events of the delivery: one, or every item of a batch, oldest first. */
  readonly payloads: P[];
};

/**
 * A verified, parsed delivery. A union over every event and payload version, so checking `event`
 * (and `payloadVersion`) narrows `payloads` to that event's payload type.
 */
export type KapsoWebhookDelivery<
  E extends KapsoWebhookEventName = KapsoWebhookEventName,
  V extends KapsoWebhookPayloadVersion = KapsoWebhookPayloadVersion,
> = V extends KapsoWebhookPayloadVersion
  ? {
      [K in E & KapsoWebhookEventName<V>]: DeliveryOf<K, V, KapsoWebhookPayloads[V][K]>;
    }[E & KapsoWebhookEventName<V>]
  : never;

/** Every event this version of the package knows, per payload version (a type test keeps it in step with the spec). */
export const KAPSO_WEBHOOK_EVENTS = {
  v2: [
    "whatsapp.message.received",
    "whatsapp.message.sent",
    "whatsapp.message.delivered",
    "whatsapp.message.read",
    "whatsapp.message.failed",
    "whatsapp.conversation.created",
    "whatsapp.conversation.ended",
    "whatsapp.conversation.inactive",
    "whatsapp.phone_number.created",
    "whatsapp.phone_number.deleted",
    "workflow.execution.handoff",
    "workflow.execution.failed",
    "project.event",
  ],
  v1: [
    "whatsapp.message.received",
    "whatsapp.message.sent",
    "whatsapp.message.delivered",
    "whatsapp.message.read",
    "whatsapp.message.failed",
    "whatsapp.conversation.created",
    "whatsapp.conversation.ended",
    "whatsapp.conversation.inactive",
    "whatsapp.config.created",
    "workflow.execution.handoff",
    "workflow.execution.failed",
    "project.event",
  ],
} as const satisfies { [V in KapsoWebhookPayloadVersion]: readonly KapsoWebhookEventName<V>[] };

export function isKnownEvent<V extends KapsoWebhookPayloadVersion>(
  version: V,
  event: string,
): event is KapsoWebhookEventName<V> {
  return (KAPSO_WEBHOOK_EVENTS[version] as readonly string[]).includes(event);
}
