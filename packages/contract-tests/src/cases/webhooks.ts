import type { ContractCase } from "../contract-case.js";

const webhook = { webhook_id: "9e8d7c6b-5a4f-4e2d-8c0b-9a8f7e6d5c01" };
const phoneNumber = { phone_number_id: "1234567890" };
const numberWebhook = { ...phoneNumber, webhook_id: "9e8d7c6b-5a4f-4e2d-8c0b-9a8f7e6d5c02" };

const projectBody = {
  whatsapp_webhook: {
    url: "https://example.com/webhooks/kapso",
    events: ["whatsapp.phone_number.created", "workflow.execution.failed"],
    active: true,
    payload_version: "v2",
  },
};
const numberBody = {
  whatsapp_webhook: {
    url: "https://example.com/webhooks/messages",
    kind: "kapso",
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
    title: "a message event on a project-level webhook",
    body: {
      whatsapp_webhook: { url: "https://example.com/webhooks/kapso", events: ["whatsapp.message.received"] },
    },
    status: 422,
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
    title: "payload_version v3",
    params: { path: webhook },
    body: { whatsapp_webhook: { payload_version: "v3" } },
    status: 422,
  },

  { operationId: "deleteWebhook", params: { path: webhook }, status: 204 },

  { operationId: "testWebhook", params: { path: webhook }, prefer: { example: "sent" }, status: 200 },
  {
    operationId: "testWebhook",
    title: "a given event",
    params: { path: webhook, query: { event_type: "whatsapp.message.received" } },
    status: 200,
  },
  {
    operationId: "testWebhook",
    title: "unknown event",
    params: { path: webhook, query: { event_type: "whatsapp.message.deleted" } },
    status: 422,
  },

  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listPhoneNumberWebhooks",
    params: { path: phoneNumber },
    prefer: { example },
    status: 200,
  })),

  {
    operationId: "createPhoneNumberWebhook",
    params: { path: phoneNumber },
    body: numberBody,
    prefer: { example: "created" },
    status: 201,
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

  { operationId: "deletePhoneNumberWebhook", params: { path: numberWebhook }, status: 204 },
];
