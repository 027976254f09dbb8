import type { ContractCase } from "../contract-case.js";

const customer = { customer_id: "c0a8f1e2-3b4c-4d5e-8f60-7a8b9c0d1e01" };
const newCustomer = { customer: { name: "Acme Retail", external_customer_id: "acme-001" } };

export const cases: ContractCase[] = [
  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listCustomers",
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listCustomers",
    title: "second page of 50",
    params: { query: { page: 2, per_page: 50 } },
    status: 200,
  },
  {
    operationId: "listCustomers",
    title: "without X-API-Key",
    withoutApiKey: true,
    status: 401,
  },
  {
    operationId: "listCustomers",
    title: "filtered by name, external id and creation time",
    params: {
      query: {
        name_contains: "Acme",
        external_customer_id: "acme-001",
        created_after: "2026-11-01T00:00:00Z",
        created_before: "2026-12-01T00:00:00Z",
      },
    },
    status: 200,
  },
  {
    operationId: "listCustomers",
    title: "per_page 0",
    params: { query: { per_page: 0 } },
    status: 422,
    messageIncludes: "per_page",
  },
  {
    operationId: "listCustomers",
    title: "created_after is not a date-time",
    params: { query: { created_after: "last week" } },
    status: 422,
    messageIncludes: "created_after",
  },
  {
    operationId: "listCustomers",
    title: "page 0",
    params: { query: { page: 0 } },
    status: 422,
    messageIncludes: "page",
  },

  { operationId: "createCustomer", body: newCustomer, prefer: { example: "created" }, status: 201 },
  {
    operationId: "createCustomer",
    title: "without external_customer_id",
    body: { customer: { name: "Initech" } },
    status: 201,
  },
  {
    operationId: "createCustomer",
    title: "with a null external_customer_id",
    body: { customer: { name: "Initech", external_customer_id: null } },
    status: 201,
  },
  {
    operationId: "createCustomer",
    title: "without name",
    body: { customer: { external_customer_id: "acme-001" } },
    status: 422,
    messageIncludes: "name",
  },

  { operationId: "getCustomer", params: { path: customer }, prefer: { example: "customer" }, status: 200 },
  {
    operationId: "getCustomer",
    title: "customer_id is not a UUID",
    params: { path: { customer_id: "acme-001" } },
    status: 422,
  },
];
