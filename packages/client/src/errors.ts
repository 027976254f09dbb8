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
const DETAIL_FIELDS = ["error", "title", "message", "detail", "error_description"];

/** The API answered with a non-2xx status. */
export class KapsoApiError extends KapsoError {
  override name = "KapsoApiError";
  declare readonly status: number;
  /** `code` from the error body when it has one (`body.code` or `body.error.code`). */
  declare readonly code: string | undefined;
  declare readonly requestId: string | undefined;
  /** How long the server asked to wait (`Retry-After`), in milliseconds. */
  declare readonly retryAfterMs: number | undefined;
  declare readonly method: string;
  declare readonly path: string;
  declare readonly context: KapsoErrorContext | undefined;
  declare readonly body: unknown;

  constructor(init: KapsoApiErrorInit) {
    const { status, statusText, headers, path, context } = init;
    const method = init.method.toUpperCase();
    let { body } = init;
    if (typeof body === "string" && body.length > MAX_TEXT_BODY) {
      body = `${body.slice(0, MAX_TEXT_BODY)}… [${body.length - MAX_TEXT_BODY} more characters]`;
    }
    const requestId = REQUEST_ID_HEADERS.map((name) => headers?.get(name)).find(Boolean) as
      | string
      | undefined;
    const fields = (body && typeof body === "object" ? body : {}) as Record<
      string,
      { code?: unknown; message?: unknown } | undefined
    >;
    // Kapso errors use `error`/`message`; Prism's validation errors are RFC 9457 problem details. A
    // field may hold the text itself or an object with a `message`.
    const detail =
      typeof body === "string"
        ? body.trim().slice(0, 200)
        : [
            ...new Set(
              DETAIL_FIELDS.map((key) => fields[key]?.message ?? fields[key]).filter(
                (text) => text && typeof text === "string",
              ),
            ),
          ].join(": ");
    const where = Object.entries(context ?? {})
      .flatMap(([key, value]) => (value === undefined ? [] : `${key}=${value}`))
      .join(", ");
    super(
      `Kapso API ${status}${statusText ? ` ${statusText}` : ""} on ${method} ${path}${detail ? `: ${detail}` : ""}` +
        `${where ? ` (${where})` : ""}${requestId ? ` [request id ${requestId}]` : ""}`,
    );
    const code = [fields.code, fields.error?.code].find((value) => typeof value === "string");
    const retryAfterMs = parseRetryAfter(headers?.get("retry-after"));
    Object.assign(this, { status, code, requestId, retryAfterMs, method, path, context, body });
  }

  /** Builds the error from an openapi-fetch result (`error` is the body openapi-fetch already parsed). */
  static fromResult(
    result: { error?: unknown; response: Response },
    request?: { method?: string; context?: KapsoErrorContext },
  ): KapsoApiError {
    const { response } = result;
    const sent = sentRequests.get(response);
    return new KapsoApiError({
      status: response.status,
      statusText: response.statusText,
      body: result.error,
      headers: response.headers,
      method: request?.method ?? sent?.method ?? "GET",
      path: pathOf(sent?.url ?? response.url),
      context: request?.context,
    });
  }

  toJSON(): this & { name: string; message: string } {
    // `name` is an own field, so the spread has it; `message` is not enumerable.
    return { ...this, message: this.message };
  }
}

// openapi-fetch results carry the response but not the request; the client's fetch records the request
// of failed responses here so that `unwrap()` and `fromResult()` can name its method and path.
export const sentRequests = new WeakMap<Response, Request>();

/** Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds; undefined when absent or invalid. */
export function parseRetryAfter(value: string | null | undefined): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(+trimmed * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Path of a URL, without origin or query string (which may carry identifiers worth keeping out of logs). */
export function pathOf(url: string): string {
  return safeUrl(url)?.pathname ?? (url.split("?")[0] as string);
}

/** `new URL(value)`, or undefined when `value` is not an absolute URL. */
export function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
