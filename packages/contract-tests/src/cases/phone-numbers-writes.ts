import type { ContractCase } from "../contract-case.js";

export const cases: ContractCase[] = [
  {
    operationId: "deleteWhatsappPhoneNumber",
    params: { path: { phone_number_id: "1234567890" } },
    status: 204,
  },
  {
    operationId: "deleteWhatsappPhoneNumber",
    title: "a Kapso UUID instead of Meta's phone number id",
    params: { path: { phone_number_id: "4a5b6c7d-8e9f-4a1b-8c3d-4e5f6a7b8c01" } },
    status: 422,
    messageIncludes: "phone_number_id",
  },
  {
    operationId: "deleteWhatsappPhoneNumber",
    title: "an unknown number",
    params: { path: { phone_number_id: "1234567890" } },
    prefer: { code: 404 },
    status: 404,
    messageIncludes: "not found",
  },
];
