// Ways for a server to misbehave, one function each. Every helper takes the `res` a handler got and
// finishes (or deliberately never finishes) the response itself.
import type { OutgoingHttpHeaders, ServerResponse } from "node:http";

/** The status and headers of a faulty response. Defaults: 200, `content-type: application/json`. */
export interface FaultHead {
  status?: number;
  headers?: OutgoingHttpHeaders;
}

function writeHead(res: ServerResponse, head: FaultHead = {}): void {
  res.writeHead(head.status ?? 200, { "content-type": "application/json", ...head.headers });
}

/** Closes the connection before any byte of a response. */
export function dropBeforeHeaders(res: ServerResponse): void {
  res.socket?.destroy();
}

/**
 * Sends the head and the first part of a body, then destroys the connection. The head announces a
 * `content-length` longer than what is sent (unless `headers` sets its own), so the client knows the
 * body is incomplete.
 */
export function dropMidBody(res: ServerResponse, sent = '{"data": [', head: FaultHead = {}): void {
  writeHead(res, { ...head, headers: { "content-length": sent.length + 100, ...head.headers } });
  res.write(sent, () => res.socket?.destroy());
}

/**
 * Sends the head (and `sent`, if given) and then nothing more: the connection stays open until the
 * client gives up or the server is closed.
 */
export function stallAfterHeaders(res: ServerResponse, sent = "", head: FaultHead = {}): void {
  writeHead(res, head);
  res.flushHeaders();
  if (sent) res.write(sent);
}

/** A complete HTTP response whose body is only the first `keep` characters of `text` (e.g. cut JSON). */
export function truncated(res: ServerResponse, text: string, keep: number, head: FaultHead = {}): void {
  writeHead(res, head);
  res.end(text.slice(0, keep));
}

/** A complete HTTP response with exactly these bytes as its body (random bytes, HTML, binary). */
export function sendBytes(res: ServerResponse, body: string | Uint8Array, head: FaultHead = {}): void {
  writeHead(res, head);
  res.end(body);
}

/**
 * Streams a body of `totalBytes` bytes (`prefix` first, then `fill` repeated) without holding it in
 * memory, respecting backpressure: for tests of size limits. Stops when the client goes away.
 */
export function flood(
  res: ServerResponse,
  options: FaultHead & { totalBytes: number; prefix?: string; fill?: string },
): void {
  const { totalBytes, prefix = "", fill = "x" } = options;
  writeHead(res, options);
  const block = Buffer.from(fill.repeat(Math.ceil(65_536 / fill.length)));
  let left = totalBytes;
  if (prefix) {
    res.write(prefix);
    left -= Buffer.byteLength(prefix);
  }
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const chunk = block.subarray(0, Math.min(block.length, left));
      left -= chunk.length;
      if (!res.write(chunk)) return void res.once("drain", pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

/**
 * Writes `raw` (status line, headers, blank line, body) straight onto the connection and closes it:
 * for heads that Node's own response writer refuses to produce (malformed status lines, header
 * values Node would reject, bodies that contradict their framing).
 */
export function rawResponse(res: ServerResponse, raw: string | Uint8Array): void {
  res.socket?.end(raw);
}
