import type { ContractCase } from "../contract-case.js";

const customer = { customer_id: "c0a8f1e2-3b4c-4d5e-8f60-7a8b9c0d1e01" };
const defaults = { setup_link: {} };

export const cases: ContractCase[] = [
  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listSetupLinks",
    params: { path: customer },
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listSetupLinks",
    title: "with every filter",
    params: {
      path: customer,
      query: {
        status: "active",
        created_after: "2026-11-01T00:00:00Z",
        created_before: "2026-11-30T23:59:59Z",
        page: 1,
        per_page: 100,
      },
    },
    status: 200,
  },
  {
    operationId: "listSetupLinks",
    title: "unknown status",
    params: { path: customer, query: { status: "pending" } },
    status: 422,
    messageIncludes: "status",
  },

  {
    operationId: "createSetupLink",
    params: { path: customer },
    body: defaults,
    prefer: { example: "created" },
    status: 201,
  },
  {
    operationId: "createSetupLink",
    title: "without the setup_link object",
    params: { path: customer },
    body: {},
    status: 422,
    messageIncludes: "setup_link",
  },
  {
    operationId: "createSetupLink",
    title: "with every setting",
    params: { path: customer },
    body: {
      setup_link: {
        success_redirect_url: "https://example.com/whatsapp/success",
        failure_redirect_url: "https://example.com/whatsapp/failed",
        allowed_connection_types: ["coexistence", "dedicated"],
        theme_config: { primary_color: "#3b82f6", destructive_foreground_color: "#fef2f2" },
        provision_phone_number: true,
        phone_number_area_code: "415",
        phone_number_country_isos: ["US"],
        allowed_origins: ["https://app.example.com"],
        meta_billing_mode: "partner_managed",
        language: "es",
      },
    },
    status: 201,
  },
  {
    operationId: "createSetupLink",
    title: "reconnecting a number, nulls where allowed",
    params: { path: customer },
    body: {
      setup_link: {
        reconnect_phone_number: "+14155550100",
        success_redirect_url: null,
        failure_redirect_url: null,
        phone_number_area_code: null,
        theme_config: null,
        language: null,
      },
    },
    status: 201,
  },
  {
    operationId: "createSetupLink",
    title: "unknown Meta billing mode",
    params: { path: customer },
    body: { setup_link: { meta_billing_mode: "kapso" } },
    status: 422,
    messageIncludes: "meta_billing_mode",
  },
  {
    operationId: "createSetupLink",
    title: "unknown language",
    params: { path: customer },
    body: { setup_link: { language: "fr" } },
    status: 422,
    messageIncludes: "language",
  },
  {
    operationId: "createSetupLink",
    title: "unknown connection type",
    params: { path: customer },
    body: { setup_link: { allowed_connection_types: ["shared"] } },
    status: 422,
  },
  {
    operationId: "createSetupLink",
    title: "color not in #RRGGBB",
    params: { path: customer },
    body: { setup_link: { theme_config: { primary_color: "blue" } } },
    status: 422,
  },
];
