import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { WHATSAPP_BASE_PATH } from "./apis.js";
import { KapsoMockError } from "./mock-error.js";
import type { MockApi, SupervisorConfig } from "./protocol.js";
import { defaultSpecPath, defaultWhatsAppSpecPath } from "./spec-path.js";
import { SupervisorChild, startFailure } from "./supervisor-child.js";

export { KapsoMockError } from "./mock-error.js";
export type { MockApi } from "./protocol.js";

const ALL_APIS: readonly MockApi[] = ["platform", "whatsapp"];

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
  /**
   * The APIs to serve: `"platform"` (Kapso's Platform API, at `url`) and `"whatsapp"` (Kapso's Meta
   * proxy, at `whatsappUrl`), one Prism each. Default: both. Requests to an API left out get a 404
   * that says so. The Prisms start side by side, but each needs a core while it starts: on a busy
   * machine leaving one out starts the mock sooner, and it always saves that Prism's memory.
   */
  apis?: readonly MockApi[];
  /** OpenAPI document of the Platform API to serve. Default: the one shipped in `@kapso/types`. */
  specPath?: string;
  /**
   * OpenAPI document of the WhatsApp API to serve. Default: the one shipped as
   * `@kapso/types/whatsapp/openapi.json`.
   */
  whatsappSpecPath?: string;
  /**
   * How long Prism may take to answer its first request. Default 60 000 ms: it answers in 2-6 s on an
   * idle machine, but a CI runner busy with a whole test run has been seen to take over 30 s.
   */
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
  /** Base URL of the mock's Platform API (loopback http), ready to be the client's `baseUrl`. */
  readonly url: string;
  /**
   * Base URL of the mock's WhatsApp API (Kapso's Meta proxy): the same port as `url`, under the path
   * of Kapso's own URL, `/meta/whatsapp/v24.0`; the media download answers beside it, at
   * `/meta/whatsapp/media_download`, as on Kapso's server.
   */
  readonly whatsappUrl: string;
  /** The port it listens on: the one chosen by the operating system when `port` was 0. */
  readonly port: number;
  /**
   * Process id of the Prism server of the Platform API (of the WhatsApp API when only that one is
   * served), for diagnostics.
   */
  readonly pid: number;
  /** Process id of each API's Prism server, for diagnostics. */
  readonly pids: Readonly<Partial<Record<MockApi, number>>>;
  /**
   * Settles when the mock stops: resolves once `close()` has stopped it, rejects with a
   * `KapsoMockError` naming Prism's exit code (or signal), the API it served and its last lines of
   * output if a Prism dies while the mock runs. Requests to that API sent after such a crash get a
   * 502 whose `message` says the same. Nothing needs to listen to it: an ignored rejection is not an
   * unhandled one.
   */
  readonly exited: Promise<void>;
  /** Stops every Prism and resolves once they have exited. Safe to call more than once. */
  close(): Promise<void>;
}

export { defaultSpecPath, defaultWhatsAppSpecPath } from "./spec-path.js";

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
 * Starts Prism serving Kapso's Platform API and its Meta proxy (WhatsApp API), one Prism each, side
 * by side behind one port, and resolves once both answer requests.
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
 * const whatsapp = createKapsoWhatsAppClient({ baseUrl: mock.whatsappUrl, apiKey: "test-key" });
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
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const apis = options.apis ?? ALL_APIS;
  const unknown = apis.filter((api) => !ALL_APIS.includes(api));
  if (unknown.length > 0 || apis.length === 0) {
    throw startFailure(`apis must list "platform", "whatsapp" or both, got ${JSON.stringify(apis)}`);
  }
  const specPaths: Partial<Record<MockApi, string>> = {};
  if (apis.includes("platform")) specPaths.platform = resolve(options.specPath ?? defaultSpecPath());
  if (apis.includes("whatsapp")) {
    specPaths.whatsapp = resolve(options.whatsappSpecPath ?? defaultWhatsAppSpecPath());
  }
  for (const specPath of Object.values(specPaths)) {
    if (!existsSync(specPath)) throw startFailure(`spec file not found: ${specPath}`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw startFailure(`invalid port ${String(port)}`);
  }
  const config: SupervisorConfig = {
    prismBin: prismBinPath(),
    specPaths,
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
  const url = `http://${urlHost(host)}:${ready.port}`;
  return {
    url,
    whatsappUrl: `${url}${WHATSAPP_BASE_PATH}`,
    port: ready.port,
    pid: ready.prismPids.platform ?? ready.prismPids.whatsapp ?? 0,
    pids: ready.prismPids,
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
