import type { ContractCase } from "../contract-case.js";

export const cases: ContractCase[] = [
  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listApiLogs",
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listApiLogs",
    title: "errors of the last 7 days on one endpoint",
    params: {
      query: {
        endpoint: "/whatsapp/messages",
        status_code: 429,
        errors_only: true,
        period: "7d",
        limit: 100,
        after: "bGFzdF9wYWdl",
      },
    },
    status: 200,
  },
  {
    operationId: "listApiLogs",
    title: "period outside the enum",
    params: { query: { period: "1y" } },
    status: 422,
    messageIncludes: "period",
  },
  {
    operationId: "listApiLogs",
    title: "status code that is not an integer",
    params: { query: { status_code: "not-a-status" } },
    status: 422,
    messageIncludes: "status_code",
  },

  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listWebhookDeliveries",
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listWebhookDeliveries",
    title: "failed deliveries of one webhook in the last 30 days",
    params: {
      query: {
        status: "failed",
        event: "whatsapp.message.received",
        webhook_id: "7e8f90a1-b2c3-4d4e-9f5a-6b7c8d9e0f01",
        errors_only: true,
        period: "30d",
        limit: 10,
        before: "Zmlyc3RfcGFnZQ==",
      },
    },
    status: 200,
  },
  {
    operationId: "listWebhookDeliveries",
    title: "status outside the enum",
    params: { query: { status: "bounced" } },
    status: 422,
    messageIncludes: "status",
  },
  {
    operationId: "listWebhookDeliveries",
    title: "webhook id that is not a UUID",
    params: { query: { webhook_id: "hook-1" } },
    status: 422,
    messageIncludes: "webhook_id",
  },
];
