import type { ContractCase } from "../contract-case.js";

const byUuid = { identifier: "123e4567-e89b-42d3-a456-426614174000" };
const byWaId = { identifier: "15551234567" };
const byBusinessScopedUserId = { identifier: "US.13491208655302741918" };

export const cases: ContractCase[] = [
  ...["first_page", "last_page", "empty", "legacy_page"].map((example) => ({
    operationId: "listContacts",
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listContacts",
    title: "with every filter and a cursor",
    params: {
      query: {
        customer_id: "550e8400-e29b-41d4-a716-446655440000",
        customer_external_id: "acme-001",
        has_customer: true,
        profile_name_contains: "john",
        wa_id_contains: "555",
        business_scoped_user_id: "US.13491208655302741918",
        created_after: "2026-11-01T00:00:00Z",
        created_before: "2026-11-30T23:59:59Z",
        limit: 20,
        after: "bGFzdF9wYWdl",
      },
    },
    status: 200,
  },
  {
    operationId: "listContacts",
    title: "deprecated page and per_page",
    params: { query: { page: 50, per_page: 100 } },
    status: 200,
  },
  {
    operationId: "listContacts",
    title: "deprecated per_page above 100",
    params: { query: { per_page: 101 } },
    status: 422,
    messageIncludes: "per_page",
  },

  {
    operationId: "createContact",
    title: "a contact linked to a customer",
    body: {
      contact: {
        wa_id: "15551234567",
        profile_name: "John Doe",
        display_name: "John (VIP)",
        customer_id: "550e8400-e29b-41d4-a716-446655440000",
        metadata: { segment: "vip" },
      },
    },
    prefer: { example: "created" },
    status: 201,
  },
  {
    operationId: "createContact",
    title: "only the WhatsApp id",
    body: { contact: { wa_id: "15557654321" } },
    status: 201,
  },
  {
    operationId: "createContact",
    title: "wa_id with a leading +",
    body: { contact: { wa_id: "+15551234567" } },
    status: 201,
  },
  {
    operationId: "createContact",
    title: "wa_id that is not an E.164 number",
    body: { contact: { wa_id: "+1 (555) 123-4567" } },
    status: 422,
  },
  {
    operationId: "createContact",
    title: "no wa_id",
    body: { contact: { profile_name: "John Doe" } },
    status: 422,
  },

  {
    operationId: "getContact",
    title: "by UUID",
    params: { path: byUuid },
    prefer: { example: "contact" },
    status: 200,
  },
  { operationId: "getContact", title: "by wa_id", params: { path: byWaId }, status: 200 },
  {
    operationId: "getContact",
    title: "by business-scoped user id",
    params: { path: byBusinessScopedUserId },
    status: 200,
  },

  {
    operationId: "updateContact",
    title: "set the display name and metadata",
    params: { path: byUuid },
    body: { contact: { display_name: "John (VIP customer)", metadata: { segment: "vip", tier: "premium" } } },
    prefer: { example: "updated" },
    status: 200,
  },
  {
    operationId: "updateContact",
    title: "by wa_id",
    params: { path: byWaId },
    body: { contact: { customer_id: "550e8400-e29b-41d4-a716-446655440000" } },
    status: 200,
  },
  {
    operationId: "updateContact",
    title: "no field to change",
    params: { path: byUuid },
    body: { contact: {} },
    status: 422,
  },

  { operationId: "deleteContact", title: "by UUID", params: { path: byUuid }, status: 204 },
  { operationId: "deleteContact", title: "by wa_id", params: { path: byWaId }, status: 204 },
  {
    operationId: "deleteContact",
    title: "by business-scoped user id",
    params: { path: byBusinessScopedUserId },
    status: 204,
  },
];
