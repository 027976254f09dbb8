// What startKapsoMock() (the parent) and the supervisor process say to each other. The parent passes
// a SupervisorConfig as the supervisor's one argument; the supervisor answers with SupervisorMessages,
// one JSON line each on its stdout. Both sides import this module, so the two cannot drift apart.

/** The two APIs a mock can serve: Kapso's Platform API and its Meta proxy for WhatsApp. */
export type MockApi = "platform" | "whatsapp";

/** How messages name an API. */
export const API_NAMES: Readonly<Record<MockApi, string>> = {
  platform: "Platform API",
  whatsapp: "WhatsApp API",
};

export interface SupervisorConfig {
  /** Prism's CLI entry script, run with the same Node as the parent. */
  readonly prismBin: string;
  /** The spec file of every API to serve, one Prism each. */
  readonly specPaths: Readonly<Partial<Record<MockApi, string>>>;
  /** Where the proxy listens: the address callers use. Prism itself always gets a free loopback port. */
  readonly host: string;
  readonly port: number;
  readonly dynamic: boolean;
  readonly rawErrors: boolean;
  readonly exampleChains: boolean;
  readonly startTimeoutMs: number;
}

/** Why Prism stopped, and what it printed last: enough for a reader to see what went wrong. */
export interface PrismExit {
  readonly code: number | null;
  readonly signal: string | null;
  /** Prism's `fatal` log lines, which say why in one line when it logged any. */
  readonly fatal: readonly string[];
  /** The last lines Prism printed (its log and its stderr, as they came). */
  readonly output: readonly string[];
}

export type SupervisorMessage =
  /** The proxy listens on `port` and every Prism answers behind it. */
  | {
      readonly type: "ready";
      readonly port: number;
      readonly prismPids: Readonly<Partial<Record<MockApi, number>>>;
    }
  /** The mock could not start; the supervisor exits after sending this. */
  | {
      readonly type: "error";
      readonly message: string;
      readonly fatal: readonly string[];
      readonly output: readonly string[];
    }
  /**
   * A Prism exited after it was ready; the proxy stays up and answers every request to its API with
   * this as a 502.
   */
  | ({ readonly type: "exited"; readonly api: MockApi } & PrismExit);

export function encodeMessage(message: SupervisorMessage): string {
  return `${JSON.stringify(message)}\n`;
}

/** One line of the supervisor's stdout as a message, or undefined for anything else it may print. */
export function parseMessage(line: string): SupervisorMessage | undefined {
  try {
    const value = JSON.parse(line) as { type?: unknown } | null;
    const known = value?.type === "ready" || value?.type === "error" || value?.type === "exited";
    return known ? (value as SupervisorMessage) : undefined;
  } catch {
    return undefined;
  }
}

export function encodeConfig(config: SupervisorConfig): string {
  return JSON.stringify(config);
}

export function parseConfig(argument: string | undefined): SupervisorConfig {
  if (argument === undefined) throw new Error("the supervisor needs its configuration as its one argument");
  return JSON.parse(argument) as SupervisorConfig;
}

/** "Prism exited with code 1" or "Prism was killed by SIGKILL". */
export function describeExit(exit: Pick<PrismExit, "code" | "signal">): string {
  return exit.signal ? `Prism was killed by ${exit.signal}` : `Prism exited with code ${exit.code}`;
}

/** How many of a process's last output lines an error message shows: the one setting for it. */
const OUTPUT_LINES_KEPT = 15;

/** The last lines a process printed, without colours, kept for error messages. */
export class OutputTail {
  private readonly kept: string[] = [];
  private partial = "";

  /** Adds a chunk of output; returns the lines it completed, so a caller can watch for one. */
  add(chunk: Buffer | string): string[] {
    // Prism colours its log when it thinks it has a terminal; these lines end up in error messages.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escape sequences
    const text = (this.partial + chunk.toString()).replace(/\u001b\[[0-9;]*m/g, "");
    const lines = text.split(/\r?\n/);
    this.partial = lines.pop() ?? "";
    const complete = lines.filter((line) => line.trim() !== "");
    this.kept.push(...complete);
    this.kept.splice(0, Math.max(0, this.kept.length - OUTPUT_LINES_KEPT));
    return complete;
  }

  /** The kept lines, and a last line the process has not finished yet. */
  lines(): string[] {
    return this.partial.trim() === ""
      ? [...this.kept]
      : [...this.kept, this.partial].slice(-OUTPUT_LINES_KEPT);
  }
}

/** A failure's one-line summary, Prism's fatal lines after it, then the tail of Prism's output. */
export function failureText(summary: string, details: Pick<PrismExit, "fatal" | "output">): string {
  let text = summary;
  if (details.fatal.length > 0) text += `: ${details.fatal.join("; ")}`;
  if (details.output.length > 0) {
    text += `\n--- last lines of Prism's output ---\n${details.output.join("\n")}`;
  }
  return text;
}

/**
 * What a caller is told, by the proxy's 502s and by `mock.exited`, once Prism has died mid-run;
 * `api` names the API it served when the mock serves more than one.
 */
export function crashText(exit: PrismExit, api?: MockApi): string {
  const served = api ? ` to the ${API_NAMES[api]}` : "";
  return failureText(`Kapso mock: ${describeExit(exit)} while serving requests${served}`, exit);
}
