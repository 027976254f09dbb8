/**
 * Reads an environment variable where there is a `process` global (Node, Bun, Deno 2); undefined
 * elsewhere (browsers, workers). Deno without `--allow-env` throws on the read: callers decide
 * whether that is worth its own message (see `isPermissionError`).
 */
export function readEnv(name: string): string | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
}

/** Deno's refusal to read the environment: `NotCapable` since Deno 2, `PermissionDenied` before. */
export function isPermissionError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === "NotCapable" || name === "PermissionDenied";
}
