import { bufferedResponse } from "./body.js";
import { KapsoConnectionError, KapsoError, KapsoTimeoutError } from "./errors.js";
import { addIdempotencyKey } from "./idempotency.js";
import type { AttemptLog } from "./log.js";
import { checkRequestOrigin } from "./origin.js";
import { describeRateLimit, type RateLimitState } from "./rate-limit.js";
import { LONGEST_TIMER_MS, retryWait } from "./retry.js";
import { pathOf } from "./url.js";

/**
 * The shape of `fetch` the client calls: `fetch(request, init)`, on every attempt and redirect hop,
 * with a complete Request (its body unread) and an `init` holding only the attempt's `signal` and
 * `redirect: "manual"`, which the Request carries as well.
 */
export type Fetch = (input: Request, init: RequestInit) => Promise<Response>;

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
  /** Success bodies larger than this fail with `KapsoResponseError`. */
  maxResponseBytes: number;
  /** `https://host/`: requests to any other origin are refused. */
  originPrefix: string;
  /** Undefined when the log level lets no attempt line through. */
  log: AttemptLog | undefined;
  timing: Timing;
  /** The client's rate-limit state, shared by every client derived from it. */
  rateLimit: RateLimitState;
}

/**
 * What one call tells its Kapso fetch, and what the fetch leaves for the call to turn into a typed
 * error once openapi-fetch (and any `onError` middleware) has seen the original.
 */
export interface CallState {
  /** A `fetch` given for this call only; it runs under the same timeouts, retries and checks. */
  fetch?: Fetch | undefined;
  /** `parseAs: "stream"`: the body is handed over unread, so the timeout covers the headers only. */
  stream?: boolean;
  /** The final response and its body, read by the fetch: quoted when openapi-fetch cannot parse it. */
  response?: Response;
  bytes?: Uint8Array | undefined;
  /** The error the last attempt's `fetch` threw, and the typed error the caller gets for it. */
  failure?: { error: unknown; typed: KapsoError };
}

type Outcome =
  | { response: Response; bytes: Uint8Array | undefined }
  | { failure: "network" | "timeout"; error: unknown };

/** What every attempt of one request shares. */
interface Exchange {
  fetchImpl: Fetch;
  request: Request;
  /** The request body, read once. */
  body: ArrayBuffer | undefined;
  init: RequestInit;
  key: string;
  timeoutMs: number;
  /** Undefined when the body is handed over unread (`parseAs: "stream"`). */
  maxResponseBytes: number | undefined;
}

/**
 * The `fetch` handed to openapi-fetch. It sits below the middleware, so `client.use()` sees one logical
 * request and never the API key, while each attempt here gets its own timer, the key and the body.
 */
export function createKapsoFetch(options: KapsoFetchOptions) {
  const { timeoutMs, maxRetries, log } = options;
  const limits = { maxRetries, maxRetryAfterMs: options.maxRetryAfterMs, random: options.timing.random };
  return async (request: Request, initExt: RequestInit | undefined, call: CallState): Promise<Response> => {
    // Middleware may have replaced the request with one to anywhere; nothing has been sent yet.
    checkRequestOrigin(request.url, options.originPrefix, request.method);
    const key = options.apiKey();
    const fetchImpl = call.fetch ?? options.fetch ?? globalThis.fetch;
    // The request's own signal follows the caller's (openapi-fetch hands the caller's signal to the
    // Request it builds, and a Request a middleware copies keeps following it). Listening here rather
    // than on the caller's signal leaves nothing behind on a signal shared by many requests.
    const { signal, method } = request;
    // fetch(request, init) reuses the request's URL and headers; `init` overrides only what differs.
    const init: RequestInit = { ...initExt, redirect: "manual" };
    // A request body is a stream that can be read once; the bytes are kept so that every attempt and
    // every redirect hop gets a Request of its own with the same, unread body.
    const body = request.body ? await request.arrayBuffer() : undefined;
    const exchange: Exchange = {
      fetchImpl,
      request,
      body,
      init,
      key,
      timeoutMs,
      maxResponseBytes: call.stream ? undefined : options.maxResponseBytes,
    };
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
        return attempt(exchange, current as AbortController);
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
        if ("response" in outcome) {
          call.response = outcome.response;
          call.bytes = outcome.bytes;
          return outcome.response;
        }
        const where = `${method} ${pathOf(request.url)}${retry ? ` (${retry + 1} attempts)` : ""}`;
        const { error } = outcome;
        const typed =
          outcome.failure === "timeout"
            ? new KapsoTimeoutError(`Kapso API request timed out after ${timeoutMs} ms on ${where}`, {
                cause: error,
              })
            : new KapsoConnectionError(`Could not reach the Kapso API on ${where}: ${describe(error)}`, {
                cause: error,
              });
        // openapi-fetch hands what `fetch` threw to `onError` middleware; the call then swaps it for
        // the typed error. An error that is not truthy would be swallowed by openapi-fetch.
        call.failure = { error, typed };
        throw error || typed;
      }
      if ("response" in outcome) discard(outcome.response);
      await options.timing.sleep(wait, signal);
    }
  };
}

/**
 * One attempt, redirects included, under its own timer, which runs until the body has been read;
 * failures to get a response or its body come back as an outcome.
 */
async function attempt(exchange: Exchange, controller: AbortController): Promise<Outcome> {
  const { fetchImpl, request, init, key, timeoutMs } = exchange;
  init.signal = controller.signal;
  // A timeout longer than a timer can hold means no timer at all (setTimeout would fire at once).
  const timer = timeoutMs <= LONGEST_TIMER_MS ? setTimeout(() => controller.abort(), timeoutMs) : undefined;
  // The key is on the request's headers only while an attempt is sent, never while middleware
  // (which sees this request object before and after) can read them. Setting it here instead of on a
  // copy spares two header copies per request without a body.
  request.headers.set("X-API-Key", key);
  try {
    // A request with a body gets a copy per attempt, so that `fetch` can read (or clone) its body.
    const sent = exchange.body ? new Request(request, { ...init, body: exchange.body }) : request;
    let response = await fetchImpl(sent, init);
    // Anything below 400 that is not a success may be a redirect; status 0 is an opaque one (browsers).
    if (!response.ok && response.status < 400) response = await followRedirects(exchange, response);
    if (exchange.maxResponseBytes === undefined || request.method === "HEAD") {
      return { response, bytes: undefined };
    }
    return await bufferedResponse(response, exchange.maxResponseBytes, controller.signal, request);
  } catch (error) {
    // The client's own refusals (a redirect off the origin, too many hops, a body too large) are
    // final: another attempt would be refused the same way, and their message says what happened.
    if (error instanceof KapsoError) throw error;
    return { failure: controller.signal.aborted ? "timeout" : "network", error };
  } finally {
    request.headers.delete("X-API-Key");
    clearTimeout(timer);
  }
}

async function followRedirects(exchange: Exchange, response: Response) {
  const { fetchImpl, request, init } = exchange;
  let { url, method } = request;
  let { body } = exchange;
  const where = `Kapso API redirected ${method} ${pathOf(url)}`;
  const origin = new URL(url).origin;
  // Later hops go by URL, so they need their own copy of the headers (the key included).
  const headers = new Headers(request.headers);
  for (let hops = 0; ; hops++) {
    // Browsers hide the target of a manual redirect; following blindly could leave the origin.
    if (response.type === "opaqueredirect") throw new KapsoConnectionError(`${where}; not followed here`);
    const location = response.headers.get("location");
    // 301, 302, 303, 307 and 308 are redirects; 300 (multiple choices) and 304 (not modified) are not.
    if (!location || !/^30[12378]$/.test(`${response.status}`)) return response;
    discard(response);
    if (hops === 5) throw new KapsoConnectionError(`${where} more than 5 times`);
    const next = safeNextUrl(location, url, where);
    // The key travels in a header on every hop, so a hop to another origin would hand it over.
    if (next.origin !== origin) {
      throw new KapsoConnectionError(
        `${where} to ${next.origin.slice(0, 200)}; not followed, so that the API key only goes to ${origin}`,
      );
    }
    // As fetch itself does: a 303, or a 301/302 after a POST, continues as a GET without a body.
    if (response.status === 303 ? method !== "HEAD" : response.status < 303 && method === "POST") {
      method = "GET";
      headers.delete("content-type");
      body = undefined;
    }
    url = next.href;
    response = await fetchImpl(new Request(url, { ...init, method, headers, body }), init);
  }
}

function safeNextUrl(location: string, base: string, where: string): URL {
  try {
    return new URL(location, base);
  } catch {
    throw new KapsoConnectionError(`${where} to a Location that is not a URL; not followed`);
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
