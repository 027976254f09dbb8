import type { ContractCase } from "../contract-case.js";

const failedStepSearch = {
  query: "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
  period: "7d",
  source: "flow_event",
  filters: { flow_execution_id: "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e", event_type: "step_failed" },
};

export const cases: ContractCase[] = [
  ...["first_page", "last_page", "empty", "unavailable"].map((example) => ({
    operationId: "searchLogs",
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "searchLogs",
    title: "problems of the API source around a time, continuing from a cursor",
    params: {
      query: {
        query: "/broadcasts",
        period: "context",
        around: "2026-11-20T11:59:00Z",
        source: "external_api_log",
        problems_only: true,
        limit: 100,
        cursor: "bGFzdF9wYWdl",
        highlight_event_id: "evt_1",
        highlight_resource_id: "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
      },
    },
    status: 200,
  },
  {
    operationId: "searchLogs",
    title: "invalid filters",
    prefer: { code: 422, example: "invalid_filters" },
    status: 422,
    messageIncludes: "filters must be",
  },
  {
    operationId: "searchLogs",
    title: "the search backend fails",
    prefer: { code: 422, example: "search_failed" },
    status: 422,
  },
  {
    operationId: "searchLogs",
    title: "period outside the enum",
    params: { query: { period: "30d" } },
    status: 422,
    messageIncludes: "period",
  },
  {
    operationId: "searchLogs",
    title: "source outside the enum",
    params: { query: { source: "database" } },
    status: 422,
    messageIncludes: "source",
  },
  {
    operationId: "searchLogs",
    title: "limit above 100",
    params: { query: { limit: 101 } },
    status: 422,
    messageIncludes: "limit",
  },
  {
    operationId: "searchLogs",
    title: "around is not a date-time",
    params: { query: { around: "yesterday" } },
    status: 422,
    messageIncludes: "around",
  },
  { operationId: "searchLogs", title: "without X-API-Key", withoutApiKey: true, status: 401 },

  {
    operationId: "searchLogsWithFilters",
    body: failedStepSearch,
    prefer: { example: "found" },
    status: 200,
  },
  {
    operationId: "searchLogsWithFilters",
    body: failedStepSearch,
    prefer: { example: "unavailable" },
    status: 200,
  },
  {
    operationId: "searchLogsWithFilters",
    title: "filters as key and value entries",
    body: {
      source: "external_api_log",
      problems_only: true,
      filters: [{ key: "endpoint_contains", value: "/broadcasts" }],
    },
    status: 200,
  },
  { operationId: "searchLogsWithFilters", title: "without a body", status: 200 },
  {
    operationId: "searchLogsWithFilters",
    title: "the search backend fails",
    body: failedStepSearch,
    prefer: { code: 422, example: "search_failed" },
    status: 422,
  },
  {
    operationId: "searchLogsWithFilters",
    title: "filters that are a string",
    body: { filters: "flow_execution_id=1" },
    status: 422,
    messageIncludes: "filters",
  },
  {
    operationId: "searchLogsWithFilters",
    title: "limit 0",
    body: { limit: 0 },
    status: 422,
    messageIncludes: "limit",
  },

  ...["catalog", "unavailable"].map((example) => ({
    operationId: "getLogSearchCatalog",
    prefer: { example },
    status: 200,
  })),
  { operationId: "getLogSearchCatalog", title: "without X-API-Key", withoutApiKey: true, status: 401 },
];
