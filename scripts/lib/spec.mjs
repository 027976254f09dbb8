// The one spec library (bundling, `$ref`s, the operation walk, `allOf` merging) is @kapso/codegen's,
// so users walking their own specs read them the same way; this module keeps the scripts' import
// path and adds what only this repository knows: where it lives and where its spec is.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

// Scripts run before any build on a fresh clone (`pnpm test` checks the generated files first), so
// the library is built here when its dist is missing or older than its sources.
const codegen = join(root, "packages/codegen");
const built = join(codegen, "dist/spec.js");
const newestSource = Math.max(
  ...readdirSync(join(codegen, "src"))
    .filter((name) => !name.endsWith(".test.ts"))
    .map((name) => statSync(join(codegen, "src", name)).mtimeMs),
);
if (!existsSync(built) || statSync(built).mtimeMs < newestSource) {
  execFileSync("pnpm", ["run", "--silent", "build"], {
    cwd: codegen,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

const library = await import("@kapso/codegen/spec");

export const { HTTP_METHODS, operations, deref, parametersOf, flatten, withVariant, normalize } = library;

/** Bundles spec/openapi.yaml (or another root file) into one document with components sorted by name. */
export function bundleSpec(entry = join(root, "spec/openapi.yaml")) {
  return library.bundleSpec(entry);
}
