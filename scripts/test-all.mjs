#!/usr/bin/env node
// The one test command (`pnpm test`): every check CI runs, in order, stopping at the first failure,
// then one closing line with the total of tests passed and failed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const packagesDir = join(root, "packages");
const resultFiles = [
  ...readdirSync(packagesDir).map((name) => join(packagesDir, name, ".vitest-result.json")),
  join(root, "scripts/.vitest-result.json"),
];

const steps = [
  ["spec lint (Redocly, examples validated)", "pnpm", ["spec:lint"]],
  ["generated files match the spec", "pnpm", ["check:generated"]],
  ["lint and format (Biome)", "pnpm", ["lint"]],
  ["breaking spec changes carry a major changeset", "pnpm", ["spec:diff", "--require-changeset"]],
  upstreamStep(),
  ["script tests (spec diff, upstream comparison and samples)", "pnpm", ["test:scripts"]],
  [
    "build, typecheck and tests (turbo)",
    "pnpm",
    ["turbo", "run", "build", "typecheck", "test", "--output-logs=new-only"],
  ],
  [
    "packed packages: publint, attw and a consumer project in three setups",
    "node",
    ["scripts/check-packages.mjs"],
  ],
  [
    "runtime matrix: the packed packages on Node, Bun, Deno and workerd",
    "node",
    ["scripts/runtimes/matrix.mjs"],
  ],
  ["size budget of client + pagination (10 KB min+gzip)", "node", ["scripts/bench/size.mjs", "--check"]],
];

// Kapso's published documents are read from a local folder (KAPSO_UPSTREAM_DIR, default
// ../shared/upstream beside the repository); a clone without them skips the comparison and says so.
function upstreamStep() {
  const dir = process.env.KAPSO_UPSTREAM_DIR ?? join(root, "../shared/upstream");
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => /\.ya?ml$/.test(name))
        .map((name) => join(dir, name))
    : [];
  if (files.length === 0) {
    return [`spec matches Kapso's published documents: skipped, no OpenAPI files in ${dir}`, "true", []];
  }
  return [
    "spec matches Kapso's published documents",
    "node",
    ["scripts/spec-upstream.mjs", "--quiet", ...files],
  ];
}

for (const file of resultFiles) rmSync(file, { force: true });
const started = Date.now();
let failedStep;
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    failedStep = name;
    break;
  }
}

let passed = 0;
let failed = 0;
for (const file of resultFiles.filter((f) => existsSync(f))) {
  const result = JSON.parse(readFileSync(file, "utf8"));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
}
const seconds = Math.round((Date.now() - started) / 1000);
if (failedStep) {
  console.error(`\n✗ failed at: ${failedStep} (${seconds} s)`);
  console.log(`tests: ${passed} passed, ${Math.max(failed, 1)} failed`);
  process.exit(1);
}
console.log(`\n✓ all checks passed in ${seconds} s`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
