// The scripts' view of the one spec library, @kapso/codegen's: the library itself, plus where this
// repository keeps its spec. Importing this module builds nothing: it needs @kapso/codegen's dist, so a
// script that may run before a build calls `ensureBuilt("packages/codegen")` (./ensure-built.mjs) and
// imports this module afterwards.
import { join } from "node:path";
import * as library from "@kapso/codegen/spec";
import { root } from "./ensure-built.mjs";

export * from "@kapso/codegen/spec";
export { root };

/** Bundles spec/openapi.yaml (or another root file) into one document with components sorted by name. */
export function bundleSpec(entry = join(root, "spec/openapi.yaml")) {
  return library.bundleSpec(entry);
}
