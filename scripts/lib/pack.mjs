// Packs workspace packages the way they are published (`pnpm pack`: `files`, `publishConfig` and
// `workspace:` ranges rewritten), for the checks that install them into projects outside the workspace.
import { execFileSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./ensure-built.mjs";

/** Packs `packages/<name>` for every name into `destination`; resolves each name to its tarball's path. */
export function packPackages(names, destination) {
  const tarballs = new Map();
  for (const name of names) {
    const before = new Set(readdirSync(destination));
    execFileSync("pnpm", ["pack", "--pack-destination", destination], {
      cwd: join(root, "packages", name),
      stdio: "ignore",
    });
    const added = readdirSync(destination).filter((file) => !before.has(file) && file.endsWith(".tgz"));
    if (added.length !== 1)
      throw new Error(`pnpm pack of packages/${name} produced ${added.length} tarballs`);
    tarballs.set(name, join(destination, added[0]));
  }
  return tarballs;
}

/**
 * Makes `project` (an existing, empty folder) a private npm project with `manifest` and `specs`
 * installed: tarball paths and registry specs. npm, not pnpm, so the tarballs install the way a user
 * outside this workspace gets them.
 */
export function installProject(project, specs, manifest = { name: "consumer", private: true }) {
  writeFileSync(join(project, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  execFileSync(
    "npm",
    ["install", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error", ...specs],
    {
      cwd: project,
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
}
