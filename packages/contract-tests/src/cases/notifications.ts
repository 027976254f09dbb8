import type { ContractCase } from "../contract-case.js";

const destination = { destination_id: "6f708192-0314-42d5-b6e7-f8091a2b3c4d" };
const route = { id: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d" };
const opsInbox = { kind: "shared_email", address: "ops@example.com", label: "Ops inbox" };
const findingsToInbox = { destination_id: destination.destination_id, event_key: "findings.detected" };

export const cases: ContractCase[] = [
  { operationId: "listNotificationEventTypes", prefer: { example: "event_types" }, status: 200 },
  {
    operationId: "listNotificationEventTypes",
    title: "without X-API-Key",
    withoutApiKey: true,
    status: 401,
  },

  ...["destinations", "empty"].map((example) => ({
    operationId: "listNotificationDestinations",
    prefer: { example },
    status: 200,
  })),

  {
    operationId: "createNotificationDestination",
    body: opsInbox,
    prefer: { example: "pending" },
    status: 201,
  },
  {
    operationId: "createNotificationDestination",
    title: "without a label",
    body: { kind: "shared_email", address: "alerts@example.com" },
    status: 201,
  },
  {
    operationId: "createNotificationDestination",
    title: "a Slack channel, refused by the API",
    body: opsInbox,
    prefer: { code: 400 },
    status: 400,
    messageIncludes: "Slack channels",
  },
  {
    operationId: "createNotificationDestination",
    title: "kind slack_channel, outside the enum",
    body: { kind: "slack_channel", address: "C0123456789" },
    status: 422,
    messageIncludes: "kind",
  },
  {
    operationId: "createNotificationDestination",
    title: "without address",
    body: { kind: "shared_email" },
    status: 422,
    messageIncludes: "address",
  },
  ...["member_address", "suppressed_address"].map((example) => ({
    operationId: "createNotificationDestination",
    title: `refused: ${example}`,
    body: opsInbox,
    prefer: { code: 422, example },
    status: 422,
  })),

  { operationId: "deleteNotificationDestination", params: { path: destination }, status: 204 },
  {
    operationId: "deleteNotificationDestination",
    title: "unknown destination, no body",
    params: { path: destination },
    prefer: { code: 404 },
    status: 404,
    messageIncludes: "Kapso API 404",
  },
  {
    operationId: "deleteNotificationDestination",
    title: "destination_id is not a UUID",
    params: { path: { destination_id: "ops@example.com" } },
    status: 422,
  },

  ...["routes", "empty"].map((example) => ({
    operationId: "listNotificationRoutes",
    prefer: { example },
    status: 200,
  })),

  {
    operationId: "upsertNotificationRoute",
    body: findingsToInbox,
    prefer: { example: "route" },
    status: 200,
  },
  ...[
    ["unknown", "Unknown notification event"],
    ["internal", "not available through the Platform API"],
  ].map(([example, message]) => ({
    operationId: "upsertNotificationRoute",
    title: `event key refused: ${example}`,
    body: findingsToInbox,
    prefer: { code: 400, example },
    status: 400,
    messageIncludes: message,
  })),
  {
    operationId: "upsertNotificationRoute",
    title: "to a personal destination",
    body: findingsToInbox,
    prefer: { code: 422, example: "personal_destination" },
    status: 422,
  },
  {
    operationId: "upsertNotificationRoute",
    title: "unknown destination, no body",
    body: findingsToInbox,
    prefer: { code: 404 },
    status: 404,
    messageIncludes: "Kapso API 404",
  },
  {
    operationId: "upsertNotificationRoute",
    title: "without event_key",
    body: { destination_id: destination.destination_id },
    status: 422,
    messageIncludes: "event_key",
  },
  {
    operationId: "upsertNotificationRoute",
    title: "destination_id is not a UUID",
    body: { destination_id: "ops@example.com", event_key: "findings.detected" },
    status: 422,
    messageIncludes: "destination_id",
  },

  { operationId: "deleteNotificationRoute", params: { path: route }, status: 204 },
  {
    operationId: "deleteNotificationRoute",
    title: "route of an internal event, no body",
    params: { path: route },
    prefer: { code: 400 },
    status: 400,
    messageIncludes: "Kapso API 400",
  },
  {
    operationId: "deleteNotificationRoute",
    title: "unknown route, no body",
    params: { path: route },
    prefer: { code: 404 },
    status: 404,
    messageIncludes: "Kapso API 404",
  },
  {
    operationId: "deleteNotificationRoute",
    title: "id is not a UUID",
    params: { path: { id: "route-1" } },
    status: 422,
  },
];
