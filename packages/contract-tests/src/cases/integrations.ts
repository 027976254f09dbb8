import type { ContractCase } from "../contract-case.js";

const integration = { integration_id: "3c90c3cc-0d44-4b50-8888-8dd25736052a" };
const action = { action_id: "slack-send-message" };

/** The success example of an operation, requested by name. */
function namedSuccess(base: Omit<ContractCase, "status" | "prefer">, example: string, status: number) {
  return [{ ...base, prefer: { example }, status }];
}

export const cases: ContractCase[] = [
  ...namedSuccess({ operationId: "listIntegrations" }, "integrations", 200),
  ...namedSuccess(
    {
      operationId: "createIntegration",
      body: {
        action_id: "slack-send-message",
        app_slug: "slack",
        account_id: "apn_abc123",
        name: "Notify sales",
        configured_props: { account_id: "apn_abc123", channel: "C0123456789" },
      },
    },
    "created",
    201,
  ),
  {
    operationId: "createIntegration",
    title: "no account_id",
    body: { action_id: "slack-send-message", app_slug: "slack" },
    status: 422,
  },
  ...namedSuccess(
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

  ...namedSuccess({ operationId: "listIntegrationApps" }, "entries", 200),
  ...namedSuccess(
    {
      operationId: "listIntegrationActions",
      params: { query: { query: "send slack message", app_slug: "slack" } },
    },
    "entries",
    200,
  ),
  ...namedSuccess(
    { operationId: "listIntegrationAccounts", params: { query: { app_slug: "slack" } } },
    "entries",
    200,
  ),
  ...namedSuccess(
    { operationId: "createIntegrationConnectToken", body: { app_slug: "slack" } },
    "token",
    200,
  ),
  ...namedSuccess({ operationId: "getIntegrationActionSchema", params: { path: action } }, "schema", 200),
  ...namedSuccess(
    {
      operationId: "configureIntegrationActionProp",
      params: { path: action },
      body: { prop_name: "channel", configured_props: { account_id: "apn_abc123" } },
    },
    "options",
    200,
  ),
  {
    operationId: "configureIntegrationActionProp",
    title: "no prop_name",
    params: { path: action },
    body: { configured_props: { account_id: "apn_abc123" } },
    status: 422,
  },
  ...namedSuccess(
    {
      operationId: "reloadIntegrationActionProps",
      params: { path: action },
      body: { configured_props: { account_id: "apn_abc123" }, dynamic_props_id: null },
    },
    "props",
    200,
  ),
  ...namedSuccess({ operationId: "listProviderModels" }, "models", 200),
];
