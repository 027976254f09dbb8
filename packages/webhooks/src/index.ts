export { DEFAULT_MAX_BODY_BYTES } from "./body.js";
export {
  type ConstructWebhookEventInput,
  constructWebhookEvent,
  type ReceiveWebhookOptions,
  receiveWebhook,
  type WebhookHeaders,
} from "./construct.js";
export { createMemoryDedupeStore, type MemoryDedupeStoreOptions, type WebhookDedupeStore } from "./dedupe.js";
export { KapsoWebhookError, type KapsoWebhookErrorInit, type KapsoWebhookErrorReason } from "./errors.js";
export {
  KAPSO_WEBHOOK_EVENTS,
  type KapsoWebhookDelivery,
  type KapsoWebhookEventName,
  type KapsoWebhookPayload,
  type KapsoWebhookPayloads,
  type KapsoWebhookPayloadVersion,
} from "./events.js";
export {
  type CreateWebhookHandlerOptions,
  createWebhookHandler,
  type KapsoWebhookHandlers,
} from "./handler.js";
export { type NodeRequestLike, type NodeResponseLike, toNodeListener } from "./node.js";
export type { WebhookReceiverOptions } from "./receiver.js";
export { signWebhookPayload, verifyWebhookSignature, type WebhookBody } from "./signature.js";
