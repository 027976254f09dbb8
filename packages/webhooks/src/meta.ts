import { receiveRequest } from "./body.js";
import {
  idempotencyKeyOf,
  invalidPayload as invalid,
  isObject,
  parseJsonObject,
  verifyDelivery,
  type WebhookHeaders,
} from "./delivery.js";
import {
  META_INTERACTIVE_REPLY_TYPES,
  META_MESSAGE_TYPES,
  META_STATUSES,
  type MetaMessage,
  type MetaMessagesChange,
  type MetaOtherChange,
  type MetaStatus,
  type MetaUnknownMessage,
  type MetaUnknownStatus,
  type MetaWebhookChangeItem,
  type MetaWebhookContact,
  type MetaWebhookDelivery,
  type MetaWebhookMessage,
  type MetaWebhookMetadata,
  type MetaWebhookPayload,
  type MetaWebhookStatus,
} from "./meta-events.js";
import { createReceiver, type WebhookReceiverOptions } from "./receiver.js";
import { checkSecret, hmacKey, type WebhookBody } from "./signature.js";

/** The messages and statuses of one change, in order. */
interface ChangeItems {
  change: MetaWebhookChangeItem;
  messages: MetaWebhookMessage[];
  statuses: MetaWebhookStatus[];
}

function arrayOfObjects(value: unknown, where: string, key: string): Record<string, unknown>[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalid(`${where}.${key} is not an array.`);
  value.forEach((item, index) => {
    if (!isObject(item)) throw invalid(`${where}.${key}[${index}] is not an object.`);
  });
  return value;
}

const includes = (list: readonly string[], value: unknown): boolean =>
  typeof value === "string" && list.includes(value);

// Types whose content is not in an object named after the type.
const WITHOUT_CONTENT = ["unsupported", "unknown", "request_welcome"];

/**
 * Whether a message has a type this version knows and the content that type promises, so that the
 * typed fields exist: `text.body` on a text, `interactive.type` among the known replies, …
 */
function isKnownMessage(message: Record<string, unknown>): boolean {
  const type = message.type as string;
  if (!includes(META_MESSAGE_TYPES, type)) return false;
  if (WITHOUT_CONTENT.includes(type)) return true;
  const content = message[type];
  if (type === "contacts") return Array.isArray(content);
  if (!isObject(content)) return false;
  return type !== "interactive" || includes(META_INTERACTIVE_REPLY_TYPES, content.type);
}

/** Checks the `messages` change's value far enough that every message and status can be told apart. */
function itemsOfMessagesChange(
  businessAccountId: string,
  change: Record<string, unknown>,
  where: string,
): ChangeItems {
  const value = change.value;
  if (!isObject(value)) throw invalid(`${where}.value is not an object.`);
  if (!isObject(value.metadata)) throw invalid(`${where}.value.metadata is not an object.`);
  const contacts = arrayOfObjects(value.contacts, `${where}.value`, "contacts");
  const messages = arrayOfObjects(value.messages, `${where}.value`, "messages");
  const statuses = arrayOfObjects(value.statuses, `${where}.value`, "statuses");
  messages.forEach((message, index) => {
    if (typeof message.type !== "string") throw invalid(`${where}.value.messages[${index}] has no type.`);
  });
  statuses.forEach((status, index) => {
    if (typeof status.status !== "string") throw invalid(`${where}.value.statuses[${index}] has no status.`);
  });
  const metadata = value.metadata as unknown as MetaWebhookMetadata;
  const senders = contacts as MetaWebhookContact[];
  return {
    change: { businessAccountId, known: true, change: change as unknown as MetaMessagesChange },
    messages: messages.map((message): MetaWebhookMessage => {
      // Meta lists the senders of a change's messages in `contacts`: match on the phone number, or
      // take the only one (a user without a visible number has no `from` to match).
      const from = message.from;
      const contact =
        (typeof from === "string" ? senders.find((sender) => sender.wa_id === from) : undefined) ??
        (senders.length === 1 ? senders[0] : undefined);
      return isKnownMessage(message)
        ? { businessAccountId, metadata, contact, known: true, message: message as unknown as MetaMessage }
        : {
            businessAccountId,
            metadata,
            contact,
            known: false,
            message: message as unknown as MetaUnknownMessage,
          };
    }),
    statuses: statuses.map(
      (status): MetaWebhookStatus =>
        includes(META_STATUSES, status.status)
          ? { businessAccountId, metadata, known: true, status: status as unknown as MetaStatus }
          : { businessAccountId, metadata, known: false, status: status as unknown as MetaUnknownStatus },
    ),
  };
}

/** Reads a verified body as Meta's payload, change by change. */
function parseMetaItems(bytes: Uint8Array): { payload: MetaWebhookPayload; items: ChangeItems[] } {
  const json = parseJsonObject(bytes);
  if (typeof json.object !== "string" || !Array.isArray(json.entry)) {
    throw invalid(
      "The webhook body is not Meta's payload (no `object` and `entry`): is this a webhook of kind kapso? Use createWebhookHandler or constructWebhookEvent for those.",
    );
  }
  const items: ChangeItems[] = [];
  json.entry.forEach((entry: unknown, entryIndex) => {
    const where = `entry[${entryIndex}]`;
    if (!isObject(entry)) throw invalid(`${where} is not an object.`);
    if (typeof entry.id !== "string") throw invalid(`${where}.id is not a string.`);
    arrayOfObjects(entry.changes, where, "changes").forEach((change, changeIndex) => {
      const changeWhere = `${where}.changes[${changeIndex}]`;
      if (typeof change.field !== "string") throw invalid(`${changeWhere}.field is not a string.`);
      const businessAccountId = entry.id as string;
      items.push(
        change.field === "messages"
          ? itemsOfMessagesChange(businessAccountId, change, changeWhere)
          : {
              change: { businessAccountId, known: false, change: change as unknown as MetaOtherChange },
              messages: [],
              statuses: [],
            },
      );
    });
  });
  return { payload: json as unknown as MetaWebhookPayload, items };
}

function deliveryOf(
  payload: MetaWebhookPayload,
  items: ChangeItems[],
  headers: WebhookHeaders,
): MetaWebhookDelivery {
  return {
    idempotencyKey: idempotencyKeyOf(headers),
    payload,
    changes: items.map((item) => item.change),
    messages: items.flatMap((item) => item.messages),
    statuses: items.flatMap((item) => item.statuses),
  };
}

/** Parses a verified body of a meta webhook. */
export function parseMetaDelivery(bytes: Uint8Array, headers: WebhookHeaders): MetaWebhookDelivery {
  const { payload, items } = parseMetaItems(bytes);
  return deliveryOf(payload, items, headers);
}

/** What {@link constructMetaWebhookEvent} verifies and parses: one delivery as received, and its secret. */
export interface ConstructMetaWebhookEventInput {
  /** The raw request body, byte for byte as received: not parsed JSON. */
  body: WebhookBody;
  /** The request's headers: `X-Webhook-Signature` is required; `X-Idempotency-Key` is read too. */
  headers: WebhookHeaders;
  /** The meta webhook's `secret_key`. */
  secret: string;
}

/**
 * Verifies a delivery of a webhook of kind `meta` (Meta's own payload, forwarded by Kapso) and parses
 * it: the signature over the raw body, then the JSON, then Meta's envelope; every message and status
 * of its `messages` changes is listed with the phone number it is about. Throws `KapsoWebhookError`
 * (see its `reason`) when a step fails.
 */
export async function constructMetaWebhookEvent(
  input: ConstructMetaWebhookEventInput,
): Promise<MetaWebhookDelivery> {
  checkSecret(input.secret);
  const bytes = await verifyDelivery(input.body, input.headers, await hmacKey(input.secret));
  return parseMetaDelivery(bytes, input.headers);
}

/** Options of {@link receiveMetaWebhook}. */
export interface ReceiveMetaWebhookOptions {
  /** The meta webhook's `secret_key`. */
  secret: string;
  /** The longest body read, in bytes (default 5 MB); a longer one is refused (`payload_too_large`). */
  maxBodyBytes?: number;
}

/**
 * `constructMetaWebhookEvent` for a Fetch `Request`: a request without a well-formed
 * `X-Webhook-Signature` is refused before its body is read; the body is read up to `maxBodyBytes`.
 */
export async function receiveMetaWebhook(
  request: Request,
  options: ReceiveMetaWebhookOptions,
): Promise<MetaWebhookDelivery> {
  return receiveRequest(request, options, constructMetaWebhookEvent);
}

/** What a meta webhook endpoint runs: each is optional, and runs once per item, in order. */
export interface MetaWebhookHandlers {
  /** Every change, of any field, before its messages and statuses. */
  change?: (item: MetaWebhookChangeItem, delivery: MetaWebhookDelivery) => unknown;
  /** Every inbound message of a `messages` change. */
  message?: (item: MetaWebhookMessage, delivery: MetaWebhookDelivery) => unknown;
  /** Every status update (sent, delivered, read, failed) of a `messages` change. */
  status?: (item: MetaWebhookStatus, delivery: MetaWebhookDelivery) => unknown;
}

/** How {@link createMetaWebhookHandler} verifies deliveries, which handlers it runs and how it drops repeats. */
export interface CreateMetaWebhookHandlerOptions extends WebhookReceiverOptions<MetaWebhookDelivery> {
  /** The handlers. A delivery with nothing for them is acknowledged with 200 and nothing else. */
  on: MetaWebhookHandlers;
}

/**
 * A Fetch-style endpoint for a webhook of kind `meta`, `(request) => Promise<Response>`, with the
 * protections and answers of `createWebhookHandler` (signature before the body, body cap, dedupe on
 * `X-Idempotency-Key` or the body's digest, 401/413/400/200/500). For each change in order it runs
 * `on.change`, then `on.message` for each of its messages and `on.status` for each of its statuses.
 */
export function createMetaWebhookHandler(
  options: CreateMetaWebhookHandlerOptions,
): (request: Request) => Promise<Response> {
  checkSecret(options.secret);
  const handlers = options.on;
  if (typeof handlers !== "object" || handlers === null) {
    throw new TypeError("`on` must be an object of handlers: change, message, status");
  }
  return createReceiver<MetaWebhookDelivery>(options, (bytes, headers) => {
    const { payload, items } = parseMetaItems(bytes);
    const delivery = deliveryOf(payload, items, headers);
    const { change, message, status } = handlers;
    const anything = items.some(
      (item) =>
        change !== undefined ||
        (message !== undefined && item.messages.length > 0) ||
        (status !== undefined && item.statuses.length > 0),
    );
    if (!anything) return { handle: undefined, delivery };
    return {
      delivery,
      idempotencyKey: delivery.idempotencyKey,
      handle: async () => {
        for (const item of items) {
          await change?.(item.change, delivery);
          for (const each of item.messages) await message?.(each, delivery);
          for (const each of item.statuses) await status?.(each, delivery);
        }
      },
    };
  });
}
