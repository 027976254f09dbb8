#!/usr/bin/env node
// `pnpm bench`: measures the client and the paginator side by side with what a user would pick
// instead (raw fetch, openapi-fetch, openai-node's client core, ky, axios, ofetch), against a stubbed
// fetch and a loopback server it starts and stops itself (server.mjs), and prints a Markdown report
// (also written as JSON to .bench/report.json) ending in a summary of every budget as PASS or MISS.
// The measurements are in measure.mjs, the budgets in budget.mjs, the report in render.mjs and the
// size in size.mjs (also its own check: `node scripts/bench/size.mjs --check`, run by `pnpm test`).
// `--only=size,types,...` picks sections; `--check` fails the run when a deterministic budget (the
// size) is missed.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { root } from "../lib/spec.mjs";
import { BUDGETS, verdictsOf } from "./budget.mjs";
import { codegen, concurrency, loadPackages, memory, overhead, pagination, signal } from "./measure.mjs";
import { render } from "./render.mjs";
import { size } from "./size.mjs";
import { typeCost } from "./type-cost.mjs";

const args = process.argv.slice(2);
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");
const check = args.includes("--check");
const wants = (section) => !only || only.includes(section);
const SECTIONS = ["overhead", "pagination", "memory", "signal", "concurrency", "size", "types", "codegen"];
for (const section of only ?? []) {
  if (!SECTIONS.includes(section))
    throw new Error(`unknown section ${section}; sections: ${SECTIONS.join(", ")}`);
}

const report = { date: new Date().toISOString(), node: process.version, budgets: BUDGETS };
const started = performance.now();
const needsPackages = ["overhead", "pagination", "memory", "signal", "concurrency"].some(wants);
const packages = needsPackages ? await loadPackages() : undefined;
if (wants("overhead")) report.overhead = await overhead(packages);
if (wants("pagination")) report.pagination = await pagination(packages);
if (wants("memory")) report.memory = await memory(packages);
if (wants("signal")) report.signal = await signal(packages);
if (wants("concurrency")) report.concurrency = await concurrency(packages);
if (wants("size")) report.size = await size();
if (wants("types")) report.types = typeCost();
if (wants("codegen")) report.codegen = codegen();
report.seconds = (performance.now() - started) / 1000;

report.verdicts = verdictsOf(report);
console.log(render(report, report.verdicts));
mkdirSync(join(root, ".bench"), { recursive: true });
writeFileSync(join(root, ".bench/report.json"), `${JSON.stringify(report, null, 2)}\n`);

if (check && report.size && report.size.withoutOpenapiFetch.gzip > BUDGETS.sizeBytes) {
  console.error(
    `size budget exceeded: ${report.size.withoutOpenapiFetch.gzip} B > ${BUDGETS.sizeBytes} B min+gzip`,
  );
  process.exit(1);
}
