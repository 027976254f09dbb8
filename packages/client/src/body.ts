// Reading a response body inside its attempt: under the attempt's timer, within a byte limit, and
// with a failure mid-body reported like a failure before the headers (so the retry policy applies).
import { KapsoResponseError } from "./errors.js";
import { pathOf } from "./url.js";

/** Error bodies are kept up to this many bytes; the rest is cancelled and the cut marked. */
export const MAX_ERROR_BODY_BYTES = 65_536;

/** The default `maxResponseBytes`: far above any Kapso page, far below what would hurt a process. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

// Statuses whose Response may not carry a body.
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

const noop = () => {};
const UTF8 = new TextDecoder();

/**
 * Reads `response`'s body whole and returns a Response with the same status, headers and URL whose
 * body is those bytes, for openapi-fetch to parse. A success body larger than `maxBytes` is a
 * `KapsoResponseError`; an error body is cut at 64 KB and ends with a note saying so. Rejects when the
 * signal aborts (the attempt's timer, or the caller), and with the stream's own error when the
 * connection fails mid-body.
 */
export async function bufferedResponse(
  response: Response,
  maxBytes: number,
  signal: AbortSignal,
  request: Request,
): Promise<{ response: Response; bytes: Uint8Array }> {
  const { status, ok } = response;
  const limit = ok ? maxBytes : MAX_ERROR_BODY_BYTES;
  const { bytes, cut } = await readBytes(response, limit, signal);
  if (cut && ok) {
    throw new KapsoResponseError({
      problem: `the body is larger than maxResponseBytes (${maxBytes} bytes)`,
      status,
      contentType: response.headers.get("content-type"),
      bytes,
      method: request.method,
      path: pathOf(request.url),
    });
  }
  const body = cut ? concat([bytes, new TextEncoder().encode(`… [cut after ${limit} bytes]`)]) : bytes;
  let copy: Response;
  try {
    copy = new BufferedResponse(NULL_BODY.has(status) ? new Uint8Array(0) : body, response);
  } catch {
    // A status the Response constructor refuses (outside 200-599): nothing openapi-fetch can read.
    throw new KapsoResponseError({
      problem: `status ${status} is not a valid HTTP status`,
      status,
      contentType: response.headers.get("content-type"),
      bytes,
      method: request.method,
      path: pathOf(request.url),
    });
  }
  return { response: copy, bytes };
}

/**
 * A Response whose body has already been read into memory. Built without a body stream (a Response
 * built from bytes costs as much again as the request itself), it answers `text()`, `json()` and the
 * other readers from the bytes, any number of times, and `clone()` and `body` from them too, so
 * middleware and openapi-fetch read it as they would any Response.
 */
class BufferedResponse extends Response {
  readonly #bytes: Uint8Array;
  readonly #url: string;
  readonly #headers: Headers;

  constructor(bytes: Uint8Array, from: Pick<Response, "status" | "statusText" | "headers" | "url">) {
    super(null, { status: from.status, statusText: from.statusText });
    this.#bytes = bytes;
    this.#url = from.url;
    // The response's own headers, not a copy: copying them costs more than the rest of the wrapper.
    this.#headers = from.headers;
  }

  override get url(): string {
    return this.#url;
  }

  override get headers(): Headers {
    return this.#headers;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    if (this.#bytes.length === 0) return null;
    const bytes = this.#bytes.slice();
    return new ReadableStream({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
  }

  override get bodyUsed(): boolean {
    return false;
  }

  override async text(): Promise<string> {
    return UTF8.decode(this.#bytes);
  }

  override async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    return this.#bytes.slice().buffer;
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.#bytes.slice();
  }

  override async blob(): Promise<Blob> {
    return new Blob([this.#bytes.slice()], { type: this.headers.get("content-type") ?? "" });
  }

  override async formData(): Promise<FormData> {
    return new Response(this.#bytes.slice(), { headers: this.headers }).formData();
  }

  override clone(): Response {
    return new BufferedResponse(this.#bytes, this);
  }
}

async function readBytes(
  response: Response,
  limit: number,
  signal: AbortSignal,
): Promise<{ bytes: Uint8Array; cut: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) return { bytes: new Uint8Array(0), cut: false };
  // fetch errors the body stream when the attempt's signal aborts (the timer, or the caller), so a
  // stalled body ends with the timeout like stalled headers do; between chunks the signal is checked.
  const chunks: Uint8Array[] = [];
  let size = 0;
  let cut = false;
  try {
    for (;;) {
      signal.throwIfAborted();
      const { done, value } = await reader.read();
      signal.throwIfAborted();
      if (done) break;
      if (size + value.byteLength > limit) {
        chunks.push(value.subarray(0, limit - size));
        size = limit;
        cut = true;
        reader.cancel().catch(noop);
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } catch (error) {
    reader.cancel().catch(noop);
    throw error;
  }
  return { bytes: chunks.length === 1 ? (chunks[0] as Uint8Array) : concat(chunks), cut };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const chunk of chunks) size += chunk.byteLength;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
