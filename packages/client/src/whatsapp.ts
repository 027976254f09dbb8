import type { paths as WhatsAppPaths } from "@kapso/types/whatsapp";
import { createKapsoClientWithTiming, type KapsoClient, type KapsoClientOptions } from "./client.js";
import { sleep } from "./retry.js";

/** The default `baseUrl` of `createKapsoWhatsAppClient`: Kapso's Meta proxy, Graph API version 24.0. */
export const DEFAULT_WHATSAPP_BASE_URL = "https://api.kapso.ai/meta/whatsapp/v24.0";

/** The client of Kapso's Meta proxy: openapi-fetch typed with the proxy's paths, plus `withOptions`. */
export type KapsoWhatsAppClient<Paths extends {} = WhatsAppPaths> = KapsoClient<Paths>;

/**
 * Creates the client of Kapso's Meta proxy (WhatsApp messaging): the same client as
 * `createKapsoClient`, with the same options and protections (the key from `KAPSO_API_KEY`, sent to
 * the base URL's origin only; per-attempt timeouts; retries that never replay a send; rate limits),
 * typed with the proxy's paths and pointed at `https://api.kapso.ai/meta/whatsapp/v24.0`.
 *
 * @example
 * ```ts
 * import { createKapsoWhatsAppClient } from "@kapso/client";
 *
 * const wa = createKapsoWhatsAppClient();
 * const { data, error } = await wa.POST("/{phone_number_id}/messages", {
 *   params: { path: { phone_number_id: "197211286875" } },
 *   body: { messaging_product: "whatsapp", to: "15551234567", type: "text", text: { body: "Hi" } },
 * });
 * ```
 */
export function createKapsoWhatsAppClient<Paths extends {} = WhatsAppPaths>(
  options?: KapsoClientOptions,
): KapsoWhatsAppClient<Paths> {
  return createKapsoClientWithTiming<Paths>(
    options,
    { sleep, random: Math.random },
    DEFAULT_WHATSAPP_BASE_URL,
  );
}
