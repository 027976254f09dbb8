import type { ContractCase } from "../contract-case.js";

const customer = { customer_id: "c0a8f1e2-3b4c-4d5e-8f60-7a8b9c0d1e01" };

export const cases: ContractCase[] = [
  {
    operationId: "updateCustomer",
    params: { path: customer },
    body: { customer: { name: "Acme Corporation" } },
    prefer: { example: "renamed" },
    status: 200,
  },
  {
    operationId: "updateCustomer",
    title: "clearing the external id with null",
    params: { path: customer },
    body: { customer: { external_customer_id: null } },
    status: 200,
  },
  {
    operationId: "updateCustomer",
    title: "without the customer wrapper",
    params: { path: customer },
    body: { name: "Acme Corporation" },
    status: 422,
    messageIncludes: "customer",
  },
  {
    operationId: "updateCustomer",
    title: "an unknown customer",
    params: { path: customer },
    body: { customer: { name: "Acme Corporation" } },
    prefer: { code: 404 },
    status: 404,
    messageIncludes: "not found",
  },

  { operationId: "deleteCustomer", params: { path: customer }, status: 204 },
  {
    operationId: "deleteCustomer",
    title: "customer_id is not a UUID",
    params: { path: { customer_id: "acme-001" } },
    status: 422,
    messageIncludes: "customer_id",
  },
  {
    operationId: "deleteCustomer",
    title: "without X-API-Key",
    params: { path: customer },
    withoutApiKey: true,
    status: 401,
  },
];
