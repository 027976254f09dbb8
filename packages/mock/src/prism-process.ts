// Prism's lifecycle: start it on a free loopback port, wait until it answers, keep the tail of what it
// prints, notice when it exits, stop it.
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import net from "node:net";
import { describeExit, type PrismExit } from "./protocol.js";

const LINES_KEPT = 40;
// Another process can take the probed free port before Prism listens on it; try a few ports.
const PORT_ATTEMPTS = 3;
const STOP_GRACE_MS = 2000;

export interface PrismOptions {
  readonly prismBin: string;
  readonly specPath: string;
  readonly dynamic: boolean;
  readonly startTimeoutMs: number;
}

/** Prism's log (stdout) and its stderr, kept apart: on a crash, stderr opens with the CLI's help text. */
class PrismOutput {
  readonly log: string[] = [];
  readonly stderr: string[] = [];

  keep(lines: string[], chunk: Buffer): void {
    // Prism colours its log when it thinks it has a terminal; these lines end up in error messages.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escape sequences
    const text = chunk.toString("utf8").replace(/\u001b\[[0-9;]*m/g, "");
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() === "") continue;
      lines.push(line);
      if (lines.length > LINES_KEPT) lines.shift();
    }
  }

  /** What to show when Prism fails: its fatal log lines, then the last of its log and its error. */
  diagnostics(): Pick<PrismExit, "fatal" | "output"> {
    const fatal = this.log
      .filter((line) => line.includes("fatal"))
      .map((line) => line.replace(/^.*fatal\s+/, "").trim());
    const errorStart = this.stderr.findIndex((line) => /^(\{|\w*Error\b)/.test(line));
    const error = errorStart >= 0 ? this.stderr.slice(errorStart, errorStart + 6) : this.stderr.slice(-6);
    return { fatal, output: [...this.log.slice(-8), ...error] };
  }

  mentions(text: string): boolean {
    return [...this.log, ...this.stderr].some((line) => line.includes(text));
  }
}

/**
 * One Prism server. `port` and `exit` are what the proxy reads on every request: where to forward,
 * and, once Prism has died, why.
 */
export class PrismProcess {
  readonly output = new PrismOutput();
  /** Loopback port Prism listens on; 0 until it does. */
  port = 0;
  pid = 0;
  /** Set when Prism exits without having been asked to stop. */
  exit: PrismExit | undefined;
  private child: ChildProcess | undefined;
  private stopping = false;
  private readonly exitListeners: Array<(exit: PrismExit) => void> = [];

  constructor(private readonly options: PrismOptions) {}

  /** Calls `listener` if Prism exits after `start()` succeeded and without `stop()`. */
  onUnexpectedExit(listener: (exit: PrismExit) => void): void {
    this.exitListeners.push(listener);
  }

  /** Resolves once Prism answers HTTP; rejects with Prism's reason when it exits or is too slow. */
  async start(): Promise<void> {
    const deadline = Date.now() + this.options.startTimeoutMs;
    for (let attempt = 1; ; attempt++) {
      const port = await freeLoopbackPort();
      const outcome = await this.attempt(port, deadline);
      if (outcome === "ready") return;
      const lostThePort = this.output.mentions("EADDRINUSE");
      if (!lostThePort || attempt >= PORT_ATTEMPTS || this.stopping) {
        throw new Error(`${describeExit(outcome)} before it was ready`);
      }
    }
  }

  /** One Prism on `port`: "ready" once it answers, or how it exited before that. */
  private async attempt(port: number, deadline: number): Promise<"ready" | PrismExit> {
    const args = [this.options.prismBin, "mock", this.options.specPath, "--host", "127.0.0.1"];
    args.push("--port", String(port));
    if (this.options.dynamic) args.push("--dynamic");
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: process.env });
    this.child = child;
    child.stdout?.on("data", (chunk: Buffer) => this.output.keep(this.output.log, chunk));
    child.stderr?.on("data", (chunk: Buffer) => this.output.keep(this.output.stderr, chunk));

    let ready = false;
    let exited: PrismExit | undefined;
    child.once("exit", (code, signal) => {
      exited = { code, signal, ...this.output.diagnostics() };
      if (!ready || this.stopping) return;
      this.exit = exited;
      for (const listener of this.exitListeners) listener(exited);
    });
    child.once("error", (error) => {
      this.output.stderr.push(`Error: could not start Prism: ${error.message}`);
      exited ??= { code: null, signal: null, ...this.output.diagnostics() };
    });

    while (!exited) {
      if (this.stopping) throw new Error("the mock was stopped before Prism was ready");
      if (Date.now() > deadline) {
        throw new Error(`Prism did not answer within ${this.options.startTimeoutMs} ms`);
      }
      if (await answersHttp(port)) {
        ready = true;
        this.port = port;
        this.pid = child.pid ?? 0;
        return "ready";
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return exited;
  }

  /** Stops Prism (SIGTERM, then SIGKILL if it hangs) and resolves once it has exited. */
  stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      child.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      child.kill("SIGTERM");
    });
  }
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function answersHttp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: "127.0.0.1", port, path: "/", timeout: 1000 }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(false));
  });
}
