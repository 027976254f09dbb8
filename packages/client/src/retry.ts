/** What a failed attempt may be retried on, for one class of HTTP method. */
export interface RetryRule {
  /** Response statuses that are retried. */
  readonly statuses: ReadonlySet<number>;
  /** Whether a request that never got a response (connection refused, reset, DNS) is retried. */
  readonly network: boolean;
  /** Whether an attempt that ran past `timeoutMs` is retried. */
  readonly timeout: boolean;
}

// A replayed request is only safe when sending it twice has the effect of sending it once. Kapso's
// writes take no idempotency key (only revoking a portfolio's funding does), so a POST or PATCH that
// may have reached the server (a 5xx, a dropped connection, a timeout) is never replayed: a
// duplicate workflow execution is worse than an error. A request that carries an `Idempotency-Key`
// is the exception: the server answers its repeat with the first result, so it is retried like a GET.
// A 429 means the request was refused before any work was done, so it is safe for every method.
const IDEMPOTENT: RetryRule = {
  statuses: new Set([408, 429, 500, 502, 503, 504]),
  network: true,
  timeout: true,
};
const NOT_IDEMPOTENT: RetryRule = { statuses: new Set([429]), network: false, timeout: false };

/** The request as far as the retry policy cares. */
export interface RetriedRequest {
  readonly method: string;
  readonly headers: Headers;
}

/**
 * The retry policy of a request: the idempotent methods, and any request with an `Idempotency-Key`,
 * get the full rule; any other the POST rule.
 */
export function retryRuleFor(request: RetriedRequest): RetryRule {
  const idempotent =
    /^(GET|HEAD|OPTIONS|PUT|DELETE)$/.test(request.method) || request.headers.has("idempotency-key");
  return idempotent ? IDEMPOTENT : NOT_IDEMPOTENT;
}

/** The longest delay a timer holds; Node fires a longer one at once. */
export const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * The wait between attempts when the server does not send `Retry-After`. Full jitter: a uniform wait
 * between 0 and the exponential ceiling (0.5 s · 2^retry, capped at 8 s), so that many clients failing
 * together do not come back together. `retry` counts from 0 for the first retry.
 */
export function backoffDelay(retry: number, random: () => number): number {
  return Math.floor(random() * Math.min(8_000, 500 * 2 ** retry));
}

/** What one attempt came to, as far as the retry policy cares. */
export type AttemptFacts = { readonly response: Response } | { readonly failure: "network" | "timeout" };

/** The limits a client was configured with (`random` is replaced in tests). */
export interface RetryLimits {
  readonly maxRetries: number;
  readonly maxRetryAfterMs: number;
  readonly random: () => number;
}

/**
 * The policy as a decision: how long to wait before the next attempt, or undefined when this attempt
 * is the last. `retry` counts the retries already made (0 after the first attempt).
 */
export function retryWait(
  request: RetriedRequest,
  facts: AttemptFacts,
  retry: number,
  limits: RetryLimits,
): number | undefined {
  if (retry >= limits.maxRetries) return undefined;
  const rule = retryRuleFor(request);
  if ("failure" in facts) {
    return rule[facts.failure] ? backoffDelay(retry, limits.random) : undefined;
  }
  if (!rule.statuses.has(facts.response.status)) return undefined;
  const retryAfterMs = parseRetryAfter(facts.response.headers.get("retry-after"));
  if (retryAfterMs === undefined) return backoffDelay(retry, limits.random);
  // A server asking for a longer pause than the caller accepts, or than a timer can hold, gets its
  // answer passed on as is.
  return retryAfterMs <= Math.min(limits.maxRetryAfterMs, LONGEST_TIMER_MS) ? retryAfterMs : undefined;
}

// The three HTTP-date forms RFC 9110 has recipients accept. Anything else Date.parse reads ("2, 2",
// "-1", "+5") would be a date in the past, and an immediate retry.
const HTTP_DATE_FORMS = [
  /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/, // IMF-fixdate
  /^[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/, // obsolete RFC 850
  /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/, // obsolete asctime, always GMT
];

/** Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds; undefined when absent or invalid. */
export function parseRetryAfter(value: string | null | undefined): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(+trimmed * 1000);
  if (!HTTP_DATE_FORMS.some((form) => form.test(trimmed))) return undefined;
  const date = Date.parse(trimmed.endsWith("GMT") ? trimmed : `${trimmed} GMT`);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    // Thrown here, the reason rejects the promise.
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    // "abort" fires at most once per signal, so the listener needs no `once`.
    signal?.addEventListener("abort", onAbort);
  });
}
