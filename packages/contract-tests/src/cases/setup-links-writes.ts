import type { ContractCase } from "../contract-case.js";

const link = {
  customer_id: "c0a8f1e2-3b4c-4d5e-8f60-7a8b9c0d1e01",
  setup_link_id: "5e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a01",
};

export const cases: ContractCase[] = [
  {
    operationId: "updateCustomerSetupLink",
    params: { path: link },
    body: { setup_link: { status: "revoked" } },
    prefer: { example: "revoked" },
    status: 200,
  },
  {
    operationId: "updateCustomerSetupLink",
    title: "new colors and a null language",
    params: { path: link },
    body: { setup_link: { theme_config: { primary_color: "#10b981" }, language: null } },
    status: 200,
  },
  {
    operationId: "updateCustomerSetupLink",
    title: "a status that is not a link state",
    params: { path: link },
    body: { setup_link: { status: "paused" } },
    status: 422,
    messageIncludes: "status",
  },
  {
    operationId: "updateCustomerSetupLink",
    title: "a color that is not #RRGGBB",
    params: { path: link },
    body: { setup_link: { theme_config: { primary_color: "green" } } },
    status: 422,
    messageIncludes: "primary_color",
  },
  {
    operationId: "updateCustomerSetupLink",
    title: "setup_link_id is not a UUID",
    params: { path: { ...link, setup_link_id: "latest" } },
    body: { setup_link: { status: "revoked" } },
    status: 422,
    messageIncludes: "setup_link_id",
  },
  {
    operationId: "updateCustomerSetupLink",
    title: "an unknown link",
    params: { path: link },
    body: { setup_link: { status: "revoked" } },
    prefer: { code: 404 },
    status: 404,
    messageIncludes: "not found",
  },
];
