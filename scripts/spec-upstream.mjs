#!/usr/bin/env node
// `pnpm spec:upstream <file>...`: compares our bundled spec with OpenAPI documents Kapso publishes
// (local copies) and prints every difference on the operations both describe, plus the operations
// only one side has, with counts per file. It fails on any difference that spec/UPSTREAM.md does not
// list as deliberate, and on any published operation our spec lacks, so the spec cannot drift from
// what the API really does without saying why.
import { existsSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parse } from "yaml";
import { readDeviations, triage } from "./lib/deviations.mjs";
import { ensureBuilt, root } from "./lib/ensure-built.mjs";

ensureBuilt("packages/codegen");
const { bundleSpec, operations } = await import("./lib/spec.mjs");
const { compareWithUpstream, routeOf } = await import("./lib/upstream.mjs");

const USAGE = "usage: pnpm spec:upstream <upstream.yaml>... [--quiet] [--spec <bundled.json>]";
const args = process.argv.slice(2);
const quiet = args.includes("--quiet");
const specIndex = args.indexOf("--spec");
const specPath = specIndex >= 0 ? args[specIndex + 1] : undefined;
const files = args.filter((a, i) => !a.startsWith("--") && !(specIndex >= 0 && i === specIndex + 1));
const unknown = args.filter((a) => a.startsWith("--") && !["--quiet", "--spec"].includes(a));
if (unknown.length > 0 || files.length === 0 || (specIndex >= 0 && !specPath)) {
  console.error(unknown.length > 0 ? `spec:upstream: unknown option ${unknown.join(", ")}` : USAGE);
  if (unknown.length > 0) console.error(USAGE);
  process.exit(2);
}
for (const file of files) {
  if (!existsSync(file)) {
    console.error(`spec:upstream: ${file} does not exist`);
    process.exit(2);
  }
}

const ours = specPath ? JSON.parse(readFileSync(resolve(specPath), "utf8")) : await bundleSpec();
const deviations = readDeviations(readFileSync(join(root, "spec/UPSTREAM.md"), "utf8"));

let unlisted = 0;
let missing = 0;
const sharedRoutes = new Set();
const matched = new Set();
for (const file of files) {
  const upstream = parse(readFileSync(file, "utf8"));
  const result = compareWithUpstream(ours, upstream);
  for (const key of result.shared) sharedRoutes.add(routeOf(key));
  const { listed, rest, used } = triage(result.differences, deviations);
  for (const id of used) matched.add(id);
  unlisted += rest.length;
  missing += result.onlyUpstream.length;

  console.log(`\n${basename(file)}`);
  console.log(
    `  operations: ${result.shared.length} shared, ${result.onlyUpstream.length} only upstream` +
      ` | differences on shared operations: ${result.differences.length}` +
      ` (${listed.length} listed in spec/UPSTREAM.md, ${rest.length} unlisted)`,
  );
  for (const difference of rest) console.log(`  DIFF    ${difference.key}`);
  for (const key of result.onlyUpstream) console.log(`  MISSING ${key}: published, not in our spec`);
  if (!quiet) {
    for (const difference of listed) console.log(`  listed  ${difference.key}  [${difference.deviation}]`);
  }
}

const oursOnly = [...operations(ours).keys()].filter((key) => !sharedRoutes.has(routeOf(key)));
console.log(`\nour spec: ${oursOnly.length} operation(s) in none of the upstream files`);
if (!quiet) for (const key of oursOnly) console.log(`  only ours: ${key}`);
const stale = deviations.filter((d) => !matched.has(d.id));
for (const deviation of stale) {
  console.log(`warning: deviation "${deviation.id}" in spec/UPSTREAM.md matches no difference`);
}
const problems = [
  unlisted > 0 && `${unlisted} difference(s) not listed in spec/UPSTREAM.md`,
  missing > 0 && `${missing} published operation(s) missing from our spec`,
].filter(Boolean);
console.log(
  problems.length === 0
    ? "\nspec:upstream: every published operation is in our spec, every difference is listed in spec/UPSTREAM.md"
    : `\nspec:upstream: ${problems.join("; ")}`,
);
process.exit(problems.length === 0 ? 0 : 1);
