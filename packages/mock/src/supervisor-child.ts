// The parent's side of the supervisor process: spawns it, reads its messages, and stops it. Also
// stops it when this process exits or is interrupted, for callers who forget close(). Prism itself is
// the supervisor's alone: this side never signals it, and holds no start deadline of its own. (A
// supervisor killed with SIGKILL by someone else leaves its Prism to whoever did that.)
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { KapsoMockError } from "./mock-error.js";
import {
  crashText,
  encodeConfig,
  failureText,
  OutputTail,
  parseMessage,
  type SupervisorConfig,
  type SupervisorMessage,
} from "./protocol.js";

type ReadyMessage = Extract<SupervisorMessage, { type: "ready" }>;

// The supervisor runs as plain Node, so it is always the built file. src/ and dist/ sit side by side
// in the package, so this one URL finds it from the build and from the sources under test.
const supervisorPath = fileURLToPath(new URL("../dist/supervisor.js", import.meta.url));
// Longer than the supervisor's own grace for Prism, so that only a supervisor that hangs is killed.
const CLOSE_GRACE_MS = 5000;

export function startFailure(
  message: string,
  details: { fatal?: readonly string[]; output?: readonly string[] } = {},
): KapsoMockError {
  const summary = `Kapso mock failed to start: ${message}`;
  return new KapsoMockError(
    failureText(summary, { fatal: details.fatal ?? [], output: details.output ?? [] }),
  );
}

export class SupervisorChild {
  /** See `KapsoMock.exited`. */
  readonly exited: Promise<void>;
  private readonly child: ChildProcess;
  /** The supervisor's own stderr: where Node reports a supervisor that crashed. */
  private readonly stderr = new OutputTail();
  private readonly listeners = new Set<(message: SupervisorMessage) => void>();
  private unread = "";
  private closing: Promise<void> | undefined;
  /** For the exit and signal handlers, which cannot wait: the supervisor stops Prism on SIGTERM. */
  private readonly killNow = () => killQuietly(this.child.pid);

  constructor(config: SupervisorConfig) {
    this.child = spawn(process.execPath, [supervisorPath, encodeConfig(config)], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    // Nothing is ever written; the pipe exists so that its closing tells the supervisor we are gone.
    this.child.stdin?.on("error", () => {});
    this.child.stderr?.on("data", (chunk: Buffer) => this.stderr.add(chunk));
    // Read for the child's whole life, so that it can never block on a full pipe.
    this.child.stdout?.on("data", (chunk: Buffer) => this.read(chunk));
    // Listening from the start: a crash can arrive in the same chunk of output as `ready`.
    this.exited = new Promise<void>((resolve, reject) => {
      this.listen((message) => {
        if (message.type === "exited") reject(new KapsoMockError(crashText(message, message.api)));
      });
      this.child.once("exit", (code, signal) => {
        if (this.closing) return resolve();
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        const summary = `Kapso mock: its supervisor process ${how}`;
        reject(new KapsoMockError(failureText(summary, { fatal: [], output: this.stderr.lines() })));
      });
    });
    // Whoever awaits `exited` still gets the rejection; nobody awaiting it is no crash of the caller.
    this.exited.catch(() => {});
  }

  /**
   * Resolves once Prism answers behind the proxy; rejects when the supervisor says it cannot start
   * (its deadline for Prism included) or exits, and then makes sure it is gone.
   */
  async ready(): Promise<ReadyMessage> {
    try {
      const ready = await this.waitForReady();
      installHandlers();
      running.add(this.killNow);
      return ready;
    } catch (error) {
      // SIGTERM, not SIGKILL: the supervisor stops Prism on its way out.
      this.child.kill("SIGTERM");
      throw error;
    }
  }

  /** Closes the supervisor's stdin, which makes it stop Prism and exit; resolves once it has. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      running.delete(this.killNow);
      if (running.size === 0) uninstallHandlers();
      const child = this.child;
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve();
        return;
      }
      const force = setTimeout(() => child.kill("SIGKILL"), CLOSE_GRACE_MS);
      child.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      child.stdin?.end();
    });
    return this.closing;
  }

  private listen(listener: (message: SupervisorMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private read(chunk: Buffer): void {
    this.unread += chunk.toString("utf8");
    for (let newline = this.unread.indexOf("\n"); newline >= 0; newline = this.unread.indexOf("\n")) {
      const message = parseMessage(this.unread.slice(0, newline));
      this.unread = this.unread.slice(newline + 1);
      if (message) for (const listener of this.listeners) listener(message);
    }
  }

  private waitForReady(): Promise<ReadyMessage> {
    const child = this.child;
    return new Promise((resolve, reject) => {
      const stopListening = this.listen((message) => {
        if (message.type === "ready") {
          cleanup();
          resolve(message);
        } else if (message.type === "error") {
          cleanup();
          reject(startFailure(message.message, message));
        }
      });
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        cleanup();
        const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
        reject(startFailure(`the supervisor process ${how}`, { output: this.stderr.lines() }));
      };
      const onError = (error: Error) => {
        cleanup();
        reject(
          startFailure(`could not spawn the supervisor: ${error.message}`, { output: this.stderr.lines() }),
        );
      };
      const cleanup = () => {
        stopListening();
        child.off("exit", onExit);
        child.off("error", onError);
      };
      child.once("exit", onExit);
      child.once("error", onError);
    });
  }
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
