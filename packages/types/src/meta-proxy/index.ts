// @kapso/types/whatsapp: the types of Kapso's Meta proxy (WhatsApp messaging), generated from
// spec/whatsapp/openapi.yaml. (src/whatsapp.test.ts is about the Platform API's WhatsApp routes.)
export type * from "./generated/aliases.js";
export type { components, operations, paths, webhooks } from "./generated/schema.js";
