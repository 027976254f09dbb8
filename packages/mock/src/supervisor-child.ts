// The parent's side of the supervisor process: spawns it, reads its messages, and stops it. Also
// stops it when this process exits or is interrupted, for callers who forget close().
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { KapsoMockError } from "./mock-error.js";
import {
  crashText,
  encodeConfig,
  failureText,
  parseMessage,
  type SupervisorConfig,
  type SupervisorMessage,
} from "./protocol.js";

type ReadyMessage = Extract<SupervisorMessage, { type: "ready" }>;

// The supervisor runs as plain Node, so it is always the built file. src/ and dist/ sit side by side
// in the package, so this one URL finds it from the build and from the sources under test.
const supervisorPath = fileURLToPath(new URL("../dist/supervisor.js", import.meta.url));
const STDERR_LINES_KEPT = 15;
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
  private readonly stderr: string[] = [];
  private readonly listeners = new Set<(message: SupervisorMessage) => void>();
  private unread = "";
  private prismPid: number | undefined;
  private closing: Promise<void> | undefined;
  private readonly killNow = () => {
    killQuietly(this.child.pid);
    killQuietly(this.prismPid);
  };

  constructor(config: SupervisorConfig) {
    this.child = spawn(process.execPath, [supervisorPath, encodeConfig(config)], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    // Nothing is ever written; the pipe exists so that its closing tells the supervisor we are gone.
    this.child.stdin?.on("error", () => {});
    this.child.stderr?.on("data", (chunk: Buffer) => {
      this.stderr.push(...chunk.toString("utf8").split(/\r?\n/).filter(Boolean));
      this.stderr.splice(0, Math.max(0, this.stderr.length - STDERR_LINES_KEPT));
    });
    // Read for the child's whole life, so that it can never block on a full pipe.
    this.child.stdout?.on("data", (chunk: Buffer) => this.read(chunk));
    // Listening from the start: a crash can arrive in the same chunk of output as `ready`.
    this.exited = new Promise<void>((resolve, reject) => {
      this.listen((message) => {
        if (message.type === "exited") reject(new KapsoMockError(crashText(message)));
      });
      this.child.once("exit", (code, signal) => {
        if (this.closing) return resolve();
        // Killed from outside: Prism has lost its watchdog, so stop it from here.
        killQuietly(this.prismPid, "SIGKILL");
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        const summary = `Kapso mock: its supervisor process ${how}`;
        reject(new KapsoMockError(failureText(summary, { fatal: [], output: this.stderr })));
      });
    });
    // Whoever awaits `exited` still gets the rejection; nobody awaiting it is no crash of the caller.
    this.exited.catch(() => {});
  }

  /** Resolves once Prism answers behind the proxy; rejects (and kills the supervisor) if it never does. */
  async ready(timeoutMs: number): Promise<ReadyMessage> {
    try {
      const ready = await this.waitForReady(timeoutMs);
      this.prismPid = ready.prismPid;
      installHandlers();
      running.add(this.killNow);
      return ready;
    } catch (error) {
      this.child.kill("SIGKILL");
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
        killQuietly(this.prismPid, "SIGKILL");
        resolve();
        return;
      }
      const force = setTimeout(() => {
        child.kill("SIGKILL");
        killQuietly(this.prismPid, "SIGKILL");
      }, CLOSE_GRACE_MS);
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

  private waitForReady(timeoutMs: number): Promise<ReadyMessage> {
    const child = this.child;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(startFailure(`no answer within ${timeoutMs} ms`, { output: this.stderr }));
      }, timeoutMs);
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
        reject(startFailure(`the supervisor process ${how}`, { output: this.stderr }));
      };
      const onError = (error: Error) => {
        cleanup();
        reject(startFailure(`could not spawn the supervisor: ${error.message}`, { output: this.stderr }));
      };
      const cleanup = () => {
        clearTimeout(timer);
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
