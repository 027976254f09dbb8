// Types of the payload Kapso forwards from a webhook of kind `meta`: Meta's own WhatsApp Cloud API
// webhook body, byte for byte. Written from Meta's published webhook reference (messages and status
// notifications) and Kapso's description of meta webhooks. Meta adds fields and types over time, so
// the parser sorts every message, status and change into known (typed) and unknown (kept as sent):
// a union with an open `type: string` member would stop `type === "text"` from narrowing.

/** The business phone number a `messages` change is about. */
export interface MetaWebhookMetadata {
  /** The number as users see it, digits only, for example `15550783881`. */
  display_phone_number: string;
  /** Meta's id of the phone number: the `phone_number_id` of Kapso's API. */
  phone_number_id: string;
}

/**
 * The WhatsApp user of an inbound message (or of a delivered or read status). Since Meta's
 * business-scoped user ids, `wa_id` (the phone number) may be absent for a user with a username;
 * `user_id` then identifies them.
 */
export interface MetaWebhookContact {
  /** The user's WhatsApp id, their phone number in international format without `+`. */
  wa_id?: string;
  /** The user's business-scoped user id (BSUID). */
  user_id?: string;
  /** The parent BSUID, when the business enabled parent ids. */
  parent_user_id?: string;
  /** Present when the business enabled identity change checks. */
  identity_key_hash?: string;
  profile?: {
    /** The user's profile name. */
    name?: string;
    /** The user's WhatsApp username, when they set one. */
    username?: string;
  };
}

/** An error Meta attaches to a change, a message (type `unsupported`) or a failed status. */
export interface MetaWebhookError {
  /** Meta's error code, for example `131026` (message undeliverable). */
  code: number;
  title?: string;
  message?: string;
  error_data?: { details?: string };
  /** Link to Meta's error code reference. */
  href?: string;
}

/** What an inbound message replies to, or that it was forwarded. */
export interface MetaMessageContext {
  /** Who sent the message replied to (the business number for a reply to the business). */
  from?: string;
  /** The WAMID of the message replied to. */
  id?: string;
  forwarded?: boolean;
  /** Forwarded more than five times. */
  frequently_forwarded?: boolean;
  /** The product a user asked about from a product message. */
  referred_product?: { catalog_id: string; product_retailer_id: string };
}

/** The ad or post a user came from (click-to-WhatsApp), on their first message. */
export interface MetaMessageReferral {
  source_url?: string;
  source_type?: string;
  source_id?: string;
  headline?: string;
  body?: string;
  media_type?: string;
  image_url?: string;
  video_url?: string;
  thumbnail_url?: string;
  /** Click id of a click-to-WhatsApp ad. */
  ctwa_clid?: string;
}

interface MetaMessageBase {
  /** The message's WAMID. */
  id: string;
  /** When Meta received it: Unix seconds, as a string. */
  timestamp: string;
  /** The sender's phone number; may be absent for a user with a username (see the contact's `user_id`). */
  from?: string;
  context?: MetaMessageContext;
  referral?: MetaMessageReferral;
  errors?: MetaWebhookError[];
}

/** A media attachment: download it by `id` (through Kapso's media endpoints or Meta's). */
export interface MetaWebhookMedia {
  /** Media id. */
  id: string;
  mime_type: string;
  /** SHA-256 of the file. */
  sha256?: string;
  /** A download URL, in newer Graph API versions. */
  url?: string;
}

export interface MetaTextMessage extends MetaMessageBase {
  type: "text";
  text: { body: string };
}
export interface MetaImageMessage extends MetaMessageBase {
  type: "image";
  image: MetaWebhookMedia & { caption?: string };
}
export interface MetaAudioMessage extends MetaMessageBase {
  type: "audio";
  /** `voice` is true for a voice note recorded in WhatsApp. */
  audio: MetaWebhookMedia & { voice?: boolean };
}
export interface MetaVideoMessage extends MetaMessageBase {
  type: "video";
  video: MetaWebhookMedia & { caption?: string };
}
export interface MetaDocumentMessage extends MetaMessageBase {
  type: "document";
  document: MetaWebhookMedia & { caption?: string; filename?: string };
}
export interface MetaStickerMessage extends MetaMessageBase {
  type: "sticker";
  sticker: MetaWebhookMedia & { animated?: boolean };
}
export interface MetaLocationMessage extends MetaMessageBase {
  type: "location";
  location: { latitude: number; longitude: number; name?: string; address?: string; url?: string };
}

/** One contact card a user shared. */
export interface MetaSharedContact {
  name: {
    formatted_name: string;
    first_name?: string;
    last_name?: string;
    middle_name?: string;
    prefix?: string;
    suffix?: string;
  };
  phones?: { phone?: string; wa_id?: string; type?: string }[];
  emails?: { email?: string; type?: string }[];
  addresses?: {
    street?: string;
    city?: string;
    state?: string;
    zip?: string;
    country?: string;
    country_code?: string;
    type?: string;
  }[];
  org?: { company?: string; department?: string; title?: string };
  urls?: { url?: string; type?: string }[];
  /** `YYYY-MM-DD`. */
  birthday?: string;
  /** The card as a vCard, when Meta includes it. */
  vcard?: string;
}
export interface MetaContactsMessage extends MetaMessageBase {
  type: "contacts";
  contacts: MetaSharedContact[];
}

/** A user's answer to an interactive message. */
export type MetaInteractiveReply =
  | { type: "button_reply"; button_reply: { id: string; title: string } }
  | { type: "list_reply"; list_reply: { id: string; title: string; description?: string } }
  /** A completed WhatsApp Flow; `response_json` is the flow's answers as a JSON string. */
  | { type: "nfm_reply"; nfm_reply: { name?: string; body?: string; response_json: string } };

/** Every interactive reply `type` this version types, at run time. */
export const META_INTERACTIVE_REPLY_TYPES = ["button_reply", "list_reply", "nfm_reply"] as const;
export interface MetaInteractiveMessage extends MetaMessageBase {
  type: "interactive";
  interactive: MetaInteractiveReply;
}
/** A tap on a quick-reply button of a template message. */
export interface MetaButtonMessage extends MetaMessageBase {
  type: "button";
  button: { text: string; payload?: string };
}
/** A reaction to a message; `emoji` is absent when the user removed their reaction. */
export interface MetaReactionMessage extends MetaMessageBase {
  type: "reaction";
  reaction: { message_id: string; emoji?: string };
}
/** An order placed from a catalog or product message. */
export interface MetaOrderMessage extends MetaMessageBase {
  type: "order";
  order: {
    catalog_id: string;
    text?: string;
    product_items: { product_retailer_id: string; quantity: number; item_price: number; currency: string }[];
  };
}
/** A change on the user's side, such as a new phone number (`system.type` `user_changed_number`). */
export interface MetaSystemMessage extends MetaMessageBase {
  type: "system";
  system: {
    body?: string;
    type?: string;
    /** The user's new WhatsApp id, after a number change. */
    wa_id?: string;
    new_wa_id?: string;
    user_id?: string;
    parent_user_id?: string;
    identity?: string;
    customer?: string;
  };
}
/** A message WhatsApp could not pass on (Meta's `unsupported`, formerly `unknown`); see `errors`. */
export interface MetaUnsupportedMessage extends MetaMessageBase {
  type: "unsupported" | "unknown";
  unsupported?: { type?: string };
}
/** A user opened the chat for the first time and asked for the business's welcome message. */
export interface MetaRequestWelcomeMessage extends MetaMessageBase {
  type: "request_welcome";
}
/**
 * A message this version does not type, kept as Meta sent it: a `type` it does not know, an
 * interactive reply of a type it does not know, or a known type without its content object.
 */
export interface MetaUnknownMessage extends MetaMessageBase {
  type: string;
  [field: string]: unknown;
}

/** An inbound message of a type this version knows, by `type`: check `type` to narrow. */
export type MetaMessage =
  | MetaTextMessage
  | MetaImageMessage
  | MetaAudioMessage
  | MetaVideoMessage
  | MetaDocumentMessage
  | MetaStickerMessage
  | MetaLocationMessage
  | MetaContactsMessage
  | MetaInteractiveMessage
  | MetaButtonMessage
  | MetaReactionMessage
  | MetaOrderMessage
  | MetaSystemMessage
  | MetaUnsupportedMessage
  | MetaRequestWelcomeMessage;

/** Every message `type` this version types, at run time (a type test keeps it in step with {@link MetaMessage}). */
export const META_MESSAGE_TYPES = [
  "text",
  "image",
  "audio",
  "video",
  "document",
  "sticker",
  "location",
  "contacts",
  "interactive",
  "button",
  "reaction",
  "order",
  "system",
  "unsupported",
  "unknown",
  "request_welcome",
] as const;

/** The conversation a status belongs to, in Meta's conversation-based pricing. */
export interface MetaStatusConversation {
  id: string;
  /** When the conversation window ends: Unix seconds, as a string (on `sent` statuses). */
  expiration_timestamp?: string;
  /** What opened it: `service`, `utility`, `marketing`, `authentication`, `referral_conversion`, … */
  origin?: { type: string };
}

/** How a message is billed. */
export interface MetaStatusPricing {
  billable?: boolean;
  /** `CBP` (per conversation) or `PMP` (per message). */
  pricing_model?: string;
  /** `service`, `utility`, `marketing`, `authentication`, … */
  category?: string;
  /** Per-message pricing's kind of charge, for example `regular` or `free_customer_service`. */
  type?: string;
}

interface MetaStatusBase {
  /** The WAMID of the business's message the status is about. */
  id: string;
  /** Unix seconds, as a string. */
  timestamp: string;
  /** The recipient's WhatsApp id (phone number), or a group id; may be absent for a user with a username. */
  recipient_id?: string;
  recipient_user_id?: string;
  recipient_parent_user_id?: string;
  /** `group` for a message sent to a group. */
  recipient_type?: string;
  recipient_participant_id?: string;
  /** What the business set as `biz_opaque_callback_data` when sending. */
  biz_opaque_callback_data?: string;
  /** On `sent` (and the first delivered or read) statuses; Meta leaves it out in newer versions. */
  conversation?: MetaStatusConversation;
  pricing?: MetaStatusPricing;
  /** Why a message failed (on `failed`). */
  errors?: MetaWebhookError[];
}

/** Sent to WhatsApp, delivered to the user's device, read by the user, or failed (see `errors`). */
export interface MetaKnownStatus extends MetaStatusBase {
  status: "sent" | "delivered" | "read" | "failed";
}
/** A status this version does not know, kept as Meta sent it. */
export interface MetaUnknownStatus extends MetaStatusBase {
  status: string;
  [field: string]: unknown;
}
/** A status update on a message the business sent, of a status this version knows. */
export type MetaStatus = MetaKnownStatus;

/** Every status this version types, at run time. */
export const META_STATUSES = ["sent", "delivered", "read", "failed"] as const;

/** The `value` of a `messages` change: what happened on one business phone number. */
export interface MetaMessagesValue {
  messaging_product: "whatsapp";
  metadata: MetaWebhookMetadata;
  /** The users of `messages` (usually one per message). */
  contacts?: MetaWebhookContact[];
  messages?: (MetaMessage | MetaUnknownMessage)[];
  statuses?: (MetaStatus | MetaUnknownStatus)[];
  /** Errors about the phone number or the app rather than one message. */
  errors?: MetaWebhookError[];
}

/** A change of field `messages`: inbound messages, status updates, errors. */
export interface MetaMessagesChange {
  field: "messages";
  value: MetaMessagesValue;
}
/**
 * A change of another field Meta sends to the app (template status, account and quality updates,
 * calls, history, message echoes, …). This package does not type their values.
 */
export interface MetaOtherChange {
  field: string;
  value: unknown;
}
export type MetaWebhookChange = MetaMessagesChange | MetaOtherChange;

/** One entry: the changes of one WhatsApp Business Account. */
export interface MetaWebhookEntry {
  /** The WhatsApp Business Account id. */
  id: string;
  changes: MetaWebhookChange[];
}

/** The body of a meta webhook's delivery, as Meta sent it. */
export interface MetaWebhookPayload {
  /** `whatsapp_business_account` for WhatsApp. */
  object: string;
  entry: MetaWebhookEntry[];
}

/**
 * One change, with the business account it belongs to: `known` for a `messages` change (typed),
 * not for a change of another field (its `value` kept as sent).
 */
export type MetaWebhookChangeItem = {
  /** The `entry.id`: the WhatsApp Business Account id. */
  businessAccountId: string;
} & ({ known: true; change: MetaMessagesChange } | { known: false; change: MetaOtherChange });

/**
 * One inbound message, with where it arrived and who sent it. Check `known` first: a known message
 * narrows on `message.type`; an unknown one is kept as Meta sent it.
 */
export type MetaWebhookMessage = {
  businessAccountId: string;
  /** The business phone number that received it. */
  metadata: MetaWebhookMetadata;
  /**
   * The sender, from the change's `contacts`: the one whose `wa_id` is the message's `from`, or the
   * only contact of the change; undefined when neither picks one.
   */
  contact: MetaWebhookContact | undefined;
} & ({ known: true; message: MetaMessage } | { known: false; message: MetaUnknownMessage });

/** One status update, with the business phone number that sent the message; check `known` first. */
export type MetaWebhookStatus = {
  businessAccountId: string;
  metadata: MetaWebhookMetadata;
} & ({ known: true; status: MetaStatus } | { known: false; status: MetaUnknownStatus });

/** A verified, parsed delivery of a webhook of kind `meta`. */
export interface MetaWebhookDelivery {
  /** `X-Idempotency-Key`: Kapso sends the SHA-256 of the payload, the same on every retry. */
  readonly idempotencyKey: string | undefined;
  /** The whole body, as Meta sent it. */
  readonly payload: MetaWebhookPayload;
  /** Every change of every entry, of any field, in order. */
  readonly changes: MetaWebhookChangeItem[];
  /** Every inbound message of every `messages` change, in order. */
  readonly messages: MetaWebhookMessage[];
  /** Every status update of every `messages` change, in order. */
  readonly statuses: MetaWebhookStatus[];
}
