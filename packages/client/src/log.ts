import { readEnv } from "./env.js";
import { KapsoConfigError } from "./errors.js";
import { checkOneOf } from "./options.js";

/** How much the client logs: nothing (`"off"`) up to one line per attempt (`"debug"`). */
export type KapsoLogLevel = "off" | "error" | "warn" | "info" | "debug";

/** Where log lines go: `console`, or anything with the same four methods (pino, winston, a test spy). */
export interface KapsoLogger {
  /** Receives the line of every attempt that is not retried, at `logLevel: "debug"`. */
  debug(message: string): void;
  /** Receives the line of every attempt that is retried, at `"info"` and `"debug"`. */
  info(message: string): void;
  /** Part of the logger shape; the client writes nothing at this level today. */
  warn(message: string): void;
  /** Part of the logger shape; the client writes nothing at this level today. */
  error(message: string): void;
}

const LEVELS: readonly KapsoLogLevel[] = ["off", "error", "warn", "info", "debug"];

/**
 * The level to use: the option, else `KAPSO_LOG` from the environment, else `"warn"`. An environment
 * the runtime refuses to read (Deno without `--allow-env`) counts as unset: logging is never a reason
 * for a client to fail.
 */
export function resolveLogLevel(option: KapsoLogLevel | undefined): KapsoLogLevel {
  if (option !== undefined) {
    checkOneOf("logLevel", option, LEVELS);
    return option;
  }
  let fromEnv: string | undefined;
  try {
    fromEnv = readEnv("KAPSO_LOG")?.trim() || undefined;
  } catch {
    fromEnv = undefined;
  }
  if (fromEnv === undefined) return "warn";
  checkOneOf("KAPSO_LOG", fromEnv, LEVELS);
  return fromEnv as KapsoLogLevel;
}

export function checkLogger(logger: unknown): void {
  const methods = ["debug", "info", "warn", "error"] as const;
  if (!methods.every((method) => typeof (logger as Partial<KapsoLogger> | null)?.[method] === "function")) {
    throw new KapsoConfigError("logger must have debug, info, warn and error methods");
  }
}

/** Writes one attempt's line at `level` if the configured level lets it through. */
export type AttemptLog = (level: "info" | "debug", line: string) => void;

/**
 * The client logs attempts only: a retried attempt at `"info"`, any other at `"debug"`. Below
 * `"info"` there is nothing to log, and no function at all, so that a quiet client does not even
 * build the lines.
 */
export function attemptLog(level: KapsoLogLevel, logger: KapsoLogger): AttemptLog | undefined {
  const allowed = LEVELS.indexOf(level);
  if (allowed < LEVELS.indexOf("info")) return undefined;
  return (lineLevel, line) => {
    if (LEVELS.indexOf(lineLevel) <= allowed) logger[lineLevel](line);
  };
}
