import {
  KapsoConnectionError,
  KapsoError,
  KapsoTimeoutError,
  parseRetryAfter,
  pathOf,
  sentRequests,
} from "./errors.js";
import { backoffDelay, retryRuleFor } from "./retry.js";

type Fetch = (input: Request | string, init: RequestInit) => Promise<Response>;

/** Timing hooks, replaced in tests to make waits deterministic. */
export interface KapsoFetchInternals {
  sleep: (ms: number, signal: AbortSignal | null) => Promise<void>;
  random: () => number;
}

/**
 * The Request class openapi-fetch builds requests with. A Request always has a `signal`, whether or not
 * the caller passed one, so this remembers the caller's own: requests without one (most of them) then
 * skip the abort listener, which is a measurable share of the per-request cost.
 */
export class KapsoRequest extends Request {
  declare readonly callerSignal: AbortSignal | null;
  // openapi-fetch checks a middleware's replacement request with `instanceof` this class; any Request
  // must pass, as it would without a custom class.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Request;
  }
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    this.callerSignal = init?.signal ?? null;
  }
}

/**
 * The `fetch` handed to openapi-fetch. It sits below the middleware, so `client.use()` sees one logical
 * request and never the API key, while each attempt here gets its own timer, the key and the body.
 *
 * The options arrive validated, as positional parameters (their names then cost nothing in the
 * bundle). `apiKey` returns the key or throws `KapsoConfigError`; it is called once per request, so it
 * should cache. An undefined `fetch` means `globalThis.fetch`, looked up per request so that late
 * polyfills and test doubles apply.
 */
export function createKapsoFetch(
  apiKey: () => string,
  fetch: Fetch | undefined,
  timeoutMs: number,
  maxRetries: number,
  maxRetryAfterMs: number,
  { sleep, random }: KapsoFetchInternals,
) {
  // setTimeout fires at once for delays above a signed 32-bit millisecond count: no timer at all then.
  const timed = timeoutMs < 2 ** 31;
  return async (request: Request, initExt?: RequestInit): Promise<Response> => {
    // A middleware may have swapped in a plain Request; its signal then stands in for the caller's.
    const own = (request as Partial<KapsoRequest>).callerSignal;
    const caller = own === undefined ? request.signal : own;
    const key = apiKey();
    const fetchImpl = fetch ?? globalThis.fetch;
    // `url` is read only on failure: the getter serialises the URL anew on each access.
    const { headers, method } = request;
    // fetch(request, init) reuses the request's URL and headers; `init` overrides only what differs.
    const init: RequestInit = { ...initExt, redirect: "manual" };
    // A request body is a stream that can be read once; the bytes are kept so every attempt and every
    // redirect hop sends the same body.
    if (request.body) init.body = await request.arrayBuffer();
    // One listener for the whole call aborts whichever attempt is current. It stays after success: the
    // body is read after this returns and must still be cancellable. It is collected with the request.
    let controller: AbortController;
    const onAbort = () => controller.abort(caller?.reason);
    caller?.addEventListener("abort", onAbort);

    try {
      for (let retry = 0; ; retry++) {
        caller?.throwIfAborted();
        controller = new AbortController();
        init.signal = controller.signal;
        // A timer per attempt, cleared as soon as the response headers (or an error) arrive. The timer
        // is always cleared before the next attempt replaces `controller`.
        const timer = timed ? setTimeout(() => controller.abort(), timeoutMs) : undefined;
        let response: Response | undefined;
        let failure: unknown;
        // The key is on the request's headers only while an attempt is sent, never while middleware
        // (which sees this request object before and after) can read them. Setting it here instead of
        // on a copy spares two header copies per request.
        headers.set("X-API-Key", key);
        try {
          response = await fetchImpl(request, init);
          // Anything below 400 that is not a success may be a redirect; status 0 is an opaque one (browsers).
          if (!response.ok && response.status < 400) {
            response = await followRedirects(fetchImpl, response, request, init);
          }
        } catch (error) {
          response = undefined;
          failure = error;
        } finally {
          headers.delete("X-API-Key");
          clearTimeout(timer);
        }
        const retries = retry < maxRetries;

        if (!response) {
          caller?.throwIfAborted();
          if (failure instanceof KapsoError) throw failure;
          const timedOut = controller.signal.aborted;
          const rule = retryRuleFor(method);
          if (retries && (timedOut ? rule.timeout : rule.network)) {
            await sleep(backoffDelay(retry, random), caller);
            continue;
          }
          const where = `${method} ${pathOf(request.url)}${retry ? ` (${retry + 1} attempts)` : ""}`;
          throw timedOut
            ? new KapsoTimeoutError(`Kapso API request timed out after ${timeoutMs} ms on ${where}`)
            : new KapsoConnectionError(`Could not reach the Kapso API on ${where}: ${describe(failure)}`, {
                cause: failure,
              });
        }

        if (!response.ok) {
          if (retries && retryRuleFor(method).statuses.has(response.status)) {
            const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
            // A server asking for a longer pause than the caller accepts gets its answer passed on as is.
            if ((retryAfterMs ?? 0) <= maxRetryAfterMs) {
              discard(response);
              await sleep(retryAfterMs ?? backoffDelay(retry, random), caller);
              continue;
            }
          }
          sentRequests.set(response, request);
        }
        return response;
      }
    } catch (error) {
      caller?.removeEventListener("abort", onAbort);
      throw error;
    }
  };
}

async function followRedirects(fetchImpl: Fetch, response: Response, request: Request, init: RequestInit) {
  let { url, method } = request;
  const where = `Kapso API redirected ${method} ${pathOf(url)}`;
  const origin = new URL(url).origin;
  // Later hops go by URL, so they need their own copy of the headers (the key included).
  init = { ...init, method, headers: new Headers(request.headers) };
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
      (init.headers as Headers).delete("content-type");
      init = { ...init, method, body: null };
    }
    url = next.href;
    response = await fetchImpl(url, init);
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
