// Reading a response body inside its attempt: under the attempt's timer, within a byte limit, and
// with a failure mid-body reported like a failure before the headers (so the retry policy applies).
import { KapsoResponseError } from "./errors.js";

/** Error bodies are kept up to this many bytes; the rest is cancelled and the cut marked. */
export const MAX_ERROR_BODY_BYTES = 65_536;

/** The default `maxResponseBytes`: far above any Kapso page, far below what would hurt a process. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

// Statuses whose Response may not carry a body.
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

const noop = () => {};

/**
 * Reads `response`'s body whole and returns a Response with the same status, headers and URL whose
 * body is those bytes, for openapi-fetch to parse. A success body larger than `maxBytes` is a
 * `KapsoResponseError`; an error body is cut at 64 KB and ends with a note saying so. Rejects with the
 * signal's reason when it aborts (the attempt's timer, or the caller) even if the `fetch` in use does
 * not honour signals, and with the stream's own error when the connection fails mid-body.
 */
export async function bufferedResponse(
  response: Response,
  maxBytes: number,
  signal: AbortSignal,
  request: { method: string; path: string },
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
      ...request,
    });
  }
  const body = cut ? concat([bytes, new TextEncoder().encode(`… [cut after ${limit} bytes]`)]) : bytes;
  let copy: Response;
  try {
    copy = new Response(NULL_BODY.has(status) ? null : (body as Uint8Array<ArrayBuffer>), {
      status,
      statusText: response.statusText,
      headers: response.headers,
    });
  } catch {
    // A status the Response constructor refuses (outside 200-599): nothing openapi-fetch can read.
    throw new KapsoResponseError({
      problem: `status ${status} is not a valid HTTP status`,
      status,
      contentType: response.headers.get("content-type"),
      bytes,
      ...request,
    });
  }
  // The copy has no URL of its own; errors name the request's path from it.
  Object.defineProperty(copy, "url", { value: response.url });
  return { response: copy, bytes };
}

async function readBytes(
  response: Response,
  limit: number,
  signal: AbortSignal,
): Promise<{ bytes: Uint8Array; cut: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) return { bytes: new Uint8Array(0), cut: false };
  const stop = () => reader.cancel(signal.reason).catch(noop);
  signal.addEventListener("abort", stop);
  const chunks: Uint8Array[] = [];
  let size = 0;
  let cut = false;
  try {
    for (;;) {
      signal.throwIfAborted();
      const { done, value } = await reader.read();
      // A cancel on abort ends the stream as if it were complete: the abort decides.
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
  } finally {
    signal.removeEventListener("abort", stop);
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
