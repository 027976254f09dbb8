// The HTTP proxy in front of Prism: the address callers talk to. It
// - picks the named example a request's cursor or page number asks for (see example-chains.ts);
// - puts Prism's own description of an invalid request into the error body (see explainViolations);
// - sends a request again while Prism reloads a changed spec, for up to `retryWindowMs`;
// - answers every request with a 502 naming Prism's exit code and last output once Prism has died,
//   instead of leaving callers with a bare "connection refused".
import http from "node:http";
import { type ExampleSelector, preferExample } from "./example-chains.js";
import { crashText, type PrismExit } from "./protocol.js";

/** Where the proxy forwards to. Read on every request: Prism's state changes while the proxy runs. */
export interface Upstream {
  /** Loopback port Prism listens on. */
  readonly port: number;
  /** Why Prism is gone, once it is. */
  readonly exit: PrismExit | undefined;
}

export interface MockProxyOptions {
  readonly upstream: Upstream;
  /** Pass 400/422 answers through exactly as Prism sends them. */
  readonly rawErrors: boolean;
  /** Which example a cursor or page number selects; undefined leaves `Prefer` to the caller. */
  readonly exampleChains: ExampleSelector | undefined;
  /** How long a refused or reset connection is retried. Default 5000 ms. */
  readonly retryWindowMs?: number;
  /** The time the retry window is measured in; the system clock unless a test walks it by hand. */
  readonly clock?: ProxyClock;
}

/** What the proxy needs of time: the current time, and a callback some milliseconds later. */
export interface ProxyClock {
  now(): number;
  later(callback: () => void, ms: number): void;
}

const systemClock: ProxyClock = {
  now: () => Date.now(),
  later: (callback, ms) => {
    setTimeout(callback, ms);
  },
};

const RETRY_DELAY_MS = 100;

export class MockProxy {
  readonly server: http.Server;
  private readonly agent = new http.Agent({ keepAlive: true });
  private readonly retryWindowMs: number;
  private readonly clock: ProxyClock;
  private closed = false;

  constructor(private readonly options: MockProxyOptions) {
    this.retryWindowMs = options.retryWindowMs ?? 5000;
    this.clock = options.clock ?? systemClock;
    this.server = http.createServer((request, response) => this.receive(request, response));
  }

  /** Listens on `port` (0 for a free one) and resolves with the port it got. */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.off("error", reject);
        // Errors after listening belong to single connections, which Node already closes.
        this.server.on("error", () => {});
        const address = this.server.address();
        resolve(typeof address === "object" && address ? address.port : port);
      });
    });
  }

  close(): void {
    this.closed = true;
    this.server.close();
    this.server.closeAllConnections();
    this.agent.destroy();
  }

  private receive(request: http.IncomingMessage, response: http.ServerResponse): void {
    // The body is kept whole so the request can be sent again while Prism reloads.
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const forwarded = { ...request.headers };
      const example = this.options.exampleChains?.exampleFor({
        method: request.method ?? "GET",
        url: request.url ?? "/",
      });
      const callerPrefer = [request.headers.prefer ?? []].flat().join(", ");
      const prefer = example === undefined ? undefined : preferExample(callerPrefer, example);
      if (prefer !== undefined) forwarded.prefer = prefer;
      this.send({
        request,
        response,
        headers: forwarded,
        body: Buffer.concat(chunks),
        retryUntil: this.clock.now() + this.retryWindowMs,
      });
    });
  }

  private send(exchange: {
    request: http.IncomingMessage;
    response: http.ServerResponse;
    headers: http.IncomingHttpHeaders;
    body: Buffer;
    retryUntil: number;
  }): void {
    const { request, response } = exchange;
    const exit = this.options.upstream.exit;
    if (exit) {
      answerError(response, 502, crashText(exit));
      return;
    }
    let answered = false;
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: this.options.upstream.port,
        method: request.method,
        path: request.url,
        headers: exchange.headers,
        agent: this.agent,
      },
      (answer) => {
        answered = true;
        this.relay(answer, response);
      },
    );
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      // Refused: Prism is between servers. Reset before any answer: it closed a kept-alive socket
      // while restarting. A mock keeps no state, so sending the request again is harmless.
      const restarting = error.code === "ECONNREFUSED" || error.code === "ECONNRESET";
      if (restarting && !answered && !this.closed && this.clock.now() < exchange.retryUntil) {
        this.clock.later(() => this.send(exchange), RETRY_DELAY_MS);
        return;
      }
      if (response.headersSent) {
        response.destroy();
        return;
      }
      // Prism may have died while this request was waiting for it; then say so.
      const crash = this.options.upstream.exit;
      answerError(
        response,
        502,
        crash ? crashText(crash) : `Kapso mock: Prism did not answer (${error.message})`,
      );
    });
    upstream.end(exchange.body);
  }

  private relay(answer: http.IncomingMessage, response: http.ServerResponse): void {
    const status = answer.statusCode ?? 502;
    const json = String(answer.headers["content-type"] ?? "").includes("json");
    if (this.options.rawErrors || (status !== 400 && status !== 422) || !json) {
      response.writeHead(status, answer.headers);
      answer.pipe(response);
      return;
    }
    const chunks: Buffer[] = [];
    answer.on("data", (chunk: Buffer) => chunks.push(chunk));
    answer.on("end", () => {
      const header = answer.headers["sl-violations"];
      const body = explainViolations(Buffer.concat(chunks), typeof header === "string" ? header : undefined);
      const headers = { ...answer.headers, "content-length": String(body.length) };
      delete headers["transfer-encoding"];
      response.writeHead(status, headers);
      response.end(body);
    });
  }
}

function answerError(response: http.ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ error: "Bad gateway", message });
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  response.end(body);
}

interface Violation {
  location?: string[];
  severity?: string;
  message?: string;
}

function summarize(violations: Violation[]): string {
  return violations
    .filter((violation) => violation.severity === "Error" && violation.message)
    .map((violation) => violation.message)
    .join("; ");
}

/**
 * Two shapes reach here. With a documented 400/422, Prism sends the spec's example, whose message
 * describes some other problem, and lists what was wrong in the `sl-violations` header: that list
 * replaces the example's `message`. Without one, Prism sends its own problem document, whose `detail`
 * is generic and whose `validation` array says what was wrong: that list replaces `detail`.
 */
function explainViolations(body: Buffer, header: string | undefined): Buffer {
  try {
    const parsed = JSON.parse(body.toString("utf8")) as unknown;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return body;
    const problem = parsed as { validation?: unknown };
    if (Array.isArray(problem.validation)) {
      const detail = summarize(problem.validation as Violation[]);
      return detail ? Buffer.from(JSON.stringify({ ...parsed, detail })) : body;
    }
    if (header === undefined) return body;
    const violations = JSON.parse(header) as Violation[];
    const message = summarize(violations.filter((violation) => violation.location?.[0] === "request"));
    return message ? Buffer.from(JSON.stringify({ ...parsed, message })) : body;
  } catch {
    return body;
  }
}
