// Deliveries of a meta webhook for the tests: Meta's WhatsApp webhook envelope with messages and
// statuses of every documented kind, plus shapes this package does not know. Ids and numbers are
// made up.

const WABA_ID = "104996122399160";
export const metadata = { display_phone_number: "15550783881", phone_number_id: "106540352242922" };
const user = { profile: { name: "Ana Souza" }, wa_id: "5511987654321", user_id: "BR.6480195523771" };
const ts = "1765094400";

let counter = 0;
const wamid = () => `wamid.HBgN${String(++counter).padStart(6, "0")}`;
const inbound = (type: string, body: Record<string, unknown>) => ({
  from: user.wa_id,
  id: wamid(),
  timestamp: ts,
  type,
  ...body,
});

/** One message of every documented type, and one of a type Meta may add later. */
export const inboundMessages = [
  inbound("text", { text: { body: "Olá! Is my order on its way?" } }),
  inbound("image", {
    image: { id: "1203001", mime_type: "image/jpeg", sha256: "b1c2", caption: "the receipt" },
  }),
  inbound("audio", {
    audio: { id: "1203002", mime_type: "audio/ogg; codecs=opus", sha256: "d3e4", voice: true },
  }),
  inbound("video", { video: { id: "1203003", mime_type: "video/mp4", sha256: "f5a6" } }),
  inbound("document", {
    document: { id: "1203004", mime_type: "application/pdf", sha256: "a7b8", filename: "invoice.pdf" },
  }),
  inbound("sticker", {
    sticker: { id: "1203005", mime_type: "image/webp", sha256: "c9d0", animated: false },
  }),
  inbound("location", {
    location: {
      latitude: -23.5613,
      longitude: -46.6565,
      name: "Av. Paulista",
      address: "Av. Paulista, 1578",
    },
  }),
  inbound("contacts", {
    contacts: [
      {
        name: { formatted_name: "Bruno Lima", first_name: "Bruno" },
        phones: [{ phone: "+55 11 91234-5678", type: "CELL" }],
      },
    ],
  }),
  inbound("interactive", {
    interactive: { type: "button_reply", button_reply: { id: "track", title: "Track order" } },
  }),
  inbound("interactive", {
    interactive: {
      type: "list_reply",
      list_reply: { id: "sp-01", title: "São Paulo", description: "Centro" },
    },
  }),
  inbound("interactive", {
    interactive: {
      type: "nfm_reply",
      nfm_reply: { name: "flow", body: "Sent", response_json: '{"rating":"5"}' },
    },
  }),
  inbound("button", {
    button: { text: "Stop promotions", payload: "opt-out" },
    context: { from: metadata.display_phone_number, id: "wamid.template1" },
  }),
  inbound("reaction", { reaction: { message_id: "wamid.out1", emoji: "👍" } }),
  inbound("reaction", { reaction: { message_id: "wamid.out1" } }),
  inbound("order", {
    order: {
      catalog_id: "778899",
      text: "Please deliver after 6pm",
      product_items: [{ product_retailer_id: "sku-42", quantity: 2, item_price: 19.9, currency: "BRL" }],
    },
  }),
  inbound("system", {
    system: {
      body: "User Ana changed from 5511987654321 to 5511911112222",
      wa_id: "5511911112222",
      type: "user_changed_number",
    },
  }),
  inbound("unsupported", {
    errors: [
      {
        code: 131051,
        title: "Message type unknown",
        message: "Message type unknown",
        error_data: { details: "Message type is currently not supported." },
      },
    ],
    unsupported: { type: "edit" },
  }),
  inbound("request_welcome", {}),
  inbound("hologram", { hologram: { depth: 3 } }),
];

const status = (value: string, extra: Record<string, unknown> = {}) => ({
  id: "wamid.out1",
  status: value,
  timestamp: ts,
  recipient_id: user.wa_id,
  ...extra,
});
const conversation = {
  id: "8a5e4e21b7c34c7f",
  expiration_timestamp: "1765180800",
  origin: { type: "service" },
};
const pricing = { billable: true, pricing_model: "PMP", category: "service", type: "free_customer_service" };

/** sent (with conversation and pricing), delivered, read, failed (with errors), and one Meta may add later. */
export const statusUpdates = [
  status("sent", { conversation, pricing, biz_opaque_callback_data: "order-42" }),
  status("delivered", { conversation: { id: conversation.id, origin: conversation.origin }, pricing }),
  status("read"),
  status("failed", {
    errors: [
      {
        code: 131026,
        title: "Message undeliverable",
        message: "Message undeliverable",
        error_data: { details: "Message could not be delivered" },
        href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
      },
    ],
  }),
  status("played"),
];

/** A whole payload: two changes of field `messages` (messages, then statuses) and one of another field. */
export const metaPayload = {
  object: "whatsapp_business_account",
  entry: [
    {
      id: WABA_ID,
      changes: [
        {
          field: "messages",
          value: { messaging_product: "whatsapp", metadata, contacts: [user], messages: inboundMessages },
        },
        {
          field: "messages",
          value: {
            messaging_product: "whatsapp",
            metadata,
            statuses: statusUpdates,
            errors: [{ code: 131000, title: "Something went wrong" }],
          },
        },
      ],
    },
    {
      id: WABA_ID,
      changes: [
        {
          field: "message_template_status_update",
          value: { event: "APPROVED", message_template_id: 5512, message_template_name: "order_update" },
        },
      ],
    },
  ],
};

/** A payload with one text message, for handler tests. */
export const textPayload = (text: string) => ({
  object: "whatsapp_business_account",
  entry: [
    {
      id: WABA_ID,
      changes: [
        {
          field: "messages",
          value: {
            messaging_product: "whatsapp",
            metadata,
            contacts: [user],
            messages: [{ from: user.wa_id, id: wamid(), timestamp: ts, type: "text", text: { body: text } }],
          },
        },
      ],
    },
  ],
});
