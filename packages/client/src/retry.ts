/** What a failed attempt may be retried on, for one class of HTTP method. */
export interface RetryRule {
  /** Response statuses that are retried. */
  readonly statuses: ReadonlySet<number>;
  /** Whether a request that never got a response (connection refused, reset, DNS) is retried. */
  readonly network: boolean;
  /** Whether an attempt that ran past `timeoutMs` is retried. */
  readonly timeout: boolean;
}

// A replayed request is only safe when sending it twice has the effect of sending it once. Kapso has
// no idempotency keys, so a POST or PATCH that may have reached the server (a 5xx, a dropped
// connection, a timeout) is never replayed: a duplicate workflow execution is worse than an error.
// A 429 means the request was refused before any work was done, so it is safe for every method.
const IDEMPOTENT: RetryRule = {
  statuses: new Set([408, 429, 500, 502, 503, 504]),
  network: true,
  timeout: true,
};
const NOT_IDEMPOTENT: RetryRule = { statuses: new Set([429]), network: false, timeout: false };

/** The retry policy by method; a method not listed gets the POST rule. */
export const RETRY_RULES: Readonly<Record<string, RetryRule>> = {
  GET: IDEMPOTENT,
  HEAD: IDEMPOTENT,
  OPTIONS: IDEMPOTENT,
  PUT: IDEMPOTENT,
  DELETE: IDEMPOTENT,
  POST: NOT_IDEMPOTENT,
  PATCH: NOT_IDEMPOTENT,
};

export function retryRuleFor(method: string): RetryRule {
  return RETRY_RULES[method] ?? NOT_IDEMPOTENT;
}

/** Waits between attempts when the server does not send `Retry-After`. */
export const BACKOFF = { initialMs: 500, maxMs: 8_000 } as const;

/**
 * Full jitter: a uniform wait between 0 and the exponential ceiling, so that many clients failing
 * together do not come back together. `retry` counts from 0 for the first retry.
 */
export function backoffDelay(retry: number, random: () => number): number {
  return Math.floor(random() * Math.min(BACKOFF.maxMs, BACKOFF.initialMs * 2 ** retry));
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
