/** Base class of every error this SDK throws; `instanceof KapsoError` catches them all. */
export class KapsoError extends Error {
  override name = "KapsoError";
}

/** The client was configured in a way that cannot work (no API key, an unsafe base URL, ...). */
export class KapsoConfigError extends KapsoError {
  override name = "KapsoConfigError";
}

/** The request never got an HTTP response: DNS, TCP, TLS or a refused redirect. */
export class KapsoConnectionError extends KapsoError {
  override name = "KapsoConnectionError";
}

/** One attempt took longer than `timeoutMs`. */
export class KapsoTimeoutError extends KapsoConnectionError {
  override name = "KapsoTimeoutError";
}

/** Where the failing request came from, for callers that add context (for example a paginator). */
export type KapsoErrorContext = Record<string, string | number | boolean | null | undefined>;

export interface KapsoApiErrorInit {
  status: number;
  statusText?: string;
  /** Parsed JSON body, or the text body cut to {@link MAX_TEXT_BODY} characters. */
  body: unknown;
  headers?: Headers;
  method: string;
  /** Path of the request URL, without origin or query string. */
  path: string;
  context?: KapsoErrorContext;
}

/** Text bodies (HTML error pages, proxies) are cut to this many characters. */
export const MAX_TEXT_BODY = 4096;

const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid", "cf-ray"];

/** The API answered with a non-2xx status. */
export class KapsoApiError extends KapsoError {
  override name = "KapsoApiError";
  readonly status: number;
  readonly body: unknown;
  /** `code` from the error body when it has one (`body.code` or `body.error.code`). */
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  /** How long the server asked to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs: number | undefined;
  readonly method: string;
  readonly path: string;
  readonly context: KapsoErrorContext | undefined;

  constructor(init: KapsoApiErrorInit) {
    const body = typeof init.body === "string" ? truncate(init.body) : init.body;
    const requestId = firstHeader(init.headers, REQUEST_ID_HEADERS);
    super(formatMessage(init, body, requestId));
    this.status = init.status;
    this.body = body;
    this.code = codeOf(body);
    this.requestId = requestId;
    this.retryAfterMs = init.headers ? parseRetryAfter(init.headers.get("retry-after")) : undefined;
    this.method = init.method.toUpperCase();
    this.path = init.path;
    this.context = init.context;
  }

  /** Builds the error from an openapi-fetch result (`error` is the body openapi-fetch already parsed). */
  static fromResult(
    result: { error?: unknown; response: Response },
    request?: { method?: string; context?: KapsoErrorContext },
  ): KapsoApiError {
    const { response } = result;
    const sent = requests.get(response);
    return new KapsoApiError({
      status: response.status,
      statusText: response.statusText,
      body: result.error,
      headers: response.headers,
      method: request?.method ?? sent?.method ?? "GET",
      path: sent?.path ?? pathOf(response.url),
      context: request?.context,
    });
  }

  toJSON() {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      requestId: this.requestId,
      retryAfterMs: this.retryAfterMs,
      method: this.method,
      path: this.path,
      context: this.context,
      body: this.body,
    };
  }
}

// openapi-fetch results carry the response but not the request; the client's fetch records the method
// and path of failed responses here so that `unwrap()` and `fromResult()` can name them.
const requests = new WeakMap<Response, { method: string; path: string }>();

export function rememberRequest(response: Response, method: string, path: string): void {
  requests.set(response, { method, path });
}

/** Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds; undefined when absent or invalid. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Path of a URL, without origin or query string (which may carry identifiers worth keeping out of logs). */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split("?")[0] ?? "";
  }
}

function truncate(text: string): string {
  return text.length > MAX_TEXT_BODY
    ? `${text.slice(0, MAX_TEXT_BODY)}… [${text.length - MAX_TEXT_BODY} more characters]`
    : text;
}

function firstHeader(headers: Headers | undefined, names: string[]): string | undefined {
  for (const name of names) {
    const value = headers?.get(name);
    if (value) return value;
  }
  return undefined;
}

function codeOf(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.code === "string") return record.code;
  const nested = record.error;
  if (nested && typeof nested === "object" && typeof (nested as Record<string, unknown>).code === "string") {
    return (nested as Record<string, string>).code;
  }
  return undefined;
}

// Prism's validation errors use RFC 9457 problem details (`title`, `detail`); Kapso uses `error`/`message`.
function detailOf(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim().slice(0, 200) || undefined;
  if (!body || typeof body !== "object") return undefined;
  const record = body as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ["error", "title", "message", "detail", "error_description"]) {
    const value = record[key];
    const text = typeof value === "string" ? value : messageOf(value);
    if (text && !parts.includes(text)) parts.push(text);
  }
  return parts.length > 0 ? parts.join(": ") : undefined;
}

function messageOf(value: unknown): string | undefined {
  if (!value || typeof value !== "object") return undefined;
  const message = (value as Record<string, unknown>).message;
  return typeof message === "string" ? message : undefined;
}

function formatMessage(init: KapsoApiErrorInit, body: unknown, requestId: string | undefined): string {
  const status = `${init.status}${init.statusText ? ` ${init.statusText}` : ""}`;
  let message = `Kapso API ${status} on ${init.method.toUpperCase()} ${init.path}`;
  const detail = detailOf(body);
  if (detail) message += `: ${detail}`;
  const context = Object.entries(init.context ?? {}).filter(([, v]) => v !== undefined);
  if (context.length > 0) message += ` (${context.map(([k, v]) => `${k}=${v}`).join(", ")})`;
  if (requestId) message += ` [request id ${requestId}]`;
  return message;
}
