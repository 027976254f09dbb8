import type { ContractCase } from "../contract-case.js";

const flow = { flow_id: "3c90c3cc-0d44-4b50-8888-8dd257360501" };
const version = { ...flow, version_id: "4d5e6f70-8192-4a3b-8c4d-5e6f70819201" };
const flowJson = {
  version: "7.2",
  screens: [{ id: "WELCOME", title: "Book an appointment", terminal: true }],
};
const createBody = {
  phone_number_id: "1234567890",
  name: "Appointment booking",
  flow_json: flowJson,
  publish: false,
};
const forNumber = { phone_number_id: "1234567890" };

const dataEndpointCode = { code: "async function handler(request, env) { return new Response('{}'); }" };

/** The success case of an operation on one Flow with a single named example. */
function flowCases(operationId: string, example: string, request: Partial<ContractCase> = {}, status = 200) {
  return [{ operationId, params: { path: flow }, ...request, prefer: { example }, status }];
}

export const cases: ContractCase[] = [
  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listWhatsappFlows",
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listWhatsappFlows",
    title: "with every filter",
    params: {
      query: {
        status: "draft",
        business_account_id: "98765432109",
        phone_number_id: "1234567890",
        name_contains: "booking",
        created_after: "2026-11-01T00:00:00Z",
        created_before: "2026-11-30T23:59:59Z",
        page: 1,
        per_page: 10,
      },
    },
    status: 200,
  },
  {
    operationId: "listWhatsappFlows",
    title: "status outside the enum",
    params: { query: { status: "archived" } },
    status: 422,
    messageIncludes: "status",
  },

  { operationId: "createWhatsappFlow", body: createBody, prefer: { example: "created" }, status: 201 },
  {
    operationId: "createWhatsappFlow",
    title: "only phone_number_id (generated name, welcome screen)",
    body: forNumber,
    status: 201,
  },
  {
    operationId: "createWhatsappFlow",
    title: "without phone_number_id",
    body: { name: "Appointment booking" },
    status: 422,
    messageIncludes: "phone_number_id",
  },

  ...flowCases("getWhatsappFlow", "flow"),
  {
    operationId: "getWhatsappFlow",
    title: "flow_id is not a UUID",
    params: { path: { flow_id: "flow-123" } },
    status: 422,
  },
  ...flowCases("publishWhatsappFlow", "published", { body: forNumber }),
  { operationId: "publishWhatsappFlow", title: "without a body", params: { path: flow }, status: 200 },

  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listWhatsappFlowVersions",
    params: { path: flow },
    prefer: { example },
    status: 200,
  })),
  ...flowCases("createWhatsappFlowVersion", "created", { body: { flow_json: flowJson } }, 201),
  {
    operationId: "createWhatsappFlowVersion",
    title: "without flow_json",
    params: { path: flow },
    body: forNumber,
    status: 422,
  },

  {
    operationId: "getWhatsappFlowVersion",
    params: { path: version },
    prefer: { example: "version" },
    status: 200,
  },

  ...flowCases("setupWhatsappFlowEncryption", "configured", { body: forNumber }),
  {
    operationId: "setupWhatsappFlowEncryption",
    title: "already configured, without a body",
    params: { path: flow },
    prefer: { example: "already_configured" },
    status: 200,
  },
  ...flowCases("getWhatsappFlowDataEndpoint", "deployed"),
  ...flowCases("upsertWhatsappFlowDataEndpoint", "saved", { body: dataEndpointCode }, 200),
  {
    operationId: "upsertWhatsappFlowDataEndpoint",
    title: "without code",
    params: { path: flow },
    body: {},
    status: 422,
    messageIncludes: "code",
  },
  ...flowCases(
    "attachWhatsappFlowDataEndpoint",
    "attached",
    { body: { function_id: "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f02" } },
    200,
  ),
  {
    operationId: "attachWhatsappFlowDataEndpoint",
    title: "attached, but the published Flow was not republished",
    params: { path: flow },
    body: { function_id: "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f02" },
    prefer: { example: "republish_failed" },
    status: 200,
  },
  {
    operationId: "attachWhatsappFlowDataEndpoint",
    title: "function_id is not a UUID",
    params: { path: flow },
    body: { function_id: "" },
    status: 422,
    messageIncludes: "function_id",
  },
  ...flowCases("deployWhatsappFlowDataEndpoint", "deployed"),
  ...flowCases("registerWhatsappFlowDataEndpoint", "registered"),

  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listWhatsappFlowResponses",
    params: { path: flow },
    prefer: { example },
    status: 200,
  })),

  ...flowCases("getWhatsappFlowFunctionInvocations", "invocations"),
  {
    operationId: "getWhatsappFlowFunctionInvocations",
    title: "failed calls only, at most 20",
    params: { path: flow, query: { status: "failed", limit: 20 } },
    status: 200,
  },
  {
    operationId: "getWhatsappFlowFunctionInvocations",
    title: "limit above 20",
    params: { path: flow, query: { limit: 21 } },
    status: 422,
    messageIncludes: "limit",
  },
  ...flowCases("getWhatsappFlowFunctionLogs", "logs"),
  {
    operationId: "getWhatsappFlowFunctionLogs",
    title: "at most 50 lines",
    params: { path: flow, query: { limit: 50 } },
    status: 200,
  },
  {
    operationId: "getWhatsappFlowFunctionLogs",
    title: "limit above 50",
    params: { path: flow, query: { limit: 51 } },
    status: 422,
    messageIncludes: "limit",
  },
];
