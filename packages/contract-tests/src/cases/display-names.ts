import type { ContractCase } from "../contract-case.js";

const phoneNumber = { phone_number_id: "1234567890" };
const request = { ...phoneNumber, request_id: "2b0f4a1e-7a58-4a15-b0c9-0d7f1a2b3c02" };

export const cases: ContractCase[] = [
  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listWhatsappDisplayNameRequests",
    params: { path: phoneNumber },
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listWhatsappDisplayNameRequests",
    title: "per_page 0",
    params: { path: phoneNumber, query: { per_page: 0 } },
    status: 422,
    messageIncludes: "per_page",
  },
  {
    operationId: "listWhatsappDisplayNameRequests",
    title: "a Kapso UUID instead of Meta's phone number id",
    params: { path: { phone_number_id: "4a5b6c7d-8e9f-4a1b-8c3d-4e5f6a7b8c01" } },
    status: 422,
    messageIncludes: "phone_number_id",
  },
  {
    operationId: "listWhatsappDisplayNameRequests",
    title: "an unknown number",
    params: { path: phoneNumber },
    prefer: { code: 404 },
    status: 404,
    messageIncludes: "not found",
  },

  ...["pending_review", "without_review"].map((example) => ({
    operationId: "createWhatsappDisplayNameRequest",
    params: { path: phoneNumber },
    body: { display_name_request: { new_display_name: "Acme Help Desk" } },
    prefer: { example },
    status: 201,
  })),
  {
    operationId: "createWhatsappDisplayNameRequest",
    title: "without new_display_name",
    params: { path: phoneNumber },
    body: { display_name_request: {} },
    status: 422,
    messageIncludes: "new_display_name",
  },
  {
    operationId: "createWhatsappDisplayNameRequest",
    title: "a name longer than 256 characters",
    params: { path: phoneNumber },
    body: { display_name_request: { new_display_name: "A".repeat(257) } },
    status: 422,
    messageIncludes: "new_display_name",
  },

  ...["applied", "declined"].map((example) => ({
    operationId: "getWhatsappDisplayNameRequest",
    params: { path: request },
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "getWhatsappDisplayNameRequest",
    title: "request_id is not a UUID",
    params: { path: { ...request, request_id: "latest" } },
    status: 422,
    messageIncludes: "request_id",
  },
  {
    operationId: "getWhatsappDisplayNameRequest",
    title: "without X-API-Key",
    params: { path: request },
    withoutApiKey: true,
    status: 401,
  },
];
