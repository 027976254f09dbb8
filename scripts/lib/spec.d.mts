// Types for spec.mjs, so TypeScript packages (the contract tests) read documents through the same module
// as the scripts: @kapso/codegen's spec library, plus the repository's root and its spec.
import type { Json } from "@kapso/codegen/spec";

export * from "@kapso/codegen/spec";

export const root: string;

/** Bundles spec/openapi.yaml, or another root file. */
export function bundleSpec(entry?: string): Promise<Json>;
