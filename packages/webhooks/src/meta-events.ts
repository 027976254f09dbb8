// Types of the payload Kapso forwards from a webhook of kind `meta`: Meta's own WhatsApp Cloud API
// webhook body, byte for byte. Written from Meta's published webhook reference (messages and status
// notifications) and Kapso's description of meta webhooks. Meta adds fields and types over time, so
// the parser sorts every message, status and change into known (typed) and unknown (kept as sent):
// a union with an open `type: string` member would stop `type === "text"` from narrowing.

import type { ContactCard } from "@kapso/types/whatsapp";

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
  /** The user's WhatsApp profile. */
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
  /** A short title of the error. */
  title?: string;
  /** What went wrong. */
  message?: string;
  /** More detail, when Meta gives it. */
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
  /** The message was forwarded. */
  forwarded?: boolean;
  /** Forwarded more than five times. */
  frequently_forwarded?: boolean;
  /** The product a user asked about from a product message. */
  referred_product?: { catalog_id: string; product_retailer_id: string };
}

/** The ad or post a user came from (click-to-WhatsApp), on their first message. */
export interface MetaMessageReferral {
  /** The ad's or post's URL. */
  source_url?: string;
  /** `ad` or `post`. */
  source_type?: string;
  /** The ad's or post's id. */
  source_id?: string;
  /** The ad's headline. */
  headline?: string;
  /** The ad's text. */
  body?: string;
  /** `image` or `video`. */
  media_type?: string;
  /** The ad's image. */
  image_url?: string;
  /** The ad's video. */
  video_url?: string;
  /** The video's thumbnail. */
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
  /** The file's MIME type, for example `image/jpeg`. */
  mime_type: string;
  /** SHA-256 of the file. */
  sha256?: string;
  /** A download URL, in newer Graph API versions. */
  url?: string;
}

/** A text message. */
export interface MetaTextMessage extends MetaMessageBase {
  /** The message type. */
  type: "text";
  /** The message text. */
  text: { body: string };
}
/** An image. */
export interface MetaImageMessage extends MetaMessageBase {
  /** The message type. */
  type: "image";
  /** The image, and the caption the user wrote. */
  image: MetaWebhookMedia & { caption?: string };
}
/** An audio file or voice note. */
export interface MetaAudioMessage extends MetaMessageBase {
  /** The message type. */
  type: "audio";
  /** The audio; `voice` is true for a voice note recorded in WhatsApp. */
  audio: MetaWebhookMedia & { voice?: boolean };
}
/** A video. */
export interface MetaVideoMessage extends MetaMessageBase {
  /** The message type. */
  type: "video";
  /** The video, and its caption. */
  video: MetaWebhookMedia & { caption?: string };
}
/** A document (any file). */
export interface MetaDocumentMessage extends MetaMessageBase {
  /** The message type. */
  type: "document";
  /** The file, its name and caption. */
  document: MetaWebhookMedia & { caption?: string; filename?: string };
}
/** A sticker. */
export interface MetaStickerMessage extends MetaMessageBase {
  /** The message type. */
  type: "sticker";
  /** The sticker image (WebP). */
  sticker: MetaWebhookMedia & { animated?: boolean };
}
/** A location the user shared. */
export interface MetaLocationMessage extends MetaMessageBase {
  /** The message type. */
  type: "location";
  /** Coordinates, and the place's name and address when the user picked one. */
  location: { latitude: number; longitude: number; name?: string; address?: string; url?: string };
}

/**
 * One contact card a user shared: the Meta proxy's `ContactCard`, the same object Meta's messages API
 * sends and the proxy's message history returns, plus the vCard a webhook may carry.
 */
export interface MetaSharedContact extends ContactCard {
  /** The card as a vCard, when Meta includes it. */
  vcard?: string;
}
/** Contact cards the user shared. */
export interface MetaContactsMessage extends MetaMessageBase {
  /** The message type. */
  type: "contacts";
  /** The cards. */
  contacts: MetaSharedContact[];
}

/** A user's answer to an interactive message. */
export type MetaInteractiveReply =
  | {
      /** A tap on a reply button. */
      type: "button_reply";
      /** The button's id (set when sending) and its title. */
      button_reply: { id: string; title: string };
    }
  | {
      /** A choice from a list message. */
      type: "list_reply";
      /** The row's id (set when sending), title and description. */
      list_reply: { id: string; title: string; description?: string };
    }
  | {
      /** A completed WhatsApp Flow. */
      type: "nfm_reply";
      /** `response_json` is the flow's answers, as a JSON string. */
      nfm_reply: { name?: string; body?: string; response_json: string };
    };

/** Every interactive reply `type` this version types, at run time. */
export const META_INTERACTIVE_REPLY_TYPES = ["button_reply", "list_reply", "nfm_reply"] as const;
/** A reply to an interactive message: a button, a list row, a Flow. */
export interface MetaInteractiveMessage extends MetaMessageBase {
  /** The message type. */
  type: "interactive";
  /** The reply, by its own `type`. */
  interactive: MetaInteractiveReply;
}
/** A tap on a quick-reply button of a template message. */
export interface MetaButtonMessage extends MetaMessageBase {
  /** The message type. */
  type: "button";
  /** The button's label, and the payload set in the template. */
  button: { text: string; payload?: string };
}
/** A reaction to a message; `emoji` is absent when the user removed their reaction. */
export interface MetaReactionMessage extends MetaMessageBase {
  /** The message type. */
  type: "reaction";
  /** The WAMID of the message reacted to, and the emoji. */
  reaction: { message_id: string; emoji?: string };
}
/** An order placed from a catalog or product message. */
export interface MetaOrderMessage extends MetaMessageBase {
  /** The message type. */
  type: "order";
  /** The catalog, the user's note, and the items with quantity and unit price. */
  order: {
    catalog_id: string;
    text?: string;
    product_items: { product_retailer_id: string; quantity: number; item_price: number; currency: string }[];
  };
}
/** A change on the user's side, such as a new phone number (`system.type` `user_changed_number`). */
export interface MetaSystemMessage extends MetaMessageBase {
  /** The message type. */
  type: "system";
  /** What changed: `type` (for example `user_changed_number`), a readable `body`, the new ids. */
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
  /** The message type. */
  type: "unsupported" | "unknown";
  /** What the user sent, when Meta says (for example `edit`). */
  unsupported?: { type?: string };
}
/** A user opened the chat for the first time and asked for the business's welcome message. */
export interface MetaRequestWelcomeMessage extends MetaMessageBase {
  /** The message type. */
  type: "request_welcome";
}
/**
 * A message this version does not type, kept as Meta sent it: a `type` it does not know, an
 * interactive reply of a type it does not know, or a known type without its content object.
 */
export interface MetaUnknownMessage extends MetaMessageBase {
  /** The type Meta sent. */
  type: string;
  /** Everything else Meta sent, untyped. */
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
  /** Meta's conversation id. */
  id: string;
  /** When the conversation window ends: Unix seconds, as a string (on `sent` statuses). */
  expiration_timestamp?: string;
  /** What opened it: `service`, `utility`, `marketing`, `authentication`, `referral_conversion`, … */
  origin?: { type: string };
}

/** How a message is billed. */
export interface MetaStatusPricing {
  /** Whether the message is charged. */
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
  /** Where the message got to. */
  status: "sent" | "delivered" | "read" | "failed";
}
/** A status this version does not know, kept as Meta sent it. */
export interface MetaUnknownStatus extends MetaStatusBase {
  /** The status Meta sent. */
  status: string;
  /** Everything else Meta sent, untyped. */
  [field: string]: unknown;
}
/** A status update on a message the business sent, of a status this version knows. */
export type MetaStatus = MetaKnownStatus;

/** Every status this version types, at run time. */
export const META_STATUSES = ["sent", "delivered", "read", "failed"] as const;

/** The `value` of a `messages` change: what happened on one business phone number. */
export interface MetaMessagesValue {
  /** Always `whatsapp`. */
  messaging_product: "whatsapp";
  /** The business phone number the change is about. */
  metadata: MetaWebhookMetadata;
  /** The users of `messages` (usually one per message). */
  contacts?: MetaWebhookContact[];
  /** Inbound messages, as Meta sent them (the delivery's `messages` sorts known from unknown). */
  messages?: (MetaMessage | MetaUnknownMessage)[];
  /** Status updates on the business's messages, as Meta sent them. */
  statuses?: (MetaStatus | MetaUnknownStatus)[];
  /** Errors about the phone number or the app rather than one message. */
  errors?: MetaWebhookError[];
}

/** A change of field `messages`: inbound messages, status updates, errors. */
export interface MetaMessagesChange {
  /** The subscription field. */
  field: "messages";
  /** What happened on one business phone number. */
  value: MetaMessagesValue;
}
/**
 * A change of another field Meta sends to the app (template status, account and quality updates,
 * calls, history, message echoes, …). This package does not type their values.
 */
export interface MetaOtherChange {
  /** The subscription field, for example `message_template_status_update`. */
  field: string;
  /** The change, as Meta sent it. */
  value: unknown;
}
/** One change of an entry, as Meta sent it. */
export type MetaWebhookChange = MetaMessagesChange | MetaOtherChange;

/** One entry: the changes of one WhatsApp Business Account. */
export interface MetaWebhookEntry {
  /** The WhatsApp Business Account id. */
  id: string;
  /** What changed, in order. */
  changes: MetaWebhookChange[];
}

/** The body of a meta webhook's delivery, as Meta sent it. */
export interface MetaWebhookPayload {
  /** `whatsapp_business_account` for WhatsApp. */
  object: string;
  /** The changes, by business account. */
  entry: MetaWebhookEntry[];
}

/**
 * One change, with the business account it belongs to: `known` for a `messages` change (typed),
 * not for a change of another field (its `value` kept as sent).
 */
export type MetaWebhookChangeItem = {
  /** The `entry.id`: the WhatsApp Business Account id. */
  businessAccountId: string;
} & (
  | {
      /** A `messages` change. */
      known: true;
      /** The change, typed. */
      change: MetaMessagesChange;
    }
  | {
      /** A change of another field. */
      known: false;
      /** The change; its `value` untyped. */
      change: MetaOtherChange;
    }
);

/**
 * One inbound message, with where it arrived and who sent it. Check `known` first: a known message
 * narrows on `message.type`; an unknown one is kept as Meta sent it.
 */
export type MetaWebhookMessage = {
  /** The `entry.id`: the WhatsApp Business Account id. */
  businessAccountId: string;
  /** The business phone number that received it. */
  metadata: MetaWebhookMetadata;
  /**
   * The sender, from the change's `contacts`: the one whose `wa_id` is the message's `from`, or the
   * only contact of the change; undefined when neither picks one.
   */
  contact: MetaWebhookContact | undefined;
} & (
  | {
      /** A message of a type this version types. */
      known: true;
      /** The message, as Meta sent it. */
      message: MetaMessage;
    }
  | {
      /** A message this version does not type. */
      known: false;
      /** The message, as Meta sent it. */
      message: MetaUnknownMessage;
    }
);

/** One status update, with the business phone number that sent the message; check `known` first. */
export type MetaWebhookStatus = {
  /** The `entry.id`: the WhatsApp Business Account id. */
  businessAccountId: string;
  /** The business phone number that sent the message. */
  metadata: MetaWebhookMetadata;
} & (
  | {
      /** A status this version types. */
      known: true;
      /** The status update, as Meta sent it. */
      status: MetaStatus;
    }
  | {
      /** A status this version does not know. */
      known: false;
      /** The status update, as Meta sent it. */
      status: MetaUnknownStatus;
    }
);

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
