export {
  KapsoApiError,
  type KapsoApiErrorInit,
  KapsoConfigError,
  KapsoConnectionError,
  KapsoError,
  type KapsoErrorContext,
  KapsoTimeoutError,
  parseRetryAfter,
} from "./errors.js";
