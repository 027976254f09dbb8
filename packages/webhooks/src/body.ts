import { KapsoWebhookError } from "./errors.js";
import { checkSecret, checkSignatureHeader, type WebhookBody } from "./signature.js";

/**
 * The default cap on a delivery's body: 5 MB. Kapso's largest delivery is a batch of at most 100
 * events of a few kilobytes each, well under 1 MB, and Meta caps its own webhook payloads at 3 MB.
 */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

export function checkMaxBodyBytes(maxBodyBytes: unknown): number {
  if (maxBodyBytes === undefined) return DEFAULT_MAX_BODY_BYTES;
  if (typeof maxBodyBytes !== "number" || !Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new TypeError(`maxBodyBytes must be a positive integer, got ${String(maxBodyBytes)}`);
  }
  return maxBodyBytes;
}

const tooLarge = (maxBodyBytes: number) =>
  new KapsoWebhookError({
    reason: "payload_too_large",
    message: `The request body is larger than maxBodyBytes (${maxBodyBytes} bytes); it was not read further.`,
  });

async function discard(body: ReadableStream<Uint8Array> | null): Promise<void> {
  // Cancelling tells the sender's side to stop; a stream that cannot be cancelled is left as it is.
  await body?.cancel().catch(() => undefined);
}

/**
 * The raw body of a Fetch `Request`, read up to `maxBodyBytes`: a declared `Content-Length` past the
 * cap is refused before reading, and a body without one (chunked) is counted while it streams and
 * cancelled as soon as it passes the cap. At most the cap plus one chunk is held.
 */
export async function readCappedBody(
  request: Request,
  maxBodyBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  if (request.bodyUsed) {
    throw new KapsoWebhookError({
      reason: "invalid_payload",
      message:
        "The request body was already read (for example by request.json()) before the webhook could verify it; pass the untouched Request.",
    });
  }
  const declared = request.headers.get("content-length")?.trim();
  if (declared && /^\d+$/.test(declared) && Number(declared) > maxBodyBytes) {
    await discard(request.body);
    throw tooLarge(maxBodyBytes);
  }
  if (!request.body) return new Uint8Array(0);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBodyBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBodyBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * What a receiver does before verifying: refuse a request that cannot be signed without reading its
 * body, then read the body under the cap.
 */
export async function receiveBody(request: Request, maxBodyBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  try {
    checkSignatureHeader(request.headers.get("x-webhook-signature"));
  } catch (error) {
    await discard(request.body);
    throw error;
  }
  return readCappedBody(request, maxBodyBytes);
}

/**
 * A `construct*WebhookEvent` function for a Fetch `Request`: the secret and the cap are checked, the
 * body is read by {@link receiveBody}, then handed to `construct` with the request's headers.
 */
export async function receiveRequest<Delivery>(
  request: Request,
  options: { secret: string; maxBodyBytes?: number },
  construct: (input: { body: WebhookBody; headers: Headers; secret: string }) => Promise<Delivery>,
): Promise<Delivery> {
  checkSecret(options.secret);
  const maxBodyBytes = checkMaxBodyBytes(options.maxBodyBytes);
  return construct({
    body: await receiveBody(request, maxBodyBytes),
    headers: request.headers,
    secret: options.secret,
  });
}
