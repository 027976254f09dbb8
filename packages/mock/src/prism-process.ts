// Prism's lifecycle, owned by the supervisor alone: start it on a free loopback port, wait until it
// answers, keep the tail of what it prints, notice when it exits, stop it.
//
// The port is chosen here and kept: Prism restarts its server when the spec file changes, and a
// `--port 0` would move it to another port each time. Readiness is an answered request rather than
// Prism's "listening" log line, which comes before Prism watches the spec file for changes.
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import net from "node:net";
import { describeExit, OutputTail, type PrismExit } from "./protocol.js";

// Another process can take the probed free port before Prism listens on it; try a few ports.
const PORT_ATTEMPTS = 3;
const STOP_GRACE_MS = 2000;

export interface PrismOptions {
  readonly prismBin: string;
  readonly specPath: string;
  readonly dynamic: boolean;
  readonly startTimeoutMs: number;
}

/**
 * One Prism server. `port` and `exit` are what the proxy reads on every request: where to forward,
 * and, once Prism has died, why.
 */
export class PrismProcess {
  /** Prism's log and its stderr, in the order they came (Prism writes whole lines to each). */
  readonly output = new OutputTail();
  /** Prism's `fatal` log lines, which say why in one line; kept whatever the tail drops. */
  private readonly fatal: string[] = [];
  /** Loopback port Prism listens on; 0 until it does. */
  port = 0;
  pid = 0;
  /** Set when Prism exits without having been asked to stop. */
  exit: PrismExit | undefined;
  private child: ChildProcess | undefined;
  private stopping = false;
  private readonly exitListeners: Array<(exit: PrismExit) => void> = [];

  constructor(private readonly options: PrismOptions) {}

  /** What to show when Prism fails: its fatal lines, then the tail of its output. */
  diagnostics(): Pick<PrismExit, "fatal" | "output"> {
    return { fatal: [...this.fatal], output: this.output.lines() };
  }

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
      const lostThePort = this.output.lines().some((line) => line.includes("EADDRINUSE"));
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
    const read = (chunk: Buffer) => {
      for (const line of this.output.add(chunk)) {
        if (line.includes("fatal")) this.fatal.push(line.replace(/^.*fatal\s+/, "").trim());
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);

    let ready = false;
    let exited: PrismExit | undefined;
    child.once("exit", (code, signal) => {
      exited = { code, signal, ...this.diagnostics() };
      if (!ready || this.stopping) return;
      this.exit = exited;
      for (const listener of this.exitListeners) listener(exited);
    });
    child.once("error", (error) => {
      this.output.add(`Error: could not start Prism: ${error.message}\n`);
      exited ??= { code: null, signal: null, ...this.diagnostics() };
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
