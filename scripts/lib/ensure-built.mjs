// Scripts and test runs that read a workspace package's dist (the spec library in @kapso/codegen, the
// mock's supervisor) may start before any build on a fresh clone, or after an edit of src/. This is the
// one place that builds such a package first, and only when its dist is missing or older than its
// sources. Call it before the first import of the dist, once per process tree, so no two processes
// build at once.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

function mtimes(dir, keep) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && keep(entry.name))
    .map((entry) => statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
}

/** Builds the package at `packageDir` (absolute, or relative to the repository) unless its dist is fresh. */
export function ensureBuilt(packageDir) {
  const dir = isAbsolute(packageDir) ? packageDir : join(root, packageDir);
  const dist = join(dir, "dist");
  const newestSource = Math.max(...mtimes(join(dir, "src"), (name) => !/\.test\.[cm]?ts$/.test(name)));
  // tsup rewrites every output file, so the oldest one tells when the last build ran.
  const built = existsSync(dist) ? Math.min(...mtimes(dist, () => true)) : Number.NEGATIVE_INFINITY;
  if (built >= newestSource) return;
  execFileSync("pnpm", ["run", "--silent", "build"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
}

/** As a vitest globalSetup: builds the package whose tests are about to run. */
export default function setup(project) {
  ensureBuilt(project.config.root);
}
