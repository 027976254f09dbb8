import { createRequire } from "node:module";

/** The Platform API's OpenAPI document shipped in `@kapso/types`, as served by default. */
export function defaultSpecPath(): string {
  return createRequire(import.meta.url).resolve("@kapso/types/openapi.json");
}

/** The Meta proxy's (WhatsApp API's) OpenAPI document shipped in `@kapso/types`, as served by default. */
export function defaultWhatsAppSpecPath(): string {
  return createRequire(import.meta.url).resolve("@kapso/types/whatsapp/openapi.json");
}
