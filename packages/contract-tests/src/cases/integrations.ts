import type { ContractCase } from "../contract-case.js";

const integration = { integration_id: "3c90c3cc-0d44-4b50-8888-8dd25736052a" };
const action = { action_id: "slack-send-message" };

/** The success case of an operation, with its named example. */
function withExample(base: Omit<ContractCase, "status" | "prefer">, example: string, status: number) {
  return [{ ...base, prefer: { example }, status }];
}

export const cases: ContractCase[] = [
  ...withExample({ operationId: "listIntegrations" }, "integrations", 200),
  ...withExample(
    {
      operationId: "createIntegration",
      body: {
        action_id: "slack-send-message",
        app_slug: "slack",
        app_name: "Slack",
        account_id: "apn_k7Lm2Qx",
        name: "Notify sales",
        configured_props: { channel: "#ventas", text: "{{message}}" },
        variable_definitions: { message: "string" },
      },
    },
    "created",
    201,
  ),
  {
    operationId: "createIntegration",
    title: "without the optional account_id",
    body: { action_id: "slack-send-message", app_slug: "slack" },
    status: 201,
  },
  {
    operationId: "createIntegration",
    title: "no app_slug",
    body: { action_id: "slack-send-message" },
    status: 422,
  },
  ...withExample(
    { operationId: "updateIntegration", params: { path: integration }, body: { name: "Notify sales team" } },
    "updated",
    200,
  ),
  {
    operationId: "updateIntegration",
    title: "no field to change",
    params: { path: integration },
    body: {},
    status: 422,
  },
  { operationId: "deleteIntegration", params: { path: integration }, status: 204 },
  {
    operationId: "deleteIntegration",
    title: "integration id that is not a UUID",
    params: { path: { integration_id: "slack" } },
    status: 422,
    messageIncludes: "integration_id",
  },

  ...withExample({ operationId: "listIntegrationApps" }, "entries", 200),
  ...withExample(
    {
      operationId: "listIntegrationActions",
      params: { query: { query: "send slack message", app_slug: "slack" } },
    },
    "entries",
    200,
  ),
  ...withExample(
    { operationId: "listIntegrationAccounts", params: { query: { app_slug: "slack" } } },
    "accounts",
    200,
  ),
  {
    operationId: "listIntegrationAccounts",
    title: "filtered with the app alias",
    params: { query: { app: "slack" } },
    status: 200,
  },
  ...withExample({ operationId: "createIntegrationConnectToken", body: { app_slug: "slack" } }, "token", 200),
  { operationId: "createIntegrationConnectToken", title: "without a body", status: 200 },
  ...withExample({ operationId: "getIntegrationActionSchema", params: { path: action } }, "schema", 200),
  ...withExample(
    {
      operationId: "configureIntegrationActionProp",
      params: { path: action },
      body: { prop_name: "channel", configured_props: { slack: { authProvisionId: "apn_k7Lm2Qx" } } },
    },
    "options",
    200,
  ),
  {
    operationId: "configureIntegrationActionProp",
    title: "no prop_name",
    params: { path: action },
    body: { configured_props: { slack: { authProvisionId: "apn_k7Lm2Qx" } } },
    status: 422,
  },
  ...withExample(
    {
      operationId: "reloadIntegrationActionProps",
      params: { path: action },
      body: { configured_props: { slack: { authProvisionId: "apn_k7Lm2Qx" } }, dynamic_props_id: null },
    },
    "props",
    200,
  ),
  ...withExample({ operationId: "listProviderModels" }, "models", 200),
];
