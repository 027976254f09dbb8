import type { ContractCase } from "../contract-case.js";

const account = { waba_id: "102290129340398" };
const portfolio = { portfolio_id: "823380597459265" };
const window = { start_time: "2026-11-12T00:00:00Z", end_time: "2026-11-13T00:00:00Z" };
const ensure = { business_portfolio_id: "823380597459265" };
const idempotency = { "Idempotency-Key": "stop-funding-823380597459265" };
const operation = { ...portfolio, operation_id: "2a2c446c-87c2-4f8a-ae74-aef1819e0301" };

export const cases: ContractCase[] = [
  ...["funded", "own_payment_method"].map((example) => ({
    operationId: "getWhatsappAccountFunding",
    params: { path: account },
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "getWhatsappAccountFunding",
    title: "an account the project cannot see",
    params: { path: account },
    prefer: { code: 404 },
    status: 404,
    messageIncludes: "not found",
  },

  {
    operationId: "ensureWhatsappAccountFunding",
    params: { path: account },
    body: ensure,
    prefer: { example: "already_funded" },
    status: 200,
  },
  {
    operationId: "ensureWhatsappAccountFunding",
    params: { path: account },
    body: ensure,
    prefer: { code: 202, example: "run_pending" },
    status: 202,
  },
  {
    operationId: "ensureWhatsappAccountFunding",
    title: "without business_portfolio_id",
    params: { path: account },
    body: {},
    status: 422,
    messageIncludes: "business_portfolio_id",
  },
  {
    operationId: "ensureWhatsappAccountFunding",
    title: "a portfolio id that is not digits",
    params: { path: account },
    body: { business_portfolio_id: "acme-portfolio" },
    status: 422,
    messageIncludes: "business_portfolio_id",
  },
  {
    operationId: "ensureWhatsappAccountFunding",
    title: "an invalid id, as the API reports it",
    params: { path: account },
    body: ensure,
    prefer: { code: 400 },
    status: 400,
    messageIncludes: "digits only",
  },
  {
    operationId: "ensureWhatsappAccountFunding",
    title: "the account belongs to another portfolio",
    params: { path: account },
    body: ensure,
    prefer: { code: 409 },
    status: 409,
    messageIncludes: "another portfolio",
  },
  {
    operationId: "ensureWhatsappAccountFunding",
    title: "Meta cannot confirm access",
    params: { path: account },
    body: ensure,
    prefer: { code: 502 },
    status: 502,
    messageIncludes: "Meta could not confirm access",
  },
  {
    operationId: "ensureWhatsappAccountFunding",
    title: "the service is busy",
    params: { path: account },
    body: ensure,
    prefer: { code: 503 },
    status: 503,
    messageIncludes: "temporarily unavailable",
  },

  ...["usage", "nothing_recorded"].map((example) => ({
    operationId: "getWhatsappAccountUsage",
    params: { path: account, query: window },
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "getWhatsappAccountUsage",
    title: "without end_time",
    params: { path: account, query: { start_time: window.start_time } },
    status: 422,
    messageIncludes: "end_time",
  },
  {
    operationId: "getWhatsappAccountUsage",
    title: "start_time is not a date-time",
    params: { path: account, query: { ...window, start_time: "yesterday" } },
    status: 422,
    messageIncludes: "start_time",
  },
  {
    operationId: "getWhatsappAccountUsage",
    title: "a window longer than 31 days, as the API reports it",
    params: { path: account, query: { ...window, end_time: "2027-01-31T00:00:00Z" } },
    prefer: { code: 400 },
    status: 400,
    messageIncludes: "at most 31 days",
  },

  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listWhatsappPortfolioAccounts",
    params: { path: portfolio },
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listWhatsappPortfolioAccounts",
    title: "limit 101",
    params: { path: portfolio, query: { limit: 101 } },
    status: 422,
    messageIncludes: "limit",
  },
  {
    operationId: "listWhatsappPortfolioAccounts",
    title: "a cursor the API does not know",
    params: { path: portfolio, query: { after: "bm90LWEtY3Vyc29y" } },
    prefer: { code: 400 },
    status: 400,
    messageIncludes: "Invalid cursor",
  },

  ...["usage", "nothing_recorded"].map((example) => ({
    operationId: "getWhatsappPortfolioUsage",
    params: { path: portfolio, query: window },
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "getWhatsappPortfolioUsage",
    title: "without start_time",
    params: { path: portfolio, query: { end_time: window.end_time } },
    status: 422,
    messageIncludes: "start_time",
  },

  {
    operationId: "revokeWhatsappPortfolioFunding",
    params: { path: portfolio, header: idempotency },
    prefer: { example: "queued" },
    status: 202,
  },
  {
    operationId: "revokeWhatsappPortfolioFunding",
    title: "without Idempotency-Key",
    params: { path: portfolio },
    status: 422,
    messageIncludes: "idempotency-key",
  },
  {
    operationId: "revokeWhatsappPortfolioFunding",
    title: "the key was used for another portfolio",
    params: { path: portfolio, header: idempotency },
    prefer: { code: 409 },
    status: 409,
    messageIncludes: "another portfolio",
  },
  {
    operationId: "revokeWhatsappPortfolioFunding",
    title: "the queue is unavailable",
    params: { path: portfolio, header: idempotency },
    prefer: { code: 503 },
    status: 503,
    messageIncludes: "same Idempotency-Key",
  },

  ...["succeeded", "running"].map((example) => ({
    operationId: "getWhatsappPortfolioFundingOperation",
    params: { path: operation },
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "getWhatsappPortfolioFundingOperation",
    title: "operation_id is not a UUID",
    params: { path: { ...operation, operation_id: "latest" } },
    status: 422,
    messageIncludes: "operation_id",
  },
];
