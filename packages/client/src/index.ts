export {
  createKapsoClient,
  DEFAULT_BASE_URL,
  type KapsoClient,
  type KapsoClientOptions,
  type KapsoClientOverrides,
} from "./client.js";
export {
  KapsoApiError,
  type KapsoApiErrorInit,
  KapsoConfigError,
  KapsoConnectionError,
  KapsoError,
  type KapsoErrorContext,
  KapsoResponseError,
  type KapsoResponseErrorInit,
  KapsoTimeoutError,
} from "./errors.js";
export type { KapsoLogger, KapsoLogLevel } from "./log.js";
export { getRateLimit, type RateLimit } from "./rate-limit.js";
export type { RetryRule } from "./retry.js";
export { type UnwrappedData, unwrap } from "./unwrap.js";
export {
  createKapsoWhatsAppClient,
  DEFAULT_WHATSAPP_BASE_URL,
  type KapsoWhatsAppClient,
} from "./whatsapp.js";
