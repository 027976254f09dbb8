// The tests run bin/kapso-codegen.js, which imports dist/cli.js. Under turbo the build has already
// run; a direct `vitest run` after editing src/ rebuilds here, so no test runs a stale bin.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = dirname(fileURLToPath(import.meta.url));

function newestSourceMs(): number {
  const sources = readdirSync(join(packageDir, "src")).filter((name) => !name.endsWith(".test.ts"));
  return Math.max(...sources.map((name) => statSync(join(packageDir, "src", name)).mtimeMs));
}

export default function setup(): void {
  const built = join(packageDir, "dist", "cli.js");
  if (existsSync(built) && statSync(built).mtimeMs >= newestSourceMs()) return;
  execFileSync("pnpm", ["run", "build"], { cwd: packageDir, stdio: "inherit" });
}
