import {
  KapsoConnectionError,
  KapsoError,
  KapsoTimeoutError,
  parseRetryAfter,
  pathOf,
  rememberRequest,
} from "./errors.js";
import { backoffDelay, retryRuleFor } from "./retry.js";

/** Everything the fetch wrapper needs, resolved and validated by the client. */
export interface KapsoFetchConfig {
  /** Returns the key or throws `KapsoConfigError`; called once per request, so it should cache. */
  apiKey: () => string;
  /** Undefined means `globalThis.fetch`, looked up per request so that late polyfills and test doubles apply. */
  fetch: ((input: string, init: RequestInit) => Promise<Response>) | undefined;
  /** Per attempt; `Infinity` disables the timer. */
  timeoutMs: number;
  maxRetries: number;
  maxRetryAfterMs: number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  random: () => number;
}

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// setTimeout fires at once for delays above a signed 32-bit millisecond count.
const MAX_TIMER_MS = 2 ** 31 - 1;

function abortAttempt(controller: AbortController): void {
  controller.abort();
}

/**
 * The `fetch` handed to openapi-fetch. It sits below the middleware, so `client.use()` sees one logical
 * request and never the API key, while every attempt here gets its own timer, the key and a fresh copy
 * of the body.
 */
export function createKapsoFetch(config: KapsoFetchConfig) {
  const { timeoutMs, maxRetries, maxRetryAfterMs } = config;
  const useTimer = timeoutMs <= MAX_TIMER_MS;

  return async function kapsoFetch(request: Request, initExt?: Record<string, unknown>): Promise<Response> {
    const caller = request.signal;
    if (caller.aborted) throw caller.reason;
    const apiKey = config.apiKey();
    const fetchImpl = config.fetch ?? globalThis.fetch;
    const method = request.method;
    const rule = retryRuleFor(method);
    const headers = new Headers(request.headers);
    headers.set("X-API-Key", apiKey);
    // A request body is a stream that can be read once; the bytes are kept so every attempt and every
    // redirect hop sends the same body.
    const body = request.body === null ? null : await request.arrayBuffer();
    const init: RequestInit = { ...initExt, method, headers, body, redirect: "manual" };

    for (let retry = 0; ; retry++) {
      const controller = new AbortController();
      const onCallerAbort = () => controller.abort(caller.reason);
      caller.addEventListener("abort", onCallerAbort);
      const timer = useTimer ? setTimeout(abortAttempt, timeoutMs, controller) : undefined;
      init.signal = controller.signal;
      let response: Response | undefined;
      let failure: unknown;
      try {
        const first = await fetchImpl(request.url, init);
        if (first.status >= 300 && first.status < 400) {
          response = await followRedirects(fetchImpl, first, request.url, init);
        } else if (first.type !== "opaqueredirect") {
          response = first;
        } else {
          throw new KapsoConnectionError(
            `Kapso API redirected ${method} ${pathOf(request.url)}, and this runtime hides redirect targets, so it was not followed`,
          );
        }
      } catch (error) {
        failure = error;
      } finally {
        clearTimeout(timer);
      }

      if (response === undefined) {
        caller.removeEventListener("abort", onCallerAbort);
        if (caller.aborted) throw caller.reason;
        if (failure instanceof KapsoError) throw failure;
        const timedOut = controller.signal.aborted;
        if (retry < maxRetries && (timedOut ? rule.timeout : rule.network)) {
          await config.sleep(backoffDelay(retry, config.random), caller);
          continue;
        }
        const attempts = retry > 0 ? ` (${retry + 1} attempts)` : "";
        const where = `${method} ${pathOf(request.url)}`;
        if (timedOut) {
          throw new KapsoTimeoutError(
            `Kapso API request timed out after ${timeoutMs} ms on ${where}${attempts}`,
          );
        }
        throw new KapsoConnectionError(
          `Could not reach the Kapso API on ${where}${attempts}: ${describe(failure)}`,
          {
            cause: failure,
          },
        );
      }

      if (retry < maxRetries && rule.statuses.has(response.status)) {
        const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
        // A server asking for a longer pause than the caller accepts gets its answer passed on as is.
        if (retryAfterMs === undefined || retryAfterMs <= maxRetryAfterMs) {
          caller.removeEventListener("abort", onCallerAbort);
          discard(response);
          await config.sleep(retryAfterMs ?? backoffDelay(retry, config.random), caller);
          continue;
        }
      }
      // The caller's abort listener stays attached: the body is read after this returns and must
      // still be cancellable. It goes away with the request's own signal.
      if (!response.ok) rememberRequest(response, method, pathOf(request.url));
      return response;
    }
  };
}

async function followRedirects(
  fetchImpl: (input: string, init: RequestInit) => Promise<Response>,
  first: Response,
  url: string,
  init: RequestInit,
): Promise<Response> {
  const method = init.method ?? "GET";
  const origin = new URL(url).origin;
  let response = first;
  let current = url;
  let hopInit = init;
  for (let hops = 0; REDIRECT_STATUSES.has(response.status); hops++) {
    const location = response.headers.get("location");
    if (location === null) return response;
    discard(response);
    const where = `${method} ${pathOf(url)}`;
    if (hops === MAX_REDIRECTS) {
      throw new KapsoConnectionError(`Kapso API redirected ${where} more than ${MAX_REDIRECTS} times`);
    }
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      throw new KapsoConnectionError(`Kapso API redirected ${where} to an invalid location`);
    }
    // The key travels in a header on every hop, so a hop to another origin would hand it over.
    if (next.origin !== origin) {
      throw new KapsoConnectionError(
        `Kapso API redirected ${where} to another origin (${next.origin}); not followed, so that the API key is only ever sent to ${origin}`,
      );
    }
    // Same rewrite as fetch itself: 303, and 301/302 after a POST, continue as a GET without a body.
    const status = response.status;
    if ((status === 303 && method !== "GET" && method !== "HEAD") || (status <= 302 && method === "POST")) {
      const headers = new Headers(hopInit.headers);
      headers.delete("content-type");
      headers.delete("content-length");
      hopInit = { ...hopInit, method: "GET", body: null, headers };
    }
    current = next.href;
    response = await fetchImpl(current, hopInit);
  }
  return response;
}

function discard(response: Response): void {
  // Unread bodies pin their connection until garbage collection in some runtimes.
  response.body?.cancel().catch(() => {});
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  if (cause && typeof cause.code === "string") return `${error.message} (${cause.code})`;
  if (cause && typeof cause.message === "string" && cause.message)
    return `${error.message} (${cause.message})`;
  return error.message;
}
