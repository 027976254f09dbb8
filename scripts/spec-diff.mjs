#!/usr/bin/env node
// `pnpm spec:diff [base-ref]`: lists how the spec changed since a git ref, each change classified as
// breaking or not for a TypeScript client. With --require-changeset it fails when a breaking change
// has no major changeset for @kapso/types, which is how CI keeps releases honest.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ensureBuilt, root } from "./lib/ensure-built.mjs";

ensureBuilt("packages/codegen");
const { bundleSpec } = await import("./lib/spec.mjs");
const { diffSpecs } = await import("./lib/diff.mjs");

const args = process.argv.slice(2);
const requireChangeset = args.includes("--require-changeset");
const failOnBreaking = args.includes("--fail-on-breaking");
const unknown = args.filter(
  (a) => a.startsWith("--") && !["--require-changeset", "--fail-on-breaking"].includes(a),
);
if (unknown.length > 0) {
  console.error(
    `spec:diff: unknown option ${unknown.join(", ")}\nusage: pnpm spec:diff [base-ref] [--fail-on-breaking] [--require-changeset]`,
  );
  process.exit(2);
}

// The repository is the one the command runs in (pnpm runs it from the root), so the same script can
// judge a clone or a worktree of this repository.
const repo = tryGitIn(process.cwd(), "rev-parse", "--show-toplevel") ?? root;

// Bundled specs pass 1 MiB, execFileSync's default output limit, so reads are unbounded; a read that
// fails is reported, never mistaken for a missing spec.
function runGit(cwd, gitArgs) {
  return execFileSync("git", gitArgs, {
    cwd,
    encoding: "utf8",
    maxBuffer: Number.POSITIVE_INFINITY,
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}
function tryGitIn(cwd, ...gitArgs) {
  try {
    return runGit(cwd, gitArgs);
  } catch {
    return undefined;
  }
}
const tryGit = (...gitArgs) => tryGitIn(repo, ...gitArgs);

// The last release of @kapso/types is the contract users have; without one, the branch point from main.
function defaultBase() {
  const tag = tryGit("tag", "--list", "@kapso/types@*", "--sort=-v:refname")?.split("\n")[0];
  if (tag) return tag;
  for (const main of ["origin/main", "main"]) {
    const base = tryGit("merge-base", "HEAD", main);
    if (base) return base;
  }
  return "HEAD";
}

const base = args.find((a) => !a.startsWith("--")) ?? defaultBase();
if (!tryGit("rev-parse", "--verify", `${base}^{commit}`)) {
  console.error(`spec:diff: ${base} is not a commit, tag or branch of this repository`);
  process.exit(2);
}
const shippedPath = "packages/types/openapi.json";
// Only a base that predates the bundled spec counts as "everything is new".
const shippedExists = tryGit("cat-file", "-e", `${base}:${shippedPath}`) !== undefined;
let before = { paths: {} };
if (shippedExists) {
  try {
    before = JSON.parse(runGit(repo, ["show", `${base}:${shippedPath}`]));
  } catch (error) {
    const cause = String(error?.stderr || error?.message || error)
      .trim()
      .split("\n")[0];
    console.error(`spec:diff: could not read ${shippedPath} at ${base}: ${cause}`);
    process.exit(2);
  }
}
const after = await bundleSpec(join(repo, "spec/openapi.yaml"));
const changes = diffSpecs(before, after);
const breaking = changes.filter((c) => c.kind === "breaking");

console.log(
  `Spec changes since ${base}${shippedExists ? "" : ` (no ${shippedPath} there: everything is new)`}:`,
);
if (changes.length === 0) console.log("  none");
for (const change of [...breaking, ...changes.filter((c) => c.kind !== "breaking")]) {
  console.log(
    `  ${change.kind === "breaking" ? "BREAKING    " : "non-breaking"}  ${change.where}: ${change.what}`,
  );
}
console.log(`${breaking.length} breaking, ${changes.length - breaking.length} non-breaking`);

if (breaking.length > 0 && requireChangeset && !hasMajorTypesChangeset()) {
  console.error(
    "\nBreaking spec changes need a major changeset for @kapso/types: run `pnpm changeset`, pick @kapso/types and `major`, and describe what users must change.",
  );
  process.exit(1);
}
if (breaking.length > 0 && failOnBreaking) process.exit(1);

function hasMajorTypesChangeset() {
  const dir = join(repo, ".changeset");
  if (!existsSync(dir)) return false;
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md") && f !== "README.md")
    .some((f) => {
      const front = readFileSync(join(dir, f), "utf8").split(/^---$/m)[1] ?? "";
      return /^\s*["']?@kapso\/types["']?\s*:\s*major\s*$/m.test(front);
    });
}
