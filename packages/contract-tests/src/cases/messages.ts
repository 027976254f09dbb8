import type { ContractCase } from "../contract-case.js";

const message = { message_id: "wamid.HBgMMTIzNDU2Nzg5MBUCABIYGTA5RTlCQkI2NTI3" };

export const cases: ContractCase[] = [
  ...["first_page", "last_page", "empty"].map((example) => ({
    operationId: "listMessages",
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listMessages",
    title: "with every filter and a cursor",
    params: {
      query: {
        phone_number_id: "123456789012345",
        conversation_id: "c63ced48-1283-4d55-8c8d-930f525aa0e5",
        phone_number: "1415",
        business_scoped_user_id: "US.13491208655302741918",
        direction: "inbound",
        status: "delivered",
        message_type: "text",
        has_media: false,
        limit: 100,
        before: "Zmlyc3RfcGFnZQ==",
      },
    },
    status: 200,
  },
  {
    operationId: "listMessages",
    title: "deprecated page and per_page",
    params: { query: { page: 1, per_page: 100 } },
    status: 200,
  },
  {
    operationId: "listMessages",
    title: "bad direction enum",
    params: { query: { direction: "sideways" } },
    status: 422,
    messageIncludes: "direction",
  },
  {
    operationId: "listMessages",
    title: "conversation id that is not a UUID",
    params: { query: { conversation_id: "42" } },
    status: 422,
    messageIncludes: "conversation_id",
  },

  { operationId: "getMessage", params: { path: message }, prefer: { example: "read_text" }, status: 200 },
  {
    operationId: "getMessage",
    title: "a UUID instead of a WAMID",
    params: { path: { message_id: "c63ced48-1283-4d55-8c8d-930f525aa0e5" } },
    status: 422,
    messageIncludes: "message_id",
  },
];
