import type { paths } from "@kapso/types";
import type { Client, ClientOptions, HeadersOptions } from "openapi-fetch";
import * as openapiFetch from "openapi-fetch";
import { normalizeBaseUrl } from "./base-url.js";
import { BASE_URL_KEY } from "./base-url-key.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./body.js";
import { ConcurrencyLimit } from "./concurrency.js";
import { isPermissionError, readEnv } from "./env.js";
import { KapsoConfigError, KapsoError, KapsoResponseError } from "./errors.js";
import { type CallState, createKapsoFetch, type Fetch, type Timing } from "./fetch.js";
import { attemptLog, checkLogger, type KapsoLogger, type KapsoLogLevel, resolveLogLevel } from "./log.js";
import {
  checkMaxConcurrency,
  checkNonNegativeInteger,
  checkNonNegativeNumber,
  checkPositiveNumber,
} from "./options.js";
import { checkBaseUrlOverride, originPrefix } from "./origin.js";
import { checkPathParams, normalizeQuery, serializeBody } from "./params.js";
import { type Clock, RateLimitState } from "./rate-limit.js";
import { sleep } from "./retry.js";
import { pathOf } from "./url.js";

// The CommonJS build sees openapi-fetch through Node's ESM-to-CJS interop, which hands over the whole
// `exports` object as `default`; unwrap it once so both builds get the function. Named exports such as
// `mergeHeaders` arrive as they are in both.
const createClient: typeof openapiFetch.default =
  (openapiFetch.default as { default?: typeof openapiFetch.default }).default ?? openapiFetch.default;
const { mergeHeaders } = openapiFetch;

/** The default `baseUrl`: the Kapso Platform API, version 1. */
export const DEFAULT_BASE_URL = "https://api.kapso.ai/platform/v1";

/** The settings `withOptions` can change; every field keeps the current client's value when left out. */
export interface KapsoClientOverrides {
  /** Limit for one attempt, headers and body, in ms. Default: 30 000; `Infinity` for none. */
  timeoutMs?: number;
  /** A success body larger than this many bytes fails with `KapsoResponseError`. Default: 33 554 432 (32 MB). */
  maxResponseBytes?: number;
  /** Attempts after the first; see the retry policy in the README. Default: 2. */
  maxRetries?: number;
  /**
   * A `Retry-After` longer than this (ms) is not waited for: the response is returned as is, and a 429
   * pauses the client's other calls for at most this long. Default: 60 000.
   */
  maxRetryAfterMs?: number;
  /** Extra headers for every request. With `withOptions` they are added to the current client's. */
  headers?: HeadersOptions;
  /** `"off"`, `"error"`, `"warn"`, `"info"` (retried attempts) or `"debug"` (every attempt). Default: `KAPSO_LOG`, else `"warn"`. */
  logLevel?: KapsoLogLevel;
  /** Receives the log lines. Default: `console`. */
  logger?: KapsoLogger;
}

/** Options of `createKapsoClient`; the openapi-fetch options not listed here are passed through. */
export interface KapsoClientOptions
  extends Omit<ClientOptions, "baseUrl" | "fetch" | "headers" | "redirect" | "Request">,
    KapsoClientOverrides {
  /** Sent as `X-API-Key`. Default: `KAPSO_API_KEY` from the environment, read at the first request. */
  apiKey?: string;
  /** Default: `https://api.kapso.ai/platform/v1`. Plain `http:` is accepted only for loopback hosts. */
  baseUrl?: string;
  /** Default: `globalThis.fetch`, looked up at each request. Called as `fetch(request, init)` with a complete, unread Request. */
  fetch?: Fetch;
  /** Allows plain `http:` to a host that is not loopback. The API key then travels unencrypted. */
  allowInsecureHttp?: boolean;
  /**
   * At most this many calls of the client (and of every `withOptions` child) at a time, from the
   * first attempt to the parsed result; the others wait in line in the order they were made.
   * Default: `Infinity`.
   */
  maxConcurrency?: number;
}

/**
 * The openapi-fetch client typed with `Paths` (every Kapso Platform API path by default), plus
 * `withOptions`.
 */
export type KapsoClient<Paths extends {} = paths> = Client<Paths> & {
  /**
   * A client with other settings that shares this one's API key and middleware (`use()` on either
   * registers for both); this client is unchanged.
   *
   * @example
   * ```ts
   * import { createKapsoClient } from "@kapso/client";
   *
   * const kapso = createKapsoClient();
   * const impatient = kapso.withOptions({ timeoutMs: 5_000, maxRetries: 0 });
   * const { data } = await impatient.GET("/whatsapp/phone_numbers");
   * ```
   */
  withOptions(overrides: KapsoClientOverrides): KapsoClient<Paths>;
};

/**
 * Creates the Kapso client: openapi-fetch with the API key, per-attempt timeouts, safe retries and
 * optional logging. Options are checked here (a `KapsoConfigError` names a bad one); the key is
 * read at the first request, so a missing key is reported there.
 *
 * @example
 * ```ts
 * import { createKapsoClient } from "@kapso/client";
 *
 * const kapso = createKapsoClient({ timeoutMs: 10_000 });
 * const { data, error } = await kapso.GET("/workflows", { params: { query: { status: "active" } } });
 * ```
 */
export function createKapsoClient<Paths extends {} = paths>(
  options?: KapsoClientOptions,
): KapsoClient<Paths> {
  return createKapsoClientWithTiming<Paths>(options, { sleep, random: Math.random });
}

/** `createKapsoClient` with its waits replaceable; for tests, not exported from the package. */
export function createKapsoClientWithTiming<Paths extends {} = paths>(
  options: KapsoClientOptions = {},
  timing: Timing & Partial<Pick<Clock, "now">>,
  defaultBaseUrl: string = DEFAULT_BASE_URL,
): KapsoClient<Paths> {
  const {
    apiKey,
    maxConcurrency = Number.POSITIVE_INFINITY,
    baseUrl = defaultBaseUrl,
    fetch,
    allowInsecureHttp,
    timeoutMs,
    maxResponseBytes,
    maxRetries,
    maxRetryAfterMs,
    logLevel,
    logger,
    headers,
    ...rest
  } = options;
  const settings = resolveSettings(
    {
      timeoutMs: 30_000,
      maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
      maxRetries: 2,
      maxRetryAfterMs: 60_000,
      logLevel: undefined,
      logger: console,
    },
    { timeoutMs, maxResponseBytes, maxRetries, maxRetryAfterMs, logLevel, logger },
  );
  // Said without the value: a key in the wrong field is still a key.
  if (apiKey !== undefined && typeof apiKey !== "string") {
    throw new KapsoConfigError(`apiKey must be a string, got a ${typeof apiKey}`);
  }
  checkFetch(fetch);
  const normalized = normalizeBaseUrl(baseUrl, allowInsecureHttp);
  checkMaxConcurrency(maxConcurrency);
  const inner = createClient<Paths>({
    bodySerializer: serializeBody,
    ...rest,
    headers,
    baseUrl: normalized,
  });
  const shared: Shared = {
    apiKey: keyResolver(apiKey),
    fetch,
    timing,
    baseUrl: normalized,
    originPrefix: originPrefix(normalized),
    rateLimit: new RateLimitState({ now: timing.now ?? (() => Date.now()), sleep: timing.sleep }),
    concurrency:
      maxConcurrency === Number.POSITIVE_INFINITY ? undefined : new ConcurrencyLimit(maxConcurrency),
  };
  return bindClient(inner, shared, settings, undefined);
}

function checkFetch(fetch: unknown): void {
  if (fetch !== undefined && typeof fetch !== "function") {
    throw new KapsoConfigError(
      `fetch must be a function, got ${fetch === null ? "null" : `a ${typeof fetch}`}`,
    );
  }
}

interface Settings {
  timeoutMs: number;
  maxResponseBytes: number;
  maxRetries: number;
  maxRetryAfterMs: number;
  logLevel: KapsoLogLevel | undefined;
  logger: KapsoLogger;
}

/** What every client derived from one `createKapsoClient` call shares. */
interface Shared {
  apiKey: () => string;
  fetch: Fetch | undefined;
  timing: Timing;
  /** The normalized base URL (no trailing slash). */
  baseUrl: string;
  originPrefix: string;
  /** One rate-limit state: a 429 seen by any call pauses them all. */
  rateLimit: RateLimitState;
  /** The `maxConcurrency` line; undefined when unlimited. */
  concurrency: ConcurrencyLimit | undefined;
}

function resolveSettings(current: Settings, overrides: KapsoClientOverrides): Settings {
  const next = { ...current };
  for (const key of [
    "timeoutMs",
    "maxResponseBytes",
    "maxRetries",
    "maxRetryAfterMs",
    "logLevel",
    "logger",
  ] as const) {
    if (overrides[key] !== undefined) (next as Record<string, unknown>)[key] = overrides[key];
  }
  // Infinity is a valid timeout: no timer at all (as is anything from 2^31 ms, about 25 days, up).
  checkPositiveNumber("timeoutMs", next.timeoutMs);
  checkPositiveNumber("maxResponseBytes", next.maxResponseBytes);
  checkNonNegativeInteger("maxRetries", next.maxRetries);
  checkNonNegativeNumber("maxRetryAfterMs", next.maxRetryAfterMs);
  checkLogger(next.logger);
  next.logLevel = resolveLogLevel(next.logLevel);
  return next;
}

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

type Result = { data?: unknown; error?: unknown; response: Response };
type Init = {
  headers?: HeadersOptions;
  fetch?: unknown;
  signal?: AbortSignal | null;
  parseAs?: string;
  baseUrl?: unknown;
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
};
type Send = (method: string, path: string, init?: Init) => Promise<Result>;

/**
 * A signal of the request's own that follows the caller's until `release()`. Node's Request follows
 * the signal it is built with through a listener that lasts as long as the Request itself, so a
 * signal shared by many requests would collect one listener per request; given its own signal, each
 * request takes its listener with it, and the caller's signal is left as it was.
 */
function ownSignal(callerSignal: AbortSignal): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const forward = () => controller.abort(callerSignal.reason);
  if (callerSignal.aborted) forward();
  else callerSignal.addEventListener("abort", forward);
  return { signal: controller.signal, release: () => callerSignal.removeEventListener("abort", forward) };
}

/**
 * The client object: every method sends through the one openapi-fetch client (so middleware is
 * shared), handing it this client's own `fetch` per call.
 */
function bindClient<Paths extends {}>(
  inner: Client<Paths>,
  shared: Shared,
  settings: Settings,
  extraHeaders: HeadersOptions | undefined,
): KapsoClient<Paths> {
  const { concurrency, baseUrl, ...forFetch } = shared;
  const kapsoFetch = createKapsoFetch({
    ...forFetch,
    timeoutMs: settings.timeoutMs,
    maxResponseBytes: settings.maxResponseBytes,
    maxRetries: settings.maxRetries,
    maxRetryAfterMs: settings.maxRetryAfterMs,
    log: attemptLog(settings.logLevel ?? "warn", settings.logger),
  });
  const request = inner.request as unknown as Send;
  const send: Send = async (method, path, init) => {
    const params = checkedParams(path, init, shared.originPrefix);
    // A `fetch` given for one call replaces the client's, as in openapi-fetch, but runs under the
    // same key, origin rule, timeouts, retries and body limits.
    const call: CallState = { stream: init?.parseAs === "stream" };
    if (init?.fetch !== undefined) {
      checkFetch(init.fetch);
      call.fetch = init.fetch as Fetch;
    }
    const callerSignal = init?.signal ?? undefined;
    const own = callerSignal && ownSignal(callerSignal);
    let endCall: (() => void) | undefined;
    try {
      // maxConcurrency: waits for a place in line; an abort leaves the line at once.
      if (concurrency) endCall = await concurrency.acquire(callerSignal);
      const result = await request(method, path, {
        ...init,
        ...(params && { params }),
        fetch: (req: Request, ext?: RequestInit) => kapsoFetch(req, ext, call),
        ...(own && { signal: own.signal }),
        headers: extraHeaders ? mergeHeaders(extraHeaders, init?.headers) : init?.headers,
      });
      // openapi-fetch results do not say which request they answer; a failed one carries its method
      // (not enumerable, so the result still compares equal to openapi-fetch's) for `unwrap`'s message.
      if (!result.response.ok) Object.defineProperty(result, "method", { value: method });
      return result;
    } catch (error) {
      throw typedError(error, call, method, path);
    } finally {
      // A streamed body is still arriving when the result is returned, and must stay abortable.
      if (init?.parseAs !== "stream") own?.release();
      endCall?.();
    }
  };
  const client: Record<string, unknown> = {
    request: (method: string, path: string, init?: object) => send(method.toUpperCase(), path, init),
    use: inner.use,
    eject: inner.eject,
    withOptions: (overrides: KapsoClientOverrides) =>
      bindClient(
        inner,
        shared,
        resolveSettings(settings, overrides),
        overrides.headers ? mergeHeaders(extraHeaders, overrides.headers) : extraHeaders,
      ),
  };
  for (const method of METHODS) client[method] = (path: string, init?: object) => send(method, path, init);
  // Read by the media helpers, which need the route outside the versioned base URL.
  Object.defineProperty(client, BASE_URL_KEY, { value: baseUrl });
  return client as unknown as KapsoClient<Paths>;
}

/**
 * The route, origin and query checks of one call, before openapi-fetch builds the request; the
 * params to send when the query needed normalizing.
 */
function checkedParams(path: string, init: Init | undefined, prefix: string): Init["params"] | undefined {
  if (init?.baseUrl !== undefined) checkBaseUrlOverride(init.baseUrl, prefix);
  checkPathParams(path, init?.params?.path);
  const query = init?.params?.query;
  if (!query) return undefined;
  const normalized = normalizeQuery(query);
  return normalized === query ? undefined : { ...init.params, query: normalized };
}

/**
 * What a call that failed throws: the typed error for a transport failure (once `onError` middleware
 * has seen what `fetch` threw, and returned nothing), a `KapsoResponseError` for a body openapi-fetch
 * could not parse, and anything else (the caller's abort reason, an error middleware returned) as is.
 */
function typedError(error: unknown, call: CallState, method: string, path: string): unknown {
  if (call.failure && error === (call.failure.error || call.failure.typed)) return call.failure.typed;
  const { response, bytes } = call;
  if (error instanceof SyntaxError && response && bytes && !(error instanceof KapsoError)) {
    return new KapsoResponseError({
      problem: "the body is not valid JSON",
      status: response.status,
      contentType: response.headers.get("content-type"),
      bytes,
      method,
      path: pathOf(response.url) || path,
    });
  }
  return error;
}

// The key lives only in this closure: nothing reachable from the client object (or printed by
// util.inspect / JSON.stringify of it) holds it.
function keyResolver(explicit: string | undefined): () => string {
  let key: string | undefined;
  return () => {
    key ??= resolveKey(explicit);
    return key;
  };
}

function resolveKey(explicit: string | undefined): string {
  let found = explicit;
  try {
    found ??= readEnv("KAPSO_API_KEY")?.trim();
  } catch (error) {
    if (isPermissionError(error)) {
      throw new KapsoConfigError(
        "No Kapso API key: cannot read KAPSO_API_KEY: permission denied (run with --allow-env=KAPSO_API_KEY or pass apiKey)",
      );
    }
  }
  if (!found) {
    throw new KapsoConfigError(
      "No Kapso API key: pass createKapsoClient({ apiKey }) or set the KAPSO_API_KEY environment variable",
    );
  }
  // Header validation errors in some runtimes quote the offending value; check first so they never do.
  if (!/^[\x21-\x7e]+$/.test(found)) {
    throw new KapsoConfigError("The Kapso API key has characters not allowed in a header");
  }
  return found;
}
