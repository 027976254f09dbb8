import { describe, expectTypeOf, it } from "vitest";
import type {
  META_INTERACTIVE_REPLY_TYPES,
  META_MESSAGE_TYPES,
  META_STATUSES,
  MetaInteractiveReply,
  MetaMessage,
  MetaStatus,
  MetaUnknownMessage,
  MetaUnknownStatus,
  MetaWebhookChangeItem,
  MetaWebhookMessage,
  MetaWebhookStatus,
} from "./index.js";

describe("Meta payload types", () => {
  it("keeps the run-time lists in step with the unions", () => {
    expectTypeOf<(typeof META_MESSAGE_TYPES)[number]>().toEqualTypeOf<MetaMessage["type"]>();
    expectTypeOf<(typeof META_STATUSES)[number]>().toEqualTypeOf<MetaStatus["status"]>();
    expectTypeOf<(typeof META_INTERACTIVE_REPLY_TYPES)[number]>().toEqualTypeOf<
      MetaInteractiveReply["type"]
    >();
  });

  it("narrows a known message on its type, down to the interactive reply", () => {
    const read = (item: MetaWebhookMessage): string | undefined => {
      if (!item.known) {
        expectTypeOf(item.message).toEqualTypeOf<MetaUnknownMessage>();
        return item.message.type;
      }
      const { message } = item;
      switch (message.type) {
        case "text":
          return message.text.body;
        case "image":
          return message.image.caption;
        case "audio":
          return message.audio.voice ? "voice" : message.audio.id;
        case "document":
          return message.document.filename;
        case "location":
          return `${message.location.latitude},${message.location.longitude}`;
        case "contacts":
          return message.contacts[0]?.name.formatted_name;
        case "interactive":
          switch (message.interactive.type) {
            case "button_reply":
              return message.interactive.button_reply.id;
            case "list_reply":
              return message.interactive.list_reply.id;
            case "nfm_reply":
              return message.interactive.nfm_reply.response_json;
            default:
              expectTypeOf(message.interactive).toBeNever();
              return undefined;
          }
        case "button":
          return message.button.payload;
        case "reaction":
          return message.reaction.emoji;
        case "order":
          return message.order.product_items[0]?.product_retailer_id;
        case "system":
          return message.system.new_wa_id ?? message.system.wa_id;
        case "unsupported":
        case "unknown":
          return message.errors?.[0]?.title;
        case "video":
        case "sticker":
        case "request_welcome":
          return message.id;
        default:
          expectTypeOf(message).toBeNever();
          return undefined;
      }
    };
    expectTypeOf(read).toBeFunction();
  });

  it("narrows a status and a change on known", () => {
    const code = (item: MetaWebhookStatus) => {
      if (!item.known) {
        expectTypeOf(item.status).toEqualTypeOf<MetaUnknownStatus>();
        return undefined;
      }
      expectTypeOf(item.status.status).toEqualTypeOf<"sent" | "delivered" | "read" | "failed">();
      return item.status.status === "failed" ? item.status.errors?.[0]?.code : item.status.pricing?.category;
    };
    const errors = (item: MetaWebhookChangeItem) => {
      if (!item.known) {
        expectTypeOf(item.change.value).toBeUnknown();
        return [];
      }
      return item.change.value.errors ?? [];
    };
    expectTypeOf(code).returns.toEqualTypeOf<number | string | undefined>();
    expectTypeOf(errors).returns.toBeArray();
  });
});
