import type { ContractCase } from "../contract-case.js";

const apiMode = { mode: "api" };

export const cases: ContractCase[] = [
  { operationId: "listAgentModes", prefer: { example: "modes" }, status: 200 },
  { operationId: "listAgentModes", title: "without X-API-Key", withoutApiKey: true, status: 401 },

  ...["builtin", "custom"].map((example) => ({
    operationId: "getAgentMode",
    params: { path: apiMode },
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "getAgentMode",
    title: "a custom mode's slug",
    params: { path: { mode: "data-cleanup" } },
    status: 200,
  },
  {
    operationId: "getAgentMode",
    title: "no mode with this slug",
    params: { path: { mode: "no-such-mode" } },
    prefer: { code: 404 },
    status: 404,
    messageIncludes: "not found",
  },
];
