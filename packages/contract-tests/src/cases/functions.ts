import type { ContractCase } from "../contract-case.js";

const fn = { function_id: "8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c01" };
const secret = { ...fn, secret_name: "STRIPE_API_KEY" };

const code = `async function handler(request, env) {
  const { weight } = await request.json();
  return new Response(JSON.stringify({ cost: weight * 0.5 }));
}
`;
const create = {
  body: { function: { name: "Calculate shipping cost", code, function_type: "cloudflare_worker" } },
};
const update = { params: { path: fn }, body: { function: { public_endpoint: true, lock_version: 4 } } };
const invoke = { params: { path: fn }, body: { weight: 5.5, distance: 120, service: "express" } };
const createSecret = {
  params: { path: fn },
  body: { secret: { name: "STRIPE_API_KEY", value: "sk_test_51Hx" } },
};

export const cases: ContractCase[] = [
  ...["functions", "empty"].map((example) => ({
    operationId: "listFunctions",
    prefer: { example },
    status: 200,
  })),

  { operationId: "createFunction", ...create, prefer: { example: "draft" }, status: 201 },
  {
    operationId: "createFunction",
    title: "without a name",
    body: { function: { code, function_type: "cloudflare_worker" } },
    status: 422,
  },
  {
    operationId: "createFunction",
    title: "without a runtime",
    body: { function: { name: "Calculate shipping cost", code } },
    status: 422,
  },

  { operationId: "getFunction", params: { path: fn }, prefer: { example: "deployed" }, status: 200 },

  { operationId: "updateFunction", ...update, prefer: { example: "public" }, status: 200 },
  {
    operationId: "updateFunction",
    title: "stale lock_version",
    ...update,
    prefer: { code: 409 },
    status: 409,
    messageIncludes: "modified by another request",
  },

  { operationId: "deleteFunction", params: { path: fn }, status: 204 },

  { operationId: "deployFunction", params: { path: fn }, prefer: { example: "deploying" }, status: 202 },

  { operationId: "invokeFunction", ...invoke, prefer: { example: "passthrough" }, status: 200 },
  { operationId: "invokeFunction", ...invoke, prefer: { example: "wrapped" }, status: 200 },
  {
    operationId: "invokeFunction",
    title: "a payload that is not an object",
    params: { path: fn },
    body: ["weight", 5.5],
    status: 422,
  },
  {
    operationId: "invokeFunction",
    title: "public function called without X-API-Key",
    ...invoke,
    withoutApiKey: true,
    status: 200,
  },
  {
    operationId: "invokeFunction",
    title: "function not deployed",
    ...invoke,
    prefer: { code: 422 },
    status: 422,
    messageIncludes: "deployed",
  },
  {
    operationId: "invokeFunction",
    title: "the function fails while running",
    ...invoke,
    prefer: { code: 500 },
    status: 500,
    messageIncludes: "failed",
  },

  ...["secrets", "empty"].map((example) => ({
    operationId: "listFunctionSecrets",
    params: { path: fn },
    prefer: { example },
    status: 200,
  })),

  { operationId: "createFunctionSecret", ...createSecret, prefer: { example: "created" }, status: 201 },
  {
    operationId: "createFunctionSecret",
    title: "JSON value",
    params: { path: fn },
    body: { secret: { name: "CRM_CONFIG", value: { base_url: "https://crm.example.com" } } },
    status: 201,
  },
  {
    operationId: "createFunctionSecret",
    title: "unwrapped body",
    params: { path: fn },
    body: { name: "CRM_CONFIG", value: "x" },
    status: 422,
  },
  {
    operationId: "createFunctionSecret",
    title: "lowercase name",
    params: { path: fn },
    body: { secret: { name: "stripe_api_key", value: "sk_test_51Hx" } },
    status: 422,
  },

  { operationId: "deleteFunctionSecret", params: { path: secret }, status: 204 },

  ...["recent", "empty"].map((example) => ({
    operationId: "listFunctionInvocations",
    params: { path: fn },
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listFunctionInvocations",
    title: "failed only, at most 10",
    params: { path: fn, query: { status: "failed", limit: 10 } },
    status: 200,
  },
  {
    operationId: "listFunctionInvocations",
    title: "limit above 20",
    params: { path: fn, query: { limit: 21 } },
    status: 422,
    messageIncludes: "limit",
  },
  {
    operationId: "listFunctionInvocations",
    title: "bad status enum",
    params: { path: fn, query: { status: "error" } },
    status: 422,
    messageIncludes: "status",
  },
];
