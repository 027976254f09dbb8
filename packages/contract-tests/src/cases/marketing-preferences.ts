import type { ContractCase } from "../contract-case.js";

const contact = { identifier: "15551234567" };
const preference = { ...contact, phone_number_id: "1234567890" };

export const cases: ContractCase[] = [
  ...["preferences", "none"].map((example) => ({
    operationId: "listWhatsappContactMarketingPreferences",
    params: { path: contact },
    prefer: { example },
    status: 200,
  })),
  {
    operationId: "listWhatsappContactMarketingPreferences",
    title: "an unknown contact",
    params: { path: contact },
    prefer: { code: 404, example: "contact_not_found" },
    status: 404,
    messageIncludes: "WhatsApp contact not found",
  },

  {
    operationId: "getWhatsappContactMarketingPreference",
    params: { path: preference },
    prefer: { example: "stopped" },
    status: 200,
  },
  {
    operationId: "getWhatsappContactMarketingPreference",
    title: "no recorded preference (the contact accepts marketing)",
    params: { path: preference },
    prefer: { code: 404, example: "no_preference" },
    status: 404,
    messageIncludes: "Marketing preference not found",
  },
  {
    operationId: "getWhatsappContactMarketingPreference",
    title: "an unknown number",
    params: { path: preference },
    prefer: { code: 404, example: "number_not_found" },
    status: 404,
    messageIncludes: "WhatsApp configuration not found",
  },
  {
    operationId: "getWhatsappContactMarketingPreference",
    title: "an unknown contact",
    params: { path: preference },
    prefer: { code: 404, example: "contact_not_found" },
    status: 404,
    messageIncludes: "WhatsApp contact not found",
  },
  {
    operationId: "getWhatsappContactMarketingPreference",
    title: "a Kapso UUID instead of Meta's phone number id",
    params: { path: { ...contact, phone_number_id: "4a5b6c7d-8e9f-4a1b-8c3d-4e5f6a7b8c01" } },
    status: 422,
    messageIncludes: "phone_number_id",
  },
];
