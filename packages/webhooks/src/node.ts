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

async function rawBody(req: NodeRequestLike): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (req.body instanceof Uint8Array) return req.body as Uint8Array<ArrayBuffer>;
  if (typeof req.body === "string") return new TextEncoder().encode(req.body);
  if (req.readableEnded) return undefined;
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of req) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    chunks.push(bytes);
    length += bytes.length;
  }
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
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
 * Adapts a Fetch-style handler (from `createWebhookHandler`) to `node:http`'s `(req, res)`, and so
 * to Express, Fastify's raw mode, Koa's `ctx.req`/`ctx.res` and the like.
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
): (req: NodeRequestLike, res: NodeResponseLike) => Promise<void> {
  return async (req, res) => {
    let response: Response;
    try {
      const method = (req.method ?? "GET").toUpperCase();
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
      }
      const body = method === "GET" || method === "HEAD" ? undefined : await rawBody(req);
      if (body === undefined && method !== "GET" && method !== "HEAD") {
        response = new Response(PARSED_BODY_MESSAGE, {
          status: 500,
          headers: { "content-type": "text/plain" },
        });
      } else {
        response = await handler(new Request(requestUrl(req), { method, headers, body }));
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
    res.end(new Uint8Array(await response.arrayBuffer()));
  };
}
