import type { ContractCase } from "../contract-case.js";

/** Phone numbers are addressed by Meta's numeric `phone_number_id`, not by a UUID. */
const phoneNumber = { phone_number_id: "1234567890" };
const customer = { customer_id: "c0a8f1e2-3b4c-4d5e-8f60-7a8b9c0d1e01" };
const connectBody = {
  whatsapp_phone_number: {
    name: "Support line",
    kind: "production",
    phone_number_id: "1234567890",
    business_account_id: "98765432109",
    access_token: "EAAB-example-long-lived-token",
    webhook_destination_url: "https://example.com/webhooks/whatsapp",
    webhook_verify_token: "example-verify-token",
    inbound_processing_enabled: true,
    calls_enabled: false,
  },
};
const updateBody = { whatsapp_phone_number: { access_token: "EAAB-example-new-token" } };

export const cases: ContractCase[] = [
  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listPhoneNumbers",
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listPhoneNumbers",
    title: "with every filter",
    params: {
      query: {
        customer_id: customer.customer_id,
        phone_number_id: "1234567890",
        business_account_id: "98765432109",
        messaging_enabled: true,
        name_contains: "Support",
        created_after: "2026-11-01T00:00:00Z",
        created_before: "2026-12-01T00:00:00Z",
      },
    },
    status: 200,
  },
  {
    operationId: "listPhoneNumbers",
    title: "customer_id is not a UUID",
    params: { query: { customer_id: "acme" } },
    status: 422,
    messageIncludes: "customer_id",
  },
  {
    operationId: "listPhoneNumbers",
    title: "messaging_enabled is not a boolean",
    params: { query: { messaging_enabled: "sometimes" } },
    status: 422,
    messageIncludes: "messaging_enabled",
  },

  {
    operationId: "getPhoneNumber",
    params: { path: phoneNumber },
    prefer: { example: "phone_number" },
    status: 200,
  },
  {
    operationId: "getPhoneNumber",
    title: "phone_number_id is not numeric",
    params: { path: { phone_number_id: "4a5b6c7d-8e9f-4a1b-8c3d-4e5f6a7b8c01" } },
    status: 422,
  },

  {
    operationId: "updatePhoneNumber",
    params: { path: phoneNumber },
    body: updateBody,
    prefer: { example: "updated" },
    status: 200,
  },
  {
    operationId: "updatePhoneNumber",
    title: "body not wrapped in whatsapp_phone_number",
    params: { path: phoneNumber },
    body: { access_token: "EAAB-example-new-token" },
    status: 422,
  },
  {
    operationId: "updatePhoneNumber",
    title: "every setting, forwarding stopped with null",
    params: { path: phoneNumber },
    body: {
      whatsapp_phone_number: {
        name: "Support line",
        kind: "production",
        phone_number_id: "1234567890",
        business_account_id: "98765432109",
        access_token: "EAAB-example-new-token",
        webhook_verify_token: null,
        webhook_destination_url: null,
        inbound_processing_enabled: false,
        calls_enabled: true,
      },
    },
    status: 200,
  },
  {
    operationId: "updatePhoneNumber",
    title: "unknown kind",
    params: { path: phoneNumber },
    body: { whatsapp_phone_number: { kind: "staging" } },
    status: 422,
    messageIncludes: "kind",
  },

  ...["healthy", "degraded", "token_backoff", "error"].map((example) => ({
    operationId: "getPhoneNumberHealth",
    params: { path: phoneNumber },
    prefer: { example },
    status: 200,
  })),

  {
    operationId: "connectPhoneNumber",
    params: { path: customer },
    body: connectBody,
    prefer: { code: 201, example: "connected" },
    status: 201,
  },
  {
    operationId: "connectPhoneNumber",
    title: "a sandbox number",
    params: { path: customer },
    body: {
      whatsapp_phone_number: {
        name: "Test number",
        kind: "sandbox",
        phone_number_id: "sandbox",
        business_account_id: "sandbox",
        access_token: "sandbox",
      },
    },
    status: 201,
  },
  {
    operationId: "connectPhoneNumber",
    title: "without access_token",
    params: { path: customer },
    body: {
      whatsapp_phone_number: {
        name: "Support line",
        phone_number_id: "1234567890",
        business_account_id: "98765432109",
      },
    },
    status: 422,
    messageIncludes: "access_token",
  },
  {
    operationId: "connectPhoneNumber",
    title: "without name",
    params: { path: customer },
    body: {
      whatsapp_phone_number: {
        phone_number_id: "1234567890",
        business_account_id: "98765432109",
        access_token: "EAAB-example-long-lived-token",
      },
    },
    status: 422,
    messageIncludes: "name",
  },
];
