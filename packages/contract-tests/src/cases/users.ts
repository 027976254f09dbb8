import type { ContractCase } from "../contract-case.js";

export const cases: ContractCase[] = [
  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listUsers",
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listUsers",
    title: "per_page 0",
    params: { query: { per_page: 0 } },
    status: 422,
    messageIncludes: "per_page",
  },
  {
    operationId: "listUsers",
    title: "page is not a number",
    params: { query: { page: "last" } },
    status: 422,
    messageIncludes: "page",
  },
  { operationId: "listUsers", title: "without X-API-Key", withoutApiKey: true, status: 401 },
];
