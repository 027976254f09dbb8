// Compile-time checks of the proxy client: a message body that cannot be valid is a type error.
import type { components, ListMessagesResponse, Message, MessageSendResult } from "@kapso/types/whatsapp";
import { describe, expectTypeOf, it } from "vitest";
import { createKapsoWhatsAppClient, type KapsoWhatsAppClient } from "./whatsapp.js";

const wa = createKapsoWhatsAppClient({ apiKey: "k" });
const path = { phone_number_id: "197211286875" };

// Built, never called: the checks are the compiler's.
function sends() {
  wa.POST("/{phone_number_id}/messages", {
    params: { path },
    body: { messaging_product: "whatsapp", to: "15551234567", type: "text", text: { body: "Hi" } },
  });
  wa.POST("/{phone_number_id}/messages", {
    params: { path },
    body: {
      messaging_product: "whatsapp",
      to: "15551234567",
      type: "image",
      image: { id: "4558427620926891" },
    },
  });
  wa.POST("/{phone_number_id}/messages", {
    params: { path },
    // @ts-expect-error no recipient: neither `to` nor `recipient`
    body: { messaging_product: "whatsapp", type: "text", text: { body: "Hi" } },
  });
  wa.POST("/{phone_number_id}/messages", {
    params: { path },
    // @ts-expect-error `type: "text"` needs `text`
    body: { messaging_product: "whatsapp", to: "15551234567", type: "text" },
  });
  wa.POST("/{phone_number_id}/messages", {
    params: { path },
    // @ts-expect-error `type: "text"` with an image instead of the text
    body: { messaging_product: "whatsapp", to: "15551234567", type: "text", image: { id: "1" } },
  });
  wa.POST("/{phone_number_id}/messages", {
    params: { path },
    // @ts-expect-error messaging_product is always "whatsapp"
    body: { messaging_product: "sms", to: "15551234567", type: "text", text: { body: "Hi" } },
  });
  // @ts-expect-error the phone number id is required
  wa.POST("/{phone_number_id}/messages", {
    body: { messaging_product: "whatsapp", to: "1", type: "text", text: { body: "Hi" } },
  });
}

describe("createKapsoWhatsAppClient types", () => {
  it("is typed with the proxy's paths", () => {
    expectTypeOf(wa).toEqualTypeOf<KapsoWhatsAppClient>();
    expectTypeOf(sends).toBeFunction();
    type SendData = Awaited<
      ReturnType<
        typeof wa.POST<
          "/{phone_number_id}/messages",
          { params: { path: typeof path }; body: components["schemas"]["OutgoingTextMessage"] }
        >
      >
    >["data"];
    expectTypeOf<NonNullable<SendData>>().toEqualTypeOf<MessageSendResult>();
  });

  it("types the list of a conversation's messages", () => {
    type ListData = NonNullable<
      Awaited<
        ReturnType<typeof wa.GET<"/{phone_number_id}/messages", { params: { path: typeof path } }>>
      >["data"]
    >;
    // Both ways rather than toEqualTypeOf, whose deep comparison cannot read `Record<string, never>`.
    expectTypeOf<ListData>().toExtend<ListMessagesResponse>();
    expectTypeOf<ListMessagesResponse>().toExtend<ListData>();
    expectTypeOf<ListData["data"][number]>().toExtend<Message>();
  });

  it("types the error union of a send, Meta's and Kapso's shapes", () => {
    type SendError = NonNullable<
      Awaited<
        ReturnType<
          typeof wa.POST<
            "/{phone_number_id}/messages",
            { params: { path: typeof path }; body: components["schemas"]["OutgoingTextMessage"] }
          >
        >
      >["error"]
    >;
    expectTypeOf<components["schemas"]["MetaError"]>().toExtend<SendError>();
    expectTypeOf<components["schemas"]["ThreadOwnershipError"]>().toExtend<SendError>();
    expectTypeOf<components["schemas"]["MarketingPreferenceStoppedError"]>().toExtend<SendError>();
  });
});
