// Bundlers rename a class that refers to itself by name inside its own body (`_KapsoApiError`), and
// that name is what stack traces and `err.constructor.name` show. This builds the package exactly as
// `pnpm build` does (its own tsup config), into a scratch directory, and checks both formats.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const NAMES = [
  "KapsoError",
  "KapsoConfigError",
  "KapsoConnectionError",
  "KapsoTimeoutError",
  "KapsoApiError",
];
const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
// Inside node_modules, so that the CommonJS build resolves openapi-fetch as the real one does.
mkdirSync(join(packageDir, "node_modules"), { recursive: true });
const outDir = mkdtempSync(join(packageDir, "node_modules", ".names-test-"));

beforeAll(() => {
  execFileSync(join(packageDir, "node_modules", ".bin", "tsup"), ["--out-dir", outDir, "--silent"], {
    cwd: packageDir,
    stdio: "pipe",
  });
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("the built package", () => {
  it.each(["esm", "cjs"])("keeps the error classes' own names (%s)", async (format) => {
    const file = join(outDir, format === "esm" ? "index.js" : "index.cjs");
    const built: Record<string, new (init: never) => Error> =
      format === "esm" ? await import(pathToFileURL(file).href) : createRequire(import.meta.url)(file);
    for (const name of NAMES) {
      const ErrorClass = built[name] as unknown as new (init: unknown) => Error;
      const error = new ErrorClass(
        name === "KapsoApiError" ? { status: 500, body: undefined, path: "/x" } : "m",
      );
      expect(ErrorClass.name).toBe(name);
      expect(error.constructor.name).toBe(name);
      expect(error.name).toBe(name);
      expect(error.stack?.split("\n")[0]).toMatch(new RegExp(`^${name}: `));
    }
  });
});
