/**
 * Why a delivery was refused:
 * - `missing_signature`: no `X-Webhook-Signature` header (answer 401);
 * - `invalid_signature`: the signature does not match the body and secret (answer 401);
 * - `invalid_payload`: signed, but not a delivery this package can read (answer 400);
 * - `payload_too_large`: the body is longer than the receiver's `maxBodyBytes` (answer 413);
 * - `missing_secret`: no secret was configured, so nothing can be verified (a setup mistake).
 */
export type KapsoWebhookErrorReason =
  | "missing_signature"
  | "invalid_signature"
  | "invalid_payload"
  | "payload_too_large"
  | "missing_secret";

const STATUS_OF_REASON: Record<KapsoWebhookErrorReason, number> = {
  missing_signature: 401,
  invalid_signature: 401,
  invalid_payload: 400,
  payload_too_large: 413,
  missing_secret: 500,
};

/** What a `KapsoWebhookError` is built from; `status` follows from `reason`. */
export interface KapsoWebhookErrorInit {
  /** Why the delivery was refused; it sets the error's `status`. */
  reason: KapsoWebhookErrorReason;
  /** The error's message: what was wrong, without the secret or the signature. */
  message: string;
  /** The underlying error, such as a JSON parse failure; becomes the error's `cause` when given. */
  cause?: unknown;
}

/**
 * A webhook delivery was refused. It mirrors `KapsoError` of `@kapso/client` (same naming, same
 * plain fields) without depending on it, so this package stays free of runtime dependencies. Its
 * message names the problem and never contains the secret or the signature.
 */
export class KapsoWebhookError extends Error {
  /** Always `"KapsoWebhookError"`, so logs name the error even where the class is not at hand. */
  override name = "KapsoWebhookError";
  /** Why the delivery was refused, for code that answers or logs each case differently. */
  readonly reason: KapsoWebhookErrorReason;
  /** The HTTP status a receiver should answer with: 401, 400, 413, or 500 for a missing secret. */
  readonly status: number;

  constructor(init: KapsoWebhookErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.reason = init.reason;
    this.status = STATUS_OF_REASON[init.reason];
  }
}
