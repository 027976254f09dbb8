import type { ContractCase } from "../contract-case.js";

const webhook = { webhook_id: "9e8d7c6b-5a4f-4e2d-8c0b-9a8f7e6d5c01" };
const phoneNumber = { phone_number_id: "1234567890" };
const numberWebhook = { ...phoneNumber, webhook_id: "9e8d7c6b-5a4f-4e2d-8c0b-9a8f7e6d5c02" };

const projectBody = {
  whatsapp_webhook: {
    url: "https://example.com/webhooks/kapso",
    secret_key: "wh_sec_3kfj9dmfkg8s2",
    events: ["whatsapp.phone_number.created", "workflow.execution.failed"],
    active: true,
    payload_version: "v2",
  },
};
const numberBody = {
  whatsapp_webhook: {
    url: "https://example.com/webhooks/messages",
    kind: "kapso",
    secret_key: "wh_sec_3kfj9dmfkg8s2",
    events: ["whatsapp.message.received", "whatsapp.conversation.inactive"],
    buffer_enabled: true,
    buffer_window_seconds: 60,
    max_buffer_size: 100,
    buffer_events: ["whatsapp.message.received"],
    inactivity_minutes: 1440,
    headers: { "X-Webhook-Source": "kapso" },
  },
};
const pause = { whatsapp_webhook: { active: false } };

export const cases: ContractCase[] = [
  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listWebhooks",
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listWebhooks",
    title: "meta webhooks only",
    params: { query: { kind: "meta" } },
    status: 200,
  },
  {
    operationId: "listWebhooks",
    title: "unknown kind",
    params: { query: { kind: "raw" } },
    status: 422,
    messageIncludes: "kind",
  },

  { operationId: "createWebhook", body: projectBody, prefer: { example: "created" }, status: 201 },
  {
    operationId: "createWebhook",
    title: "scoped to one phone number, message events",
    body: {
      whatsapp_webhook: {
        url: "https://example.com/webhooks/messages",
        phone_number_id: "1234567890",
        events: ["whatsapp.message.received"],
      },
    },
    status: 201,
  },
  {
    operationId: "createWebhook",
    title: "project events, nulls where allowed",
    body: {
      whatsapp_webhook: {
        url: "https://example.com/webhooks/kapso",
        events: ["project.event"],
        secret_key: null,
        headers: null,
        payload_version: null,
        buffer_window_seconds: null,
      },
    },
    status: 201,
  },
  {
    operationId: "createWebhook",
    title: "unknown kind",
    body: { whatsapp_webhook: { url: "https://example.com/webhooks/kapso", kind: "raw" } },
    status: 422,
    messageIncludes: "kind",
  },
  {
    operationId: "createWebhook",
    title: "without url",
    body: { whatsapp_webhook: { events: ["whatsapp.phone_number.created"] } },
    status: 422,
  },

  { operationId: "getWebhook", params: { path: webhook }, prefer: { example: "webhook" }, status: 200 },

  {
    operationId: "updateWebhook",
    params: { path: webhook },
    body: pause,
    prefer: { example: "updated" },
    status: 200,
  },
  {
    operationId: "updateWebhook",
    title: "payload_version is not a string",
    params: { path: webhook },
    body: { whatsapp_webhook: { payload_version: 2 } },
    status: 422,
    messageIncludes: "payload_version",
  },
  {
    operationId: "updateWebhook",
    title: "subscribed to project events, secret removed",
    params: { path: webhook },
    body: { whatsapp_webhook: { events: ["project.event"], secret_key: null } },
    status: 200,
  },

  { operationId: "deleteWebhook", params: { path: webhook }, status: 204 },

  { operationId: "testWebhook", params: { path: webhook }, prefer: { example: "sent" }, status: 200 },
  {
    operationId: "testWebhook",
    title: "a given event, in the body",
    params: { path: webhook },
    body: { event_type: "whatsapp.message.received" },
    status: 200,
  },
  {
    operationId: "testWebhook",
    title: "an empty body",
    params: { path: webhook },
    body: {},
    status: 200,
  },
  {
    operationId: "testWebhook",
    title: "event_type is not a string",
    params: { path: webhook },
    body: { event_type: ["whatsapp.message.received"] },
    status: 422,
    messageIncludes: "event_type",
  },

  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listPhoneNumberWebhooks",
    params: { path: phoneNumber },
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listPhoneNumberWebhooks",
    title: "with every filter",
    params: {
      path: phoneNumber,
      query: {
        url_contains: "example.com",
        kind: "kapso",
        active: true,
        created_after: "2026-11-01T00:00:00Z",
        created_before: "2026-12-01T00:00:00Z",
        page: 1,
        per_page: 50,
      },
    },
    status: 200,
  },
  {
    operationId: "listPhoneNumberWebhooks",
    title: "active is not a boolean",
    params: { path: phoneNumber, query: { active: "maybe" } },
    status: 422,
    messageIncludes: "active",
  },

  {
    operationId: "createPhoneNumberWebhook",
    params: { path: phoneNumber },
    body: numberBody,
    prefer: { example: "created" },
    status: 201,
  },
  {
    operationId: "createPhoneNumberWebhook",
    title: "forwarding Meta's raw payloads",
    params: { path: phoneNumber },
    body: {
      whatsapp_webhook: {
        kind: "meta",
        url: "https://example.com/webhooks/meta",
        secret_key: "wh_sec_3kfj9dmfkg8s2",
      },
    },
    status: 201,
  },
  {
    operationId: "createPhoneNumberWebhook",
    title: "without secret_key",
    params: { path: phoneNumber },
    body: {
      whatsapp_webhook: {
        url: "https://example.com/webhooks/messages",
        events: ["whatsapp.message.received"],
      },
    },
    status: 422,
    messageIncludes: "secret_key",
  },
  {
    operationId: "createPhoneNumberWebhook",
    title: "a kapso webhook without events",
    params: { path: phoneNumber },
    body: {
      whatsapp_webhook: { url: "https://example.com/webhooks/messages", secret_key: "wh_sec_3kfj9dmfkg8s2" },
    },
    status: 422,
  },
  {
    operationId: "createPhoneNumberWebhook",
    title: "a kapso webhook with an empty event list",
    params: { path: phoneNumber },
    body: {
      whatsapp_webhook: {
        url: "https://example.com/webhooks/messages",
        secret_key: "wh_sec_3kfj9dmfkg8s2",
        events: [],
      },
    },
    status: 422,
  },
  {
    operationId: "createPhoneNumberWebhook",
    title: "buffer window above 60 seconds",
    params: { path: phoneNumber },
    body: { whatsapp_webhook: { ...numberBody.whatsapp_webhook, buffer_window_seconds: 61 } },
    status: 422,
  },
  {
    operationId: "createPhoneNumberWebhook",
    title: "buffer size above 100",
    params: { path: phoneNumber },
    body: { whatsapp_webhook: { ...numberBody.whatsapp_webhook, max_buffer_size: 101 } },
    status: 422,
  },
  {
    operationId: "createPhoneNumberWebhook",
    title: "inactivity above 1440 minutes",
    params: { path: phoneNumber },
    body: { whatsapp_webhook: { ...numberBody.whatsapp_webhook, inactivity_minutes: 1441 } },
    status: 422,
  },

  {
    operationId: "getPhoneNumberWebhook",
    params: { path: numberWebhook },
    prefer: { example: "webhook" },
    status: 200,
  },

  {
    operationId: "updatePhoneNumberWebhook",
    params: { path: numberWebhook },
    body: { whatsapp_webhook: { buffer_enabled: true, buffer_window_seconds: 5 } },
    prefer: { example: "updated" },
    status: 200,
  },
  {
    operationId: "updatePhoneNumberWebhook",
    title: "buffering off, its settings cleared with null",
    params: { path: numberWebhook },
    body: {
      whatsapp_webhook: {
        buffer_enabled: false,
        buffer_window_seconds: null,
        max_buffer_size: null,
        inactivity_minutes: null,
        headers: null,
      },
    },
    status: 200,
  },

  { operationId: "deletePhoneNumberWebhook", params: { path: numberWebhook }, status: 204 },
];
