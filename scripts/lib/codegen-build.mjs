// Scripts run before any build on a fresh clone (`pnpm test` checks the generated files first), and
// they read specs through @kapso/codegen's dist: build it when it is missing or older than its
// sources. Test runs call this once before their workers start, so no two processes build at once.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const codegen = join(dirname(fileURLToPath(import.meta.url)), "../../packages/codegen");

export function ensureCodegenBuilt() {
  const built = join(codegen, "dist/spec.js");
  const newestSource = Math.max(
    ...readdirSync(join(codegen, "src"))
      .filter((name) => !name.endsWith(".test.ts"))
      .map((name) => statSync(join(codegen, "src", name)).mtimeMs),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource) return;
  execFileSync("pnpm", ["run", "--silent", "build"], {
    cwd: codegen,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export default ensureCodegenBuilt;
