/**
 * The parts of a `node:http` IncomingMessage (or an Express request) the adapter uses, typed here so
 * that this package needs no Node types.
 */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  /** The HTTP method; `GET` when absent. A GET or HEAD is passed on without a body. */
  method?: string;
  /** The request target, path and query string, as on the request line; `/` when absent. */
  url?: string;
  /** Header values by lower-case name, as Node parses them; `host` completes the URL the handler sees. */
  headers: Record<string, string | string[] | undefined>;
  /** Set by body parsers: a Buffer from `express.raw()` or a string from `express.text()` is used as is. */
  body?: unknown;
  /** True once something else read the body stream. */
  readableEnded?: boolean;
}

/** The parts of a `node:http` ServerResponse the adapter uses. */
export interface NodeResponseLike {
  /** Set to the handler's answer status before the body is written. */
  statusCode: number;
  /** Called once per header of the handler's answer. */
  setHeader(name: string, value: string): unknown;
  /** Called once with the whole answer body, which ends the response. */
  end(body?: Uint8Array): unknown;
  /** When true (something else already answered), the adapter leaves the response alone. */
  headersSent?: boolean;
}

const PARSED_BODY_MESSAGE =
  "The request body was parsed before the Kapso webhook handler, so its signature cannot be checked. " +
  "Mount the handler before express.json(), or give its route express.raw({ type: 'application/json' }).";

/** A request body the handler pulls from as it reads, and whether it was read to its end. */
interface StreamedBody {
  stream: ReadableStream<Uint8Array>;
  readonly ended: () => boolean;
}

/**
 * The request's body as a stream that reads from Node only when the handler pulls: a request the
 * handler refuses before reading (no signature, a Content-Length over the cap) is never read, and one
 * it stops reading (past the cap) is not read further. Cancelling only stops reading: destroying the
 * request would close the socket before the answer is written.
 */
function streamedBody(req: NodeRequestLike): StreamedBody {
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<Uint8Array | string> | undefined;
  let ended = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        iterator ??= req[Symbol.asyncIterator]();
        const next = await iterator.next();
        if (next.done) {
          ended = true;
          controller.close();
          return;
        }
        controller.enqueue(typeof next.value === "string" ? encoder.encode(next.value) : next.value);
      },
    },
    // Nothing is read ahead of the handler: the default high-water mark would pull one chunk at once.
    { highWaterMark: 0 },
  );
  return { stream, ended: () => ended };
}

function requestUrl(req: NodeRequestLike): string {
  const path = req.url ?? "/";
  try {
    return new URL(path, `http://${req.headers.host ?? "localhost"}`).href;
  } catch {
    return new URL(path.startsWith("/") ? path : "/", "http://localhost").href;
  }
}

/**
 * Adapts a Fetch-style handler (from `createWebhookHandler` or `createMetaWebhookHandler`) to
 * `node:http`'s `(req, res)`, and so to Express, Fastify's raw mode, Koa's `ctx.req`/`ctx.res` and
 * the like. The body is not buffered here: the handler gets it as a stream that reads from Node as
 * the handler reads, so the handler's signature check and body cap decide how much is read.
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
): (req: NodeRequestLike, res: NodeResponseLike) => Promise<void> {
  return async (req, res) => {
    let response: Response;
    let unreadBody = false;
    try {
      const method = (req.method ?? "GET").toUpperCase();
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
      }
      const url = requestUrl(req);
      if (method === "GET" || method === "HEAD") {
        response = await handler(new Request(url, { method, headers }));
      } else if (req.body instanceof Uint8Array || typeof req.body === "string") {
        // A body parser (express.raw(), express.text()) already holds the raw body; use it as is.
        response = await handler(new Request(url, { method, headers, body: req.body as BodyInit }));
      } else if (req.readableEnded) {
        response = new Response(PARSED_BODY_MESSAGE, {
          status: 500,
          headers: { "content-type": "text/plain" },
        });
      } else {
        const body = streamedBody(req);
        // `duplex` is required by Node's fetch for a stream body, and missing from TypeScript's DOM types.
        const init = { method, headers, body: body.stream, duplex: "half" } as RequestInit;
        response = await handler(new Request(url, init));
        // The handler answered without reading the whole body (refused it, or stopped at the cap):
        // close the connection after the answer instead of reading the rest to keep it alive.
        if (!body.ended()) unreadBody = true;
      }
    } catch {
      response = new Response(JSON.stringify({ error: "bad_request" }), {
        status: 400,
        headers: { "content-type": "application/json" },
      });
    }
    if (res.headersSent) return;
    res.statusCode = response.status;
    response.headers.forEach((value, name) => {
      res.setHeader(name, value);
    });
    if (unreadBody) res.setHeader("connection", "close");
    res.end(new Uint8Array(await response.arrayBuffer()));
  };
}
