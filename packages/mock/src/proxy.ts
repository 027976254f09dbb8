// The HTTP proxy in front of Prism: the address callers talk to. It
// - sends each request to the Prism of its API: the Platform API at the root, the WhatsApp API under
//   the path prefix of Kapso's own URL (see ProxyMount), without that prefix;
// - picks the named example a request's cursor or page number asks for (see example-chains.ts);
// - puts Prism's own description of an invalid request into the error body (see explainViolations);
// - sends a request again while Prism reloads a changed spec, for up to `retryWindowMs`;
// - answers every request with a 502 naming Prism's exit code and last output once Prism has died,
//   instead of leaving callers with a bare "connection refused".
import http from "node:http";
import { type ExampleSelector, preferExample } from "./example-chains.js";
import { API_NAMES, crashText, type MockApi, type PrismExit } from "./protocol.js";

/** Where the proxy forwards to. Read on every request: Prism's state changes while the proxy runs. */
export interface Upstream {
  /** Loopback port Prism listens on. */
  readonly port: number;
  /** Why Prism is gone, once it is. */
  readonly exit: PrismExit | undefined;
}

/**
 * An API served under a path prefix of the proxy, by a Prism of its own that sees the request without
 * the prefix. `paths`, when given, limits it to those paths below the prefix.
 */
export interface ProxyMount {
  readonly api: MockApi;
  readonly prefix: string;
  readonly paths?: readonly string[];
  /** Paths below the prefix that the API serves at another path (the value): a 404 saying where. */
  readonly elsewhere?: Readonly<Record<string, string>>;
  /** Undefined when the mock was started without this API. */
  readonly upstream: Upstream | undefined;
  readonly exampleChains: ExampleSelector | undefined;
}

export interface MockProxyOptions {
  /** The Prism of the API served at the root (the Platform API); undefined when it was not started. */
  readonly upstream: Upstream | undefined;
  /** Pass 400/422 answers through exactly as Prism sends them. */
  readonly rawErrors: boolean;
  /** Which example a cursor or page number selects; undefined leaves `Prefer` to the caller. */
  readonly exampleChains: ExampleSelector | undefined;
  /** APIs under a path prefix, checked before the root. */
  readonly mounts?: readonly ProxyMount[];
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

/** Where one request goes: the Prism of its API, and the path and query that Prism sees. */
interface Route {
  readonly api: MockApi;
  /** Set when the request cannot be served: the message of the 404 that says why. */
  readonly notFound?: string;
  readonly upstream: Upstream | undefined;
  readonly exampleChains: ExampleSelector | undefined;
  readonly url: string;
}

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
      const route = this.route(request.url ?? "/");
      if (route.notFound !== undefined || !route.upstream) {
        const notServed = `the ${API_NAMES[route.api]} is not served by this mock (see the \`apis\` option)`;
        answerError(response, 404, `Kapso mock: ${route.notFound ?? notServed}`, "Not found");
        return;
      }
      const forwarded = { ...request.headers };
      const example = route.exampleChains?.exampleFor({ method: request.method ?? "GET", url: route.url });
      const callerPrefer = [request.headers.prefer ?? []].flat().join(", ");
      const prefer = example === undefined ? undefined : preferExample(callerPrefer, example);
      if (prefer !== undefined) forwarded.prefer = prefer;
      this.send({
        request,
        response,
        api: route.api,
        upstream: route.upstream,
        url: route.url,
        headers: forwarded,
        body: Buffer.concat(chunks),
        retryUntil: this.clock.now() + this.retryWindowMs,
      });
    });
  }

  private route(url: string): Route {
    const queryStart = url.search(/[?#]/);
    const path = queryStart < 0 ? url : url.slice(0, queryStart);
    for (const mount of this.options.mounts ?? []) {
      if (path !== mount.prefix && !path.startsWith(`${mount.prefix}/`)) continue;
      const rest = url.slice(mount.prefix.length);
      const restPath = path.slice(mount.prefix.length);
      if (mount.paths && !mount.paths.includes(restPath)) continue;
      const servedAt = mount.elsewhere?.[restPath];
      if (servedAt !== undefined) {
        const notFound = `${path} is served at ${servedAt} (the ${API_NAMES[mount.api]}'s other server)`;
        return { ...mount, url: rest, notFound };
      }
      return { ...mount, url: rest.startsWith("/") ? rest : `/${rest}` };
    }
    const { upstream, exampleChains } = this.options;
    return { api: "platform", upstream, exampleChains, url };
  }

  private send(exchange: {
    request: http.IncomingMessage;
    response: http.ServerResponse;
    api: MockApi;
    upstream: Upstream;
    /** Path and query as the API's Prism sees them. */
    url: string;
    headers: http.IncomingHttpHeaders;
    body: Buffer;
    retryUntil: number;
  }): void {
    const { request, response, upstream: prism } = exchange;
    // A proxy serving more than one API says which one lost its Prism.
    const crashed = (exit: PrismExit) =>
      crashText(exit, this.options.mounts?.length ? exchange.api : undefined);
    const exit = prism.exit;
    if (exit) {
      answerError(response, 502, crashed(exit));
      return;
    }
    let answered = false;
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: prism.port,
        method: request.method,
        path: exchange.url,
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
      const crash = prism.exit;
      answerError(
        response,
        502,
        crash ? crashed(crash) : `Kapso mock: Prism did not answer (${error.message})`,
      );
    });
    upstream.end(exchange.body);
  }

  private relay(answer: http.IncomingMessage, response: http.ServerResponse): void {
    const status = answer.statusCode ?? 502;
    const json = String(answer.headers["content-type"] ?? "").includes("json");
    if (this.options.rawErrors || (status !== 400 && status !== 401 && status !== 422) || !json) {
      response.writeHead(status, answer.headers);
      answer.pipe(response);
      return;
    }
    const chunks: Buffer[] = [];
    answer.on("data", (chunk: Buffer) => chunks.push(chunk));
    answer.on("end", () => {
      const header = answer.headers["sl-violations"];
      const received = Buffer.concat(chunks);
      const body =
        status === 401
          ? explainMissingKey(received)
          : explainViolations(received, typeof header === "string" ? header : undefined);
      const headers = { ...answer.headers, "content-length": String(body.length) };
      delete headers["transfer-encoding"];
      response.writeHead(status, headers);
      response.end(body);
    });
  }
}

function answerError(
  response: http.ServerResponse,
  status: number,
  message: string,
  error = "Bad gateway",
): void {
  const body = JSON.stringify({ error, message });
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

/** The `type` of the problem document Prism sends for a 401 when the operation documents none. */
const PRISM_UNAUTHORIZED = /#UNAUTHORIZED$/;

/**
 * Prism's own 401 (for an operation that documents no 401) says only that "the security requirements"
 * were not met; a caller needs to hear that the API key is what is missing. A documented 401 is the
 * spec's example and stays as it is.
 */
function explainMissingKey(body: Buffer): Buffer {
  try {
    const parsed = JSON.parse(body.toString("utf8")) as { type?: unknown };
    if (typeof parsed.type !== "string" || !PRISM_UNAUTHORIZED.test(parsed.type)) return body;
    const detail = "The request has no valid API key: send it in the X-API-Key header.";
    return Buffer.from(JSON.stringify({ ...parsed, detail }));
  } catch {
    return body;
  }
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
    if (!message) return body;
    // Meta's errors, which the WhatsApp API answers with, carry their message inside `error`.
    const metaError = (parsed as { error?: unknown }).error;
    if (typeof metaError === "object" && metaError !== null && !Array.isArray(metaError)) {
      return Buffer.from(JSON.stringify({ ...parsed, error: { ...metaError, message } }));
    }
    return Buffer.from(JSON.stringify({ ...parsed, message }));
  } catch {
    return body;
  }
}
