import type { ContractCase } from "../contract-case.js";

const embed = { inbox_embed_id: "6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d01" };

export const cases: ContractCase[] = [
  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listInboxEmbeds",
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listInboxEmbeds",
    title: "filtered by status, scope and assignee",
    params: {
      query: {
        status: "active",
        scope_type: "phone_number",
        scope_id: "1234567890",
        assigned_user_id: "f1e2d3c4-b5a6-4987-8edc-ba0987654302",
      },
    },
    status: 200,
  },
  {
    operationId: "listInboxEmbeds",
    title: "an unknown scope_type",
    params: { query: { scope_type: "team" } },
    status: 422,
    messageIncludes: "scope_type",
  },
  {
    operationId: "listInboxEmbeds",
    title: "assigned_user_id is not a UUID",
    params: { query: { assigned_user_id: "sam" } },
    status: 422,
    messageIncludes: "assigned_user_id",
  },

  {
    operationId: "createInboxEmbed",
    body: {
      inbox_embed: { name: "Support number inbox", scope_type: "phone_number", scope_id: "1234567890" },
    },
    prefer: { example: "created" },
    status: 201,
  },
  {
    operationId: "createInboxEmbed",
    title: "without scope_type",
    body: { inbox_embed: { name: "Project inbox" } },
    status: 422,
    messageIncludes: "scope_type",
  },
  {
    operationId: "createInboxEmbed",
    title: "a language the inbox does not speak",
    body: { inbox_embed: { scope_type: "project", language: "fr" } },
    status: 422,
    messageIncludes: "language",
  },

  { operationId: "getInboxEmbed", params: { path: embed }, prefer: { example: "inbox_embed" }, status: 200 },
  {
    operationId: "getInboxEmbed",
    title: "inbox_embed_id is not a UUID",
    params: { path: { inbox_embed_id: "support" } },
    status: 422,
    messageIncludes: "inbox_embed_id",
  },
  {
    operationId: "getInboxEmbed",
    title: "an unknown embed",
    params: { path: embed },
    prefer: { code: 404 },
    status: 404,
    messageIncludes: "not found",
  },

  {
    operationId: "updateInboxEmbed",
    params: { path: embed },
    body: {
      inbox_embed: { allowed_origins: ["https://support.example.com"], default_mode: "dark", language: "es" },
    },
    prefer: { example: "updated" },
    status: 200,
  },
  {
    operationId: "updateInboxEmbed",
    title: "an unknown default_mode",
    params: { path: embed },
    body: { inbox_embed: { default_mode: "sepia" } },
    status: 422,
    messageIncludes: "default_mode",
  },

  { operationId: "deleteInboxEmbed", params: { path: embed }, status: 204 },
  {
    operationId: "deleteInboxEmbed",
    title: "without X-API-Key",
    params: { path: embed },
    withoutApiKey: true,
    status: 401,
  },
];
