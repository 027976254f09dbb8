import { getRateLimit, type RateLimit } from "./rate-limit.js";
import { parseRetryAfter } from "./retry.js";
import { pathOf } from "./url.js";

/** Base class of every error this SDK throws; `instanceof KapsoError` catches them all. */
export class KapsoError extends Error {
  /** Always `"KapsoError"`, so logs name the error even where the class is not at hand. */
  override name = "KapsoError";

  /**
   * The fields and the message, for structured logs (`message` is not an own enumerable property).
   * Never throws, and neither does `JSON.stringify` of what it returns: a field JSON cannot hold (a
   * bigint or a cycle in a body built by hand) is replaced by a note.
   */
  toJSON(): Record<string, unknown> {
    const fields: Record<string, unknown> = { ...(this as object), message: this.message };
    for (const key in fields) {
      try {
        JSON.stringify(fields[key]);
      } catch {
        fields[key] = "[not serializable]";
      }
    }
    return fields;
  }
}

/** Header values copied into messages and fields are cut to this many characters. */
export const MAX_HEADER_TEXT = 200;

/** A header value as errors keep it: a hostile server can send kilobytes in one. */
export function cappedHeader(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  return value.length > MAX_HEADER_TEXT ? `${value.slice(0, MAX_HEADER_TEXT)}…` : value;
}

/** The client was configured in a way that cannot work (no API key, an unsafe base URL, an option out of range). */
export class KapsoConfigError extends KapsoError {
  /** Always `"KapsoConfigError"`, so logs name the error even where the class is not at hand. */
  override name = "KapsoConfigError";
}

/** The request never got an HTTP response: DNS, TCP, TLS, a dropped connection or a refused redirect. */
export class KapsoConnectionError extends KapsoError {
  /** Always `"KapsoConnectionError"`, so logs name the error even where the class is not at hand. */
  override name = "KapsoConnectionError";
}

/** What a `KapsoResponseError` is built from. */
export interface KapsoResponseErrorInit {
  /** What is wrong with the response, e.g. "the body is not valid JSON". */
  problem: string;
  /** HTTP status of the response. */
  status: number;
  /** The response's `content-type` header. */
  contentType?: string | null;
  /** The body, or as much of it as was read. */
  bytes?: Uint8Array;
  /** HTTP method of the request. */
  method?: string;
  /** Path of the request URL, without origin or query string. */
  path: string;
}

/** How many bytes of a body a `KapsoResponseError` quotes. */
const BODY_START_BYTES = 64;

/**
 * The API answered, but with something the client cannot read: a success body that is not what its
 * content type says (cut JSON, an HTML page, random bytes), one larger than `maxResponseBytes`, or a
 * status no HTTP response may have. It is never retried.
 */
export class KapsoResponseError extends KapsoError {
  /** Always `"KapsoResponseError"`, so logs name the error even where the class is not at hand. */
  override name = "KapsoResponseError";
  /** HTTP status of the response. */
  readonly status: number;
  /** The response's `content-type` (cut to 200 characters); undefined when it had none. */
  readonly contentType: string | undefined;
  /** The first 64 bytes of the body, decoded as UTF-8. */
  readonly bodyStart: string;
  /** HTTP method of the request, upper case. */
  readonly method: string | undefined;
  /** Path of the request URL, without origin or query string. */
  readonly path: string;

  constructor(init: KapsoResponseErrorInit) {
    const contentType = cappedHeader(init.contentType);
    const bodyStart = new TextDecoder().decode(init.bytes?.subarray(0, BODY_START_BYTES));
    const method = init.method?.toUpperCase();
    super(
      `Kapso API ${init.status} on ${method ? `${method} ` : ""}${init.path}: ${init.problem} ` +
        `(content-type ${contentType ? JSON.stringify(contentType) : "none"}, body starts ${JSON.stringify(bodyStart)})`,
    );
    this.status = init.status;
    this.contentType = contentType;
    this.bodyStart = bodyStart;
    this.method = method;
    this.path = init.path;
  }
}

/** One attempt took longer than `timeoutMs`. */
export class KapsoTimeoutError extends KapsoConnectionError {
  /** Always `"KapsoTimeoutError"`, so logs name the error even where the class is not at hand. */
  override name = "KapsoTimeoutError";
}

/** Where the failing request came from, for callers that add context (for example a paginator). */
export type KapsoErrorContext = Record<string, string | number | boolean | null | undefined>;

/** What a `KapsoApiError` is built from; `KapsoApiError.fromResult` fills it from an openapi-fetch result. */
export interface KapsoApiErrorInit {
  /** HTTP status of the response, e.g. 404. */
  status: number;
  /** Reason phrase of the response, e.g. `"Not Found"`; HTTP/2 responses have none. */
  statusText?: string;
  /** Parsed JSON body, or the text body (cut to 4096 characters by the error). */
  body: unknown;
  /** Response headers: the request id and `Retry-After` are read from them. */
  headers?: Headers;
  /** HTTP method of the request; left out of the message when unknown. */
  method?: string;
  /** Path of the request URL, without origin or query string. */
  path: string;
  /** Extra facts for the message, e.g. `{ page: 3 }`, shown as `(page=3)`. */
  context?: KapsoErrorContext;
}

/** Text bodies (HTML error pages, proxies) are cut to this many characters. */
export const MAX_TEXT_BODY = 4096;

const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid", "cf-ray"];
const DETAIL_FIELDS = ["error", "title", "message", "detail", "error_description"];

type ErrorFields = Record<string, { code?: unknown; message?: unknown; error_subcode?: unknown } | undefined>;

/** A code as the body gives it: text (Kapso's own), or a number (Meta's); anything else counts as absent. */
function codeOf(...candidates: unknown[]): string | number | undefined {
  return candidates.find((value) => (typeof value === "string" && value !== "") || Number.isFinite(value)) as
    | string
    | number
    | undefined;
}

/** The API answered with a non-2xx status. */
export class KapsoApiError extends KapsoError {
  /** Always `"KapsoApiError"`, so logs name the error even where the class is not at hand. */
  override name = "KapsoApiError";
  /** HTTP status of the response, e.g. 404. */
  readonly status: number;
  /**
   * `code` from the error body when it has one: Kapso's own as text (`body.code`, e.g.
   * `"marketing_preference_stopped"`, `"thread_not_owner"`), or Meta's as a number (`body.error.code`
   * of the Meta proxy's Graph-style errors, e.g. 131047). Undefined when absent.
   */
  readonly code: string | number | undefined;
  /** Meta's finer code (`body.error.error_subcode`, e.g. 2494010); undefined when absent. */
  readonly subcode: string | number | undefined;
  /** The request id the server or a proxy in front of it sent (`x-request-id`, `request-id`, `x-amzn-requestid`, `cf-ray`). */
  readonly requestId: string | undefined;
  /** How long the server asked to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** Where the API key stands, from the response's rate-limit headers (see `getRateLimit`); undefined without them. */
  readonly rateLimit: RateLimit | undefined;
  /** HTTP method of the request, upper case; undefined when the result did not tell (a bare openapi-fetch client). */
  readonly method: string | undefined;
  /** Path of the request URL, without origin or query string. */
  readonly path: string;
  /** Extra facts the caller added, e.g. the page of a walk. */
  readonly context: KapsoErrorContext | undefined;
  /** Parsed JSON body, or the text body cut to 4096 characters; undefined for an empty body. */
  readonly body: unknown;

  constructor(init: KapsoApiErrorInit) {
    const { status, statusText, headers, path, context } = init;
    const method = init.method?.toUpperCase();
    const body = cutText(init.body);
    const requestId = cappedHeader(REQUEST_ID_HEADERS.map((name) => headers?.get(name)).find(Boolean));
    const fields = (body && typeof body === "object" ? body : {}) as ErrorFields;
    const where = Object.entries(context ?? {})
      .flatMap(([key, value]) => (value === undefined ? [] : `${key}=${value}`))
      .join(", ");
    const code = codeOf(fields.code, fields.error?.code);
    const subcode = codeOf(fields.error?.error_subcode, fields.error_subcode);
    // Meta's numeric codes are what its documentation is indexed by, so the message carries them;
    // Kapso's text codes are left to the field, as its messages already say the same in words.
    const metaCodes =
      typeof code === "number" ? ` (code ${code}${subcode === undefined ? "" : `, subcode ${subcode}`})` : "";
    const text = detailOf(body, fields);
    const detail = text ? text + metaCodes : metaCodes.trim();
    super(
      `Kapso API ${status}${statusText ? ` ${statusText}` : ""} on ${method ? `${method} ` : ""}${path}` +
        `${detail ? `: ${detail}` : ""}${where ? ` (${where})` : ""}${requestId ? ` [request id ${requestId}]` : ""}`,
    );
    this.status = status;
    this.code = code;
    this.subcode = subcode;
    this.requestId = requestId;
    this.retryAfterMs = parseRetryAfter(headers?.get("retry-after"));
    this.rateLimit = headers && getRateLimit({ headers });
    this.method = method;
    this.path = path;
    this.context = context;
    this.body = body;
  }

  /**
   * Builds the error from an openapi-fetch result (`error` is the body openapi-fetch already parsed).
   * The method comes from `request.method`, else from `result.method`, which the results of a
   * `createKapsoClient` client carry when they failed; a bare openapi-fetch result has none, and the
   * message then names only the path.
   */
  static fromResult(
    result: { error?: unknown; response: Response; method?: string },
    request?: { method?: string; context?: KapsoErrorContext },
  ): KapsoApiError {
    const { response } = result;
    // A plain `new` of this class by name here would make bundlers rename the class to refer to
    // itself (`_KapsoApiError` in stack traces); `createApiError` sits outside the class body.
    return createApiError({
      status: response.status,
      statusText: response.statusText,
      body: result.error,
      headers: response.headers,
      method: request?.method ?? result.method,
      path: pathOf(response.url),
      context: request?.context,
    });
  }

  /** The fields and the message, for structured logs; never throws (see `KapsoError.toJSON`). */
  override toJSON(): Record<string, unknown> & { name: string; message: string } {
    return super.toJSON() as Record<string, unknown> & { name: string; message: string };
  }
}

function createApiError(init: KapsoApiErrorInit): KapsoApiError {
  return new KapsoApiError(init);
}

function cutText(body: unknown): unknown {
  if (typeof body !== "string" || body.length <= MAX_TEXT_BODY) return body;
  return `${body.slice(0, MAX_TEXT_BODY)}… [${body.length - MAX_TEXT_BODY} more characters]`;
}

// Kapso errors use `error`/`message`; Prism's validation errors are RFC 9457 problem details. A field
// may hold the text itself or an object with a `message`.
function detailOf(body: unknown, fields: ErrorFields): string {
  if (typeof body === "string") return body.trim().slice(0, 200);
  const texts = DETAIL_FIELDS.map((key) => fields[key]?.message ?? fields[key]).filter(
    (text): text is string => typeof text === "string" && text !== "",
  );
  return [...new Set(texts)].join(": ");
}
