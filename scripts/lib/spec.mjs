// The one spec library (bundling, `$ref`s, the operation walk, `allOf` merging) is @kapso/codegen's,
// so users walking their own specs read them the same way; this module keeps the scripts' import
// path and adds what only this repository knows: where it lives and where its spec is.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureCodegenBuilt } from "./codegen-build.mjs";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

ensureCodegenBuilt();
const library = await import("@kapso/codegen/spec");

export const {
  HTTP_METHODS,
  operations,
  deref,
  parametersOf,
  flatten,
  withVariant,
  normalize,
  exampleValue,
  SAMPLE_UUID,
  listStyle,
  splitSharedTemplates,
} = library;

/** Bundles spec/openapi.yaml (or another root file) into one document with components sorted by name. */
export function bundleSpec(entry = join(root, "spec/openapi.yaml")) {
  return library.bundleSpec(entry);
}
