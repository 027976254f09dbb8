import type { ContractCase } from "../contract-case.js";

const broadcast = { broadcast_id: "9b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d04" };
const createBody = {
  whatsapp_broadcast: {
    name: "Weekend sale",
    phone_number_id: "1234567890",
    whatsapp_template_id: "784203120908608",
  },
};
const recipient = (n: number) => ({
  phone_number: `+1415555${String(n).padStart(4, "0")}`,
  components: [
    { type: "body", parameters: [{ type: "text", parameter_name: "first_name", text: "Alicia" }] },
  ],
});
const recipientsBody = { whatsapp_broadcast: { recipients: [recipient(123), recipient(124)] } };
const scheduleBody = { scheduled_at: "2026-11-27T08:00:00Z" };

export const cases: ContractCase[] = [
  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listBroadcasts",
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listBroadcasts",
    title: "with every filter",
    params: {
      query: {
        phone_number_id: "1234567890",
        status: "completed",
        created_after: "2026-11-01T00:00:00Z",
        created_before: "2026-11-30T23:59:59Z",
        page: 1,
        per_page: 20,
      },
    },
    status: 200,
  },
  {
    operationId: "listBroadcasts",
    title: "unknown status",
    params: { query: { status: "paused" } },
    status: 422,
    messageIncludes: "status",
  },
  ...["copying", "stopped"].map((status) => ({
    operationId: "listBroadcasts",
    title: `${status} broadcasts`,
    params: { query: { status } },
    status: 200,
  })),

  { operationId: "createBroadcast", body: createBody, prefer: { example: "created" }, status: 201 },
  {
    operationId: "createBroadcast",
    title: "without a template",
    body: { whatsapp_broadcast: { name: "Weekend sale", phone_number_id: "1234567890" } },
    status: 422,
    messageIncludes: "whatsapp_template_id",
  },

  { operationId: "getBroadcast", params: { path: broadcast }, prefer: { example: "sending" }, status: 200 },

  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listBroadcastRecipients",
    params: { path: broadcast },
    prefer: { example },
    status: 200,
  })),

  {
    operationId: "addBroadcastRecipients",
    params: { path: broadcast },
    body: recipientsBody,
    prefer: { example: "added" },
    status: 201,
  },
  {
    operationId: "addBroadcastRecipients",
    title: "1000 recipients, the most one call takes",
    params: { path: broadcast },
    body: { whatsapp_broadcast: { recipients: Array.from({ length: 1000 }, (_, n) => recipient(n)) } },
    status: 201,
  },
  {
    operationId: "addBroadcastRecipients",
    title: "an existing contact, with a media header and a button",
    params: { path: broadcast },
    body: {
      whatsapp_broadcast: {
        recipients: [
          {
            whatsapp_contact_id: "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a01",
            components: [
              {
                type: "header",
                parameters: [{ type: "image", image: { link: "https://example.com/a.jpg" } }],
              },
              {
                type: "button",
                sub_type: "url",
                index: 0,
                parameters: [{ type: "text", text: "promo-12345" }],
              },
            ],
          },
        ],
      },
    },
    status: 201,
  },
  {
    operationId: "addBroadcastRecipients",
    title: "a component type outside header, body and button",
    params: { path: broadcast },
    body: {
      whatsapp_broadcast: {
        recipients: [{ phone_number: "+14155550123", components: [{ type: "footer" }] }],
      },
    },
    status: 422,
  },
  {
    operationId: "addBroadcastRecipients",
    title: "no recipients",
    params: { path: broadcast },
    body: { whatsapp_broadcast: { recipients: [] } },
    status: 422,
  },
  {
    operationId: "addBroadcastRecipients",
    title: "1001 recipients",
    params: { path: broadcast },
    body: { whatsapp_broadcast: { recipients: Array.from({ length: 1001 }, (_, n) => recipient(n)) } },
    status: 422,
  },

  { operationId: "sendBroadcast", params: { path: broadcast }, prefer: { example: "sending" }, status: 202 },

  {
    operationId: "scheduleBroadcast",
    params: { path: broadcast },
    body: scheduleBody,
    prefer: { example: "scheduled" },
    status: 202,
  },
  {
    operationId: "scheduleBroadcast",
    title: "scheduled_at is not a date-time",
    params: { path: broadcast },
    body: { scheduled_at: "tomorrow" },
    status: 422,
  },

  {
    operationId: "cancelBroadcast",
    params: { path: broadcast },
    prefer: { example: "cancelled" },
    status: 200,
  },
];
