import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { KapsoMockError } from "./mock-error.js";
import type { SupervisorConfig } from "./protocol.js";
import { defaultSpecPath } from "./spec-path.js";
import { SupervisorChild, startFailure } from "./supervisor-child.js";

export { KapsoMockError } from "./mock-error.js";

/** Options of {@link startKapsoMock}; every one is optional. */
export interface KapsoMockOptions {
  /** Port to listen on; 0 (the default) lets the operating system pick a free one. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /**
   * Invent response bodies from the schemas instead of answering with the spec's examples.
   * Cursors are random then, so a pagination walk never ends: cap it with `maxPages`.
   */
  dynamic?: boolean;
  /** OpenAPI document to serve. Default: the one shipped in `@kapso/types`. */
  specPath?: string;
  /** How long Prism may take to answer its first request. Default 30 000 ms. */
  startTimeoutMs?: number;
  /**
   * Leave Prism's validation errors exactly as Prism sends them. By default the `message` of a
   * 400/422 answer to an invalid request names what was wrong with it (from Prism's `sl-violations`
   * header) instead of repeating the spec's example text.
   */
  rawErrors?: boolean;
  /**
   * Let a paginator walk the spec's list examples (on by default). A request whose `after`/`before`
   * cursor is the Base64 of the name of one of its operation's examples gets that example, and a
   * `page=N` request gets the example whose `meta.page` is N, as if the request had said
   * `Prefer: example=<name>`. `false` leaves every request to Prism and the caller's `Prefer`.
   */
  exampleChains?: boolean;
}

/** A running mock, as {@link startKapsoMock} resolves it. Stop it with `close()`. */
export interface KapsoMock {
  /** Base URL of the mock (loopback http), ready to be the client's `baseUrl`. */
  readonly url: string;
  /** The port it listens on: the one chosen by the operating system when `port` was 0. */
  readonly port: number;
  /** Process id of the Prism server, for diagnostics. */
  readonly pid: number;
  /**
   * Settles when the mock stops: resolves once `close()` has stopped it, rejects with a
   * `KapsoMockError` naming Prism's exit code (or signal) and its last lines of output if Prism dies
   * while the mock runs. Requests sent after such a crash get a 502 whose `message` says the same.
   * Nothing needs to listen to it: an ignored rejection is not an unhandled one.
   */
  readonly exited: Promise<void>;
  /** Stops Prism and resolves once it has exited. Safe to call more than once. */
  close(): Promise<void>;
}

export { defaultSpecPath } from "./spec-path.js";

function prismBinPath(): string {
  const manifestPath = createRequire(import.meta.url).resolve("@stoplight/prism-cli/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin.prism;
  if (!bin) throw new KapsoMockError("@stoplight/prism-cli does not declare a `prism` bin");
  return join(dirname(manifestPath), bin);
}

function urlHost(host: string): string {
  // A wildcard address accepts loopback connections, and loopback is what a client should use.
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

/**
 * Starts Prism serving the Kapso OpenAPI document and resolves once it answers requests.
 *
 * Prism runs under a small supervisor process that stops it when `close()` is called, when this
 * process exits or gets SIGINT/SIGTERM, and also when this process dies without running any code
 * (SIGKILL): the supervisor notices its stdin pipe from this process closing.
 *
 * Rejects with a {@link KapsoMockError} whose first line says why when the mock cannot start (spec
 * file missing or invalid, port taken, Prism slower than `startTimeoutMs`).
 *
 * @example
 * ```ts
 * const mock = await startKapsoMock();
 * const kapso = createKapsoClient({ baseUrl: mock.url, apiKey: "test-key", maxRetries: 0 });
 * try {
 *   const { data } = await kapso.GET("/workflows/{workflow_id}/executions", {
 *     params: { path: { workflow_id: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" } },
 *   });
 * } finally {
 *   await mock.close();
 * }
 * ```
 */
export async function startKapsoMock(options: KapsoMockOptions = {}): Promise<KapsoMock> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 0;
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const specPath = resolve(options.specPath ?? defaultSpecPath());
  if (!existsSync(specPath)) throw startFailure(`spec file not found: ${specPath}`);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw startFailure(`invalid port ${String(port)}`);
  }
  const config: SupervisorConfig = {
    prismBin: prismBinPath(),
    specPath,
    host,
    port,
    dynamic: options.dynamic ?? false,
    rawErrors: options.rawErrors ?? false,
    exampleChains: options.exampleChains ?? true,
    startTimeoutMs,
  };
  const supervisor = new SupervisorChild(config);
  // The supervisor holds the one start deadline, startTimeoutMs, for Prism.
  const ready = await supervisor.ready();
  return {
    url: `http://${urlHost(host)}:${ready.port}`,
    port: ready.port,
    pid: ready.prismPid,
    exited: supervisor.exited,
    close: () => supervisor.close(),
  };
}

export {
  type DeliverWebhookOptions,
  deliverWebhook,
  type WebhookDeliveryResult,
  type WebhookEventName,
  type WebhookExampleOptions,
  webhookExample,
} from "./deliver.js";
