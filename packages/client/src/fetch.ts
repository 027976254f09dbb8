import { KapsoConnectionError, KapsoError, KapsoTimeoutError } from "./errors.js";
import { addIdempotencyKey } from "./idempotency.js";
import type { AttemptLog } from "./log.js";
import { describeRateLimit, type RateLimitState } from "./rate-limit.js";
import { LONGEST_TIMER_MS, retryWait } from "./retry.js";
import { pathOf } from "./url.js";

/** The shape of `fetch` the client calls: `fetch(request, init)` for attempts, `fetch(url, init)` for redirect hops. */
export type Fetch = (input: Request | string, init: RequestInit) => Promise<Response>;

/** Timing hooks, replaced in tests to make waits deterministic. */
export interface Timing {
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
}

/** Everything one Kapso fetch needs, validated by the client before it gets here. */
export interface KapsoFetchOptions {
  /** Returns the key or throws `KapsoConfigError`; called once per request, so it should cache. */
  apiKey: () => string;
  /** Undefined means `globalThis.fetch`, looked up per request so that late polyfills and test doubles apply. */
  fetch: Fetch | undefined;
  timeoutMs: number;
  maxRetries: number;
  maxRetryAfterMs: number;
  /** Undefined when the log level lets no attempt line through. */
  log: AttemptLog | undefined;
  timing: Timing;
  /** The client's rate-limit state, shared by every client derived from it. */
  rateLimit: RateLimitState;
}

type Outcome = { response: Response } | { failure: "network" | "timeout"; error: unknown };

/**
 * The `fetch` handed to openapi-fetch. It sits below the middleware, so `client.use()` sees one logical
 * request and never the API key, while each attempt here gets its own timer, the key and the body.
 */
export function createKapsoFetch(options: KapsoFetchOptions) {
  const { timeoutMs, maxRetries, log } = options;
  const limits = { maxRetries, maxRetryAfterMs: options.maxRetryAfterMs, random: options.timing.random };
  return async (request: Request, initExt?: RequestInit): Promise<Response> => {
    const key = options.apiKey();
    const fetchImpl = options.fetch ?? globalThis.fetch;
    // The request's own signal follows the caller's (openapi-fetch hands the caller's signal to the
    // Request it builds, and a Request a middleware copies keeps following it). Listening here rather
    // than on the caller's signal leaves nothing behind on a signal shared by many requests.
    const { signal, method } = request;
    // fetch(request, init) reuses the request's URL and headers; `init` overrides only what differs.
    const init: RequestInit = { ...initExt, redirect: "manual" };
    // A request body is a stream that can be read once; the bytes are kept so every attempt and every
    // redirect hop sends the same body.
    if (request.body) init.body = await request.arrayBuffer();
    addIdempotencyKey(request); // idempotency: one key per call, the same on every attempt
    // One listener for the whole call aborts whichever attempt is current. It stays after the
    // response arrived: the body is read after this returns and must still be cancellable.
    let current: AbortController | undefined;
    signal.addEventListener("abort", () => current?.abort(signal.reason));

    for (let retry = 0; ; retry++) {
      signal.throwIfAborted();
      current = new AbortController();
      let started = 0;
      // rate limits: waits for the client's turn (not timed), then reads the answer's rate-limit headers
      const outcome = await options.rateLimit.run({ signal, maxPauseMs: options.maxRetryAfterMs }, () => {
        started = Date.now();
        return attempt(fetchImpl, request, init, key, current as AbortController, timeoutMs);
      });
      // A caller's abort is not a failure of the attempt: the caller gets its own reason back.
      if (!("response" in outcome)) signal.throwIfAborted();
      const wait = retryWait(request, outcome, retry, limits);
      if (log) {
        // One line per attempt: a retried one at info, any other at debug; the path without its query.
        const result = "response" in outcome ? outcome.response.status : outcome.failure;
        const decision = wait === undefined ? "final" : `retry in ${wait} ms`;
        log(
          wait === undefined ? "debug" : "info",
          `kapso: ${method} ${pathOf(request.url)} ${result} in ${Date.now() - started} ms, ` +
            `attempt ${retry + 1} of ${maxRetries + 1}: ${decision}` +
            ("response" in outcome ? describeRateLimit(outcome.response) : ""),
        );
      }
      if (wait === undefined) {
        if ("response" in outcome) return outcome.response;
        const where = `${method} ${pathOf(request.url)}${retry ? ` (${retry + 1} attempts)` : ""}`;
        throw outcome.failure === "timeout"
          ? new KapsoTimeoutError(`Kapso API request timed out after ${timeoutMs} ms on ${where}`)
          : new KapsoConnectionError(
              `Could not reach the Kapso API on ${where}: ${describe(outcome.error)}`,
              {
                cause: outcome.error,
              },
            );
      }
      if ("response" in outcome) discard(outcome.response);
      await options.timing.sleep(wait, signal);
    }
  };
}

/** One attempt, redirects included, under its own timer; failures to get a response come back as an outcome. */
async function attempt(
  fetchImpl: Fetch,
  request: Request,
  init: RequestInit,
  key: string,
  controller: AbortController,
  timeoutMs: number,
): Promise<Outcome> {
  init.signal = controller.signal;
  // A timeout longer than a timer can hold means no timer at all (setTimeout would fire at once).
  const timer = timeoutMs <= LONGEST_TIMER_MS ? setTimeout(() => controller.abort(), timeoutMs) : undefined;
  // The key is on the request's headers only while an attempt is sent, never while middleware
  // (which sees this request object before and after) can read them. Setting it here instead of on a
  // copy spares two header copies per request.
  request.headers.set("X-API-Key", key);
  try {
    const response = await fetchImpl(request, init);
    // Anything below 400 that is not a success may be a redirect; status 0 is an opaque one (browsers).
    if (response.ok || response.status >= 400) return { response };
    return { response: await followRedirects(fetchImpl, response, request, init) };
  } catch (error) {
    // The client's own refusals (a redirect off the origin, too many hops) are final: another attempt
    // would be refused the same way, and their message already says what happened.
    if (error instanceof KapsoError) throw error;
    return { failure: controller.signal.aborted ? "timeout" : "network", error };
  } finally {
    request.headers.delete("X-API-Key");
    clearTimeout(timer);
  }
}

async function followRedirects(fetchImpl: Fetch, response: Response, request: Request, init: RequestInit) {
  let { url, method } = request;
  const where = `Kapso API redirected ${method} ${pathOf(url)}`;
  const origin = new URL(url).origin;
  // Later hops go by URL, so they need their own copy of the headers (the key included).
  let hopInit: RequestInit = { ...init, method, headers: new Headers(request.headers) };
  for (let hops = 0; ; hops++) {
    // Browsers hide the target of a manual redirect; following blindly could leave the origin.
    if (response.type === "opaqueredirect") throw new KapsoConnectionError(`${where}; not followed here`);
    const location = response.headers.get("location");
    // 301, 302, 303, 307 and 308 are redirects; 300 (multiple choices) and 304 (not modified) are not.
    if (!location || !/^30[12378]$/.test(`${response.status}`)) return response;
    discard(response);
    if (hops === 5) throw new KapsoConnectionError(`${where} more than 5 times`);
    const next = new URL(location, url);
    // The key travels in a header on every hop, so a hop to another origin would hand it over.
    if (next.origin !== origin) {
      throw new KapsoConnectionError(
        `${where} to ${next.origin}; not followed, so that the API key only goes to ${origin}`,
      );
    }
    // As fetch itself does: a 303, or a 301/302 after a POST, continues as a GET without a body.
    if (response.status === 303 ? method !== "HEAD" : response.status < 303 && method === "POST") {
      method = "GET";
      (hopInit.headers as Headers).delete("content-type");
      hopInit = { ...hopInit, method, body: null };
    }
    url = next.href;
    response = await fetchImpl(url, hopInit);
  }
}

function discard(response: Response): void {
  // An unread body pins its connection until garbage collection in some runtimes.
  response.body?.cancel().catch(() => {});
}

function describe(error: unknown): string {
  const { message, cause } = (error ?? {}) as {
    message?: string;
    cause?: { code?: string; message?: string };
  };
  const detail = cause?.code ?? cause?.message;
  return `${message ?? error}${detail ? ` (${detail})` : ""}`;
}
