#!/usr/bin/env node
// The one test command (`pnpm test`): every check CI runs, in order. A failing step does not stop
// the others; a step that needs what an earlier one failed to produce is skipped and says why. The
// run ends with a table of the steps and one closing line of tests passed and failed, where tests
// that never got to run count as failed.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { clearResults, report, runSteps, tallyTests } from "./lib/steps.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const packagesDir = join(root, "packages");
const DEFAULT_UPSTREAM_DIR = join(root, "../shared/upstream");

/** Each suite writes its vitest JSON report in its folder; `step` is the step that runs it. */
const suites = [
  ...readdirSync(packagesDir)
    .filter((name) => hasTestScript(join(packagesDir, name)))
    .map((name) => ({ name: `@kapso/${name}`, dir: join(packagesDir, name), step: "tests" })),
  { name: "scripts", dir: join(root, "scripts"), step: "scripts" },
];

const steps = [
  { id: "lint-spec", name: "spec lint (Redocly, examples validated)", command: ["pnpm", "spec:lint"] },
  { id: "generated", name: "generated files match the spec", command: ["pnpm", "check:generated"] },
  { id: "lint", name: "lint and format (Biome)", command: ["pnpm", "lint"] },
  {
    id: "spec-diff",
    name: "breaking spec changes carry a major changeset",
    command: ["pnpm", "spec:diff", "--require-changeset"],
  },
  upstreamStep(),
  {
    id: "scripts",
    name: "script tests (spec diff, upstream comparison and samples)",
    command: ["pnpm", "test:scripts"],
  },
  {
    id: "build",
    name: "build every package (turbo)",
    command: ["pnpm", "turbo", "run", "build", "--output-logs=errors-only"],
  },
  {
    id: "tests",
    name: "typecheck and tests of every package (turbo)",
    // --continue: one failing package does not cut the others' tests short.
    command: ["pnpm", "turbo", "run", "typecheck", "test", "--continue", "--output-logs=new-only"],
    needs: ["build"],
  },
  {
    id: "packages",
    name: "packed packages: publint, attw, consumer projects on TypeScript 5.9 and 7",
    command: ["node", "scripts/check-packages.mjs"],
    needs: ["build"],
  },
  {
    id: "runtimes",
    name: "runtime matrix: the packed packages on Node, Bun, Deno and workerd",
    command: ["node", "scripts/runtimes/matrix.mjs"],
    needs: ["build"],
  },
  {
    id: "size",
    name: "size budget of client + pagination",
    command: ["node", "scripts/bench/size.mjs", "--check"],
    needs: ["build"],
  },
];

// Kapso's published documents are read from a local folder: KAPSO_UPSTREAM_DIR, or by default
// ../shared/upstream beside the repository; the Platform API's at its top, the Meta proxy's in its
// whatsapp/ folder (spec:upstream pairs each with our spec of the same server). A clone without them
// skips the comparison and says so.
function upstreamStep() {
  const dir = process.env.KAPSO_UPSTREAM_DIR ?? DEFAULT_UPSTREAM_DIR;
  const yamlIn = (folder) =>
    existsSync(folder)
      ? readdirSync(folder)
          .filter((name) => /\.ya?ml$/.test(name))
          .map((name) => join(folder, name))
      : [];
  const files = [...yamlIn(dir), ...yamlIn(join(dir, "whatsapp"))];
  const name = "spec matches Kapso's published documents";
  if (files.length === 0) {
    return {
      id: "upstream",
      name,
      skip: `no OpenAPI files in ${dir}; set KAPSO_UPSTREAM_DIR to the folder that holds Kapso's documents`,
    };
  }
  return { id: "upstream", name, command: ["node", "scripts/spec-upstream.mjs", "--quiet", ...files] };
}

function hasTestScript(dir) {
  const manifest = join(dir, "package.json");
  return existsSync(manifest) && Boolean(JSON.parse(readFileSync(manifest, "utf8")).scripts?.test);
}

clearResults(suites);
const started = Date.now();
const rows = runSteps(steps, { cwd: root });
const seconds = Math.round((Date.now() - started) / 1000);
process.exit(report(rows, tallyTests(suites, root), seconds));
