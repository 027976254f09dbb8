// Types for spec.mjs, so TypeScript packages (the contract tests) read documents through the same module
// as the scripts. Documents and schemas are plain JSON objects here: callers narrow what they read.

export type Json = Record<string, unknown>;

export const root: string;

export const HTTP_METHODS: readonly string[];

export interface SpecOperation {
  /** Lower case, as the path item spells it: "get", "post", ... */
  method: string;
  path: string;
  /** The operation object itself. */
  op: Json;
  /** The path item's own parameters, which every operation of the path shares. */
  shared: Json[];
}

export function bundleSpec(entry?: string): Json;

export function operations(doc: object): Map<string, SpecOperation>;

export function deref<T = Json>(doc: object, node: unknown): T;

export function parametersOf(doc: object, operation: SpecOperation): Map<string, Json>;

export function flatten(doc: object, raw: unknown): Json;

export function withVariant(around: Json, variant: Json): Json;
