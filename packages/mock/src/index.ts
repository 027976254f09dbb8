import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

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
}

export interface KapsoMock {
  /** Base URL of the mock (loopback http), ready to be the client's `baseUrl`. */
  readonly url: string;
  readonly port: number;
  /** Process id of the Prism server, for diagnostics. */
  readonly pid: number;
  /** Stops Prism and resolves once it has exited. Safe to call more than once. */
  close(): Promise<void>;
}

/** The mock could not start (bad spec, port taken, Prism failed or was too slow). */
export class KapsoMockError extends Error {
  override name = "KapsoMockError";
}

interface SupervisorMessage {
  type: "ready" | "error" | "exited";
  port?: number;
  prismPid?: number;
  message?: string;
  /** Prism's fatal log lines, when it logged any. */
  fatal?: string[];
  output?: string[];
}

const requireHere = createRequire(import.meta.url);
// src/ and dist/ sit side by side in the package, so the same relative URL works from both.
const supervisorPath = fileURLToPath(new URL("../lib/supervisor.js", import.meta.url));
const OUTPUT_TAIL_LINES = 15;

/** The OpenAPI document shipped in `@kapso/types`, as served by default. */
export function defaultSpecPath(): string {
  return requireHere.resolve("@kapso/types/openapi.json");
}

function prismBinPath(): string {
  const manifestPath = requireHere.resolve("@stoplight/prism-cli/package.json");
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

function describeFailure(message: string, output: string[] | undefined, fatal: string[] = []): string {
  const tail = (output ?? []).slice(-OUTPUT_TAIL_LINES);
  let text = `Kapso mock failed to start: ${message}`;
  if (fatal.length > 0) text += `: ${fatal.join("; ")}`;
  if (tail.length > 0) text += `\n--- last lines of Prism's output ---\n${tail.join("\n")}`;
  return text;
}

// Mocks still running in this process, so the exit and signal handlers can stop them synchronously.
const running = new Set<() => void>();

function onExit(): void {
  for (const kill of running) kill();
}

function onSignal(signal: NodeJS.Signals): void {
  onExit();
  // Our handler replaced the default action (exit); when nobody else listens, restore it.
  if (process.listenerCount(signal) === 1) {
    uninstallHandlers();
    process.kill(process.pid, signal);
  }
}

function installHandlers(): void {
  if (running.size > 0) return;
  process.on("exit", onExit);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

function uninstallHandlers(): void {
  process.off("exit", onExit);
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
}

function killQuietly(pid: number | undefined, signal: NodeJS.Signals = "SIGTERM"): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Starts Prism serving the Kapso OpenAPI document and resolves once it answers requests.
 *
 * Prism runs under a small supervisor process that stops it when `close()` is called, when this
 * process exits or gets SIGINT/SIGTERM, and also when this process dies without running any code
 * (SIGKILL): the supervisor notices its stdin pipe from this process closing.
 */
export async function startKapsoMock(options: KapsoMockOptions = {}): Promise<KapsoMock> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 0;
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const specPath = resolve(options.specPath ?? defaultSpecPath());
  if (!existsSync(specPath)) {
    throw new KapsoMockError(`Kapso mock failed to start: spec file not found: ${specPath}`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new KapsoMockError(`Kapso mock failed to start: invalid port ${String(port)}`);
  }

  const config = {
    prismBin: prismBinPath(),
    specPath,
    host,
    port,
    dynamic: options.dynamic ?? false,
    rawErrors: options.rawErrors ?? false,
    startTimeoutMs,
  };
  const supervisor = spawn(process.execPath, [supervisorPath, JSON.stringify(config)], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  supervisor.stderr?.on("data", (chunk: Buffer) => {
    stderr.push(...chunk.toString("utf8").split(/\r?\n/).filter(Boolean));
    stderr.splice(0, Math.max(0, stderr.length - OUTPUT_TAIL_LINES));
  });
  // Nothing is ever written; the pipe exists so that its closing tells the supervisor we are gone.
  supervisor.stdin?.on("error", () => {});

  let ready: SupervisorMessage;
  try {
    ready = await waitUntilReady(supervisor, startTimeoutMs + 5000, stderr);
  } catch (error) {
    supervisor.kill("SIGKILL");
    throw error;
  }
  const prismPid = ready.prismPid ?? -1;
  const actualPort = ready.port ?? port;

  const killNow = () => {
    killQuietly(supervisor.pid);
    killQuietly(prismPid);
  };
  installHandlers();
  running.add(killNow);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolveClose) => {
      running.delete(killNow);
      if (running.size === 0) uninstallHandlers();
      if (supervisor.exitCode !== null || supervisor.signalCode !== null) {
        killQuietly(prismPid, "SIGKILL");
        resolveClose();
        return;
      }
      const force = setTimeout(() => {
        supervisor.kill("SIGKILL");
        killQuietly(prismPid, "SIGKILL");
      }, 5000);
      supervisor.once("exit", () => {
        clearTimeout(force);
        resolveClose();
      });
      supervisor.stdin?.end();
    });
    return closing;
  };

  return { url: `http://${urlHost(host)}:${actualPort}`, port: actualPort, pid: prismPid, close };
}

function waitUntilReady(
  child: ChildProcess,
  timeoutMs: number,
  stderr: string[],
): Promise<SupervisorMessage> {
  return new Promise((resolveReady, reject) => {
    let buffered = "";
    const timer = setTimeout(() => {
      cleanup();
      reject(new KapsoMockError(describeFailure(`no answer within ${timeoutMs} ms`, stderr)));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      let newline = buffered.indexOf("\n");
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf("\n");
        let message: SupervisorMessage;
        try {
          message = JSON.parse(line) as SupervisorMessage;
        } catch {
          continue;
        }
        if (message.type === "ready") {
          cleanup();
          resolveReady(message);
        } else if (message.type === "error") {
          cleanup();
          reject(
            new KapsoMockError(
              describeFailure(message.message ?? "unknown error", message.output, message.fatal),
            ),
          );
        }
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanup();
      const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
      reject(new KapsoMockError(describeFailure(`the supervisor process ${how}`, stderr)));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new KapsoMockError(describeFailure(`could not spawn the supervisor: ${error.message}`, stderr)));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
      child.off("error", onError);
      // Keep draining so a chatty child can never block on a full pipe.
      child.stdout?.resume();
    };
    child.stdout?.on("data", onData);
    child.once("exit", onExit);
    child.once("error", onError);
  });
}

export {
  type DeliverWebhookOptions,
  deliverWebhook,
  type WebhookDeliveryResult,
  type WebhookEventName,
  type WebhookExampleOptions,
  webhookExample,
} from "./deliver.js";
