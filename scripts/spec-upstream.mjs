#!/usr/bin/env node
// `pnpm spec:upstream <file>...`: compares our bundled specs with OpenAPI documents Kapso publishes
// (local copies) and prints every difference on the operations both describe, plus the operations
// only one side has, with counts per file. Each published document is compared with the spec of the
// same API, told apart by server URL: the Platform API's (spec/openapi.yaml) or the Meta proxy's
// (spec/whatsapp/openapi.yaml, its shared URL templates split into their operations). It fails on
// any difference that spec/UPSTREAM.md does not list as deliberate (each API has its own list), and
// on any published operation our spec lacks, so the spec cannot drift from what the API really does
// without saying why.
import { existsSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parse } from "yaml";
import { readDeviations, triage } from "./lib/deviations.mjs";
import { ensureBuilt, root } from "./lib/ensure-built.mjs";

ensureBuilt("packages/codegen");
const { bundleSpec, operations, splitSharedTemplates } = await import("./lib/spec.mjs");
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

// Our documents, each with the deviations its section of spec/UPSTREAM.md lists. `--spec` replaces
// them all with one bundled document, compared with every file.
const upstreamNotes = readFileSync(join(root, "spec/UPSTREAM.md"), "utf8");
const apis = specPath
  ? [{ name: "spec", doc: JSON.parse(readFileSync(resolve(specPath), "utf8")), section: undefined }]
  : [
      { name: "Platform API", doc: await bundleSpec(), section: undefined },
      {
        name: "Meta proxy",
        doc: splitSharedTemplates(await bundleSpec(join(root, "spec/whatsapp/openapi.yaml"))),
        section: "whatsapp",
      },
    ];
for (const api of apis) {
  api.deviations = readDeviations(upstreamNotes, api.section);
  api.sharedRoutes = new Set();
  api.matched = new Set();
  api.compared = false;
}
const serverOf = (doc) => doc.servers?.[0]?.url;
// A published document belongs to the API whose server URL it names; the Platform API otherwise.
const apiFor = (upstream) => apis.find((api) => serverOf(api.doc) === serverOf(upstream)) ?? apis[0];

let unlisted = 0;
let missing = 0;
for (const file of files) {
  const upstream = parse(readFileSync(file, "utf8"));
  const api = apiFor(upstream);
  api.compared = true;
  const result = compareWithUpstream(api.doc, upstream);
  for (const key of result.shared) api.sharedRoutes.add(routeOf(key));
  const { listed, rest, used } = triage(result.differences, api.deviations);
  for (const id of used) api.matched.add(id);
  unlisted += rest.length;
  missing += result.onlyUpstream.length;

  console.log(`\n${basename(file)} (compared with our ${api.name} spec)`);
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

for (const api of apis.filter((a) => a.compared)) {
  const oursOnly = [...operations(api.doc).keys()].filter((key) => !api.sharedRoutes.has(routeOf(key)));
  console.log(`\nour ${api.name} spec: ${oursOnly.length} operation(s) in none of the upstream files`);
  if (!quiet) for (const key of oursOnly) console.log(`  only ours: ${key}`);
  for (const deviation of api.deviations.filter((d) => !api.matched.has(d.id))) {
    console.log(
      `warning: deviation "${deviation.id}" in spec/UPSTREAM.md (${api.name}) matches no difference`,
    );
  }
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
