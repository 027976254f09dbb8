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
export {
  type ConstructMetaWebhookEventInput,
  type CreateMetaWebhookHandlerOptions,
  constructMetaWebhookEvent,
  createMetaWebhookHandler,
  type MetaWebhookHandlers,
  type ReceiveMetaWebhookOptions,
  receiveMetaWebhook,
} from "./meta.js";
export {
  META_INTERACTIVE_REPLY_TYPES,
  META_MESSAGE_TYPES,
  META_STATUSES,
  type MetaAudioMessage,
  type MetaButtonMessage,
  type MetaContactsMessage,
  type MetaDocumentMessage,
  type MetaImageMessage,
  type MetaInteractiveMessage,
  type MetaInteractiveReply,
  type MetaKnownStatus,
  type MetaLocationMessage,
  type MetaMessage,
  type MetaMessageContext,
  type MetaMessageReferral,
  type MetaMessagesChange,
  type MetaMessagesValue,
  type MetaOrderMessage,
  type MetaOtherChange,
  type MetaReactionMessage,
  type MetaRequestWelcomeMessage,
  type MetaSharedContact,
  type MetaStatus,
  type MetaStatusConversation,
  type MetaStatusPricing,
  type MetaStickerMessage,
  type MetaSystemMessage,
  type MetaTextMessage,
  type MetaUnknownMessage,
  type MetaUnknownStatus,
  type MetaUnsupportedMessage,
  type MetaVideoMessage,
  type MetaWebhookChange,
  type MetaWebhookChangeItem,
  type MetaWebhookContact,
  type MetaWebhookDelivery,
  type MetaWebhookEntry,
  type MetaWebhookError,
  type MetaWebhookMedia,
  type MetaWebhookMessage,
  type MetaWebhookMetadata,
  type MetaWebhookPayload,
  type MetaWebhookStatus,
} from "./meta-events.js";
export { type NodeRequestLike, type NodeResponseLike, toNodeListener } from "./node.js";
export type { WebhookReceiverOptions } from "./receiver.js";
export { signWebhookPayload, verifyWebhookSignature, type WebhookBody } from "./signature.js";
