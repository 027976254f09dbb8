export {
  createKapsoClient,
  DEFAULT_BASE_URL,
  type KapsoClient,
  type KapsoClientOptions,
} from "./client.js";
export {
  KapsoApiError,
  type KapsoApiErrorInit,
  KapsoConfigError,
  KapsoConnectionError,
  KapsoError,
  type KapsoErrorContext,
  KapsoTimeoutError,
  MAX_TEXT_BODY,
  parseRetryAfter,
} from "./errors.js";
export { checkNumberOption } from "./options.js";
export { BACKOFF, RETRY_RULES, type RetryRule } from "./retry.js";
export { type UnwrappedData, unwrap } from "./unwrap.js";
