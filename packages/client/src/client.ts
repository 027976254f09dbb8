import type { paths } from "@kapso/types";
import type { Client, ClientOptions } from "openapi-fetch";
import * as openapiFetch from "openapi-fetch";
import { KapsoConfigError, safeUrl } from "./errors.js";
import { createKapsoFetch, type KapsoFetchInternals, KapsoRequest } from "./fetch.js";
import { checkNumberOption } from "./options.js";
import { sleep } from "./retry.js";

// The CommonJS build sees openapi-fetch through Node's ESM-to-CJS interop, which hands over the whole
// `exports` object as `default`; unwrap it once so both builds get the function.
const createClient: typeof openapiFetch.default =
  (openapiFetch.default as { default?: typeof openapiFetch.default }).default ?? openapiFetch.default;

/** The openapi-fetch client typed with every Kapso Platform API path. */
export type KapsoClient = Client<paths>;

export const DEFAULT_BASE_URL = "https://api.kapso.ai/platform/v1";

export interface KapsoClientOptions
  extends Omit<ClientOptions, "baseUrl" | "fetch" | "headers" | "redirect" | "Request"> {
  /** Sent as `X-API-Key`. Default: `KAPSO_API_KEY` from the environment, read at the first request. */
  apiKey?: string;
  /** Default: `https://api.kapso.ai/platform/v1`. Plain `http:` is accepted only for loopback hosts. */
  baseUrl?: string;
  /** Default: `globalThis.fetch`, looked up at each request. Called as `fetch(request, init)` or `fetch(url, init)`. */
  fetch?: (input: Request | string, init: RequestInit) => Promise<Response>;
  /** Limit for one attempt, until the response headers arrive. Default: 30 000. */
  timeoutMs?: number;
  /** Attempts after the first; see the retry policy. Default: 2. */
  maxRetries?: number;
  /** A `Retry-After` longer than this is not waited for: the response is returned as is. Default: 60 000. */
  maxRetryAfterMs?: number;
  /** Allows plain `http:` to a host that is not loopback. The API key then travels unencrypted. */
  allowInsecureHttp?: boolean;
  /** Extra headers for every request. */
  headers?: ClientOptions["headers"];
}

export type { KapsoFetchInternals as ClientInternals } from "./fetch.js";

/**
 * Creates the Kapso client: openapi-fetch with the API key, per-attempt timeouts and safe retries.
 * Nothing is read from the environment until the first request.
 */
// One function serves both: tests pass their own timing hooks as a second argument, which the public
// signature does not show.
export const createKapsoClient: (options?: KapsoClientOptions) => KapsoClient = buildKapsoClient;

export function buildKapsoClient(
  options: KapsoClientOptions = {},
  internals: KapsoFetchInternals = { sleep, random: Math.random },
): KapsoClient {
  const {
    apiKey,
    baseUrl = DEFAULT_BASE_URL,
    fetch,
    timeoutMs = 30_000,
    maxRetries = 2,
    maxRetryAfterMs = 60_000,
    allowInsecureHttp,
    ...rest
  } = options;
  // Infinity is a valid timeout: no timer at all (as is anything from 2^31 ms, about 25 days, up).
  checkNumberOption("timeoutMs", timeoutMs, true, false);
  checkNumberOption("maxRetries", maxRetries, false, true);
  checkNumberOption("maxRetryAfterMs", maxRetryAfterMs, false, false);
  const kapsoFetch = createKapsoFetch(
    keyResolver(apiKey),
    fetch,
    timeoutMs,
    maxRetries,
    maxRetryAfterMs,
    internals,
  );
  return createClient<paths>({
    ...rest,
    baseUrl: normalizeBaseUrl(baseUrl, allowInsecureHttp),
    fetch: kapsoFetch as ClientOptions["fetch"],
    Request: KapsoRequest,
  });
}

/** Validates a base URL and strips trailing slashes; throws `KapsoConfigError` when it cannot be used safely. */
export function normalizeBaseUrl(baseUrl: string, allowInsecureHttp?: boolean): string {
  const url = safeUrl(baseUrl);
  const problem = !url
    ? "is not an absolute URL"
    : !/^https?:$/.test(url.protocol)
      ? "must use https:"
      : url.search || url.hash || url.username || url.password
        ? "must not have a query string, a fragment or credentials"
        : url.protocol === "http:" &&
          !allowInsecureHttp &&
          !/^(localhost|\[::1\]|127\.\d+\.\d+\.\d+)$/.test(url.hostname) &&
          "uses plain http:, which exposes the API key; use https:, a loopback host or allowInsecureHttp: true";
  if (problem) throw new KapsoConfigError(`baseUrl ${JSON.stringify(baseUrl)} ${problem}`);
  return (url as URL).href.replace(/\/+$/, "");
}

// The key lives only in this closure: nothing reachable from the client object (or printed by
// util.inspect / JSON.stringify of it) holds it.
function keyResolver(explicit: string | undefined): () => string {
  let key: string | undefined;
  return () => (key ??= resolveKey(explicit));
}

function resolveKey(explicit: string | undefined): string {
  let found = explicit;
  try {
    found ??= (
      globalThis as { process?: { env?: Record<string, string | undefined> } }
    ).process?.env?.KAPSO_API_KEY?.trim();
  } catch {
    // Deno without --allow-env throws on access.
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
