import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { conditionWaiters } from "./waiters.js";

/** A request as the server received it, body included. */
export interface RecordedRequest {
  method: string;
  /** The request target as sent: path and query string, e.g. `/items?limit=10`. */
  url: string;
  /** The path of `url`, without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The request body decoded as UTF-8 ("" when there is none). */
  body: string;
}

/**
 * Answers one request. `attempt` counts the requests received since the handler was installed,
 * from 1, so a handler can fail the first attempts and answer the next.
 */
export type Handler = (request: RecordedRequest, res: ServerResponse, attempt: number) => void;

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly origin: string;
  /** Every request received since the last `handle()`, in order. */
  readonly requests: RecordedRequest[];
  /** How many responses were closed before they were finished (the client gave up or a fault dropped it). */
  readonly aborted: number;
  /** Installs the handler for the next requests and clears `requests` and `aborted` (see `reset`). */
  handle(handler: Handler): void;
  /** Clears `requests` and `aborted`, keeping the handler; `attempt` counts from 1 again. */
  reset(): void;
  /**
   * Resolves once `condition` holds: checked at once, then after every request received and every
   * response closed. A test waits on the server's own events this way instead of sleeping; a condition
   * that never comes true is caught by the test's timeout.
   */
  until(condition: () => boolean): Promise<void>;
  /** Closes every open connection (stalled ones included) and stops listening. */
  close(): Promise<void>;
}

export interface LoopbackServerOptions {
  /** Listen on this port instead of a free one: a test that stops a server and starts it again where its client expects it. */
  port?: number;
}

/** Starts a recording HTTP server on a loopback port. Without a handler every request gets a 404. */
export async function startLoopbackServer(
  handler: Handler = (_request, res) => res.writeHead(404).end(),
  { port: listenPort = 0 }: LoopbackServerOptions = {},
): Promise<LoopbackServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  let aborted = 0;
  const reset = () => {
    requests.length = 0;
    aborted = 0;
  };
  const { until, recheck } = conditionWaiters();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = req.url ?? "/";
      const parsed = new URL(url, "http://loopback");
      const request: RecordedRequest = {
        method: req.method ?? "",
        url,
        path: parsed.pathname,
        query: parsed.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(request);
      res.on("close", () => {
        if (!res.writableFinished) aborted++;
        recheck();
      });
      current(request, res, requests.length);
      // After the handler, so that a waiter sees whatever the handler did with the request.
      recheck();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listenPort, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    get aborted() {
      return aborted;
    },
    handle(next) {
      current = next;
      reset();
    },
    reset,
    until,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends `body` as JSON with the given status and extra headers. */
export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}
