// Responses that Kapso's published documents allow must validate against our spec: for every GET
// both describe, values are generated from Kapso's response schema and checked with Ajv against
// ours. A field we require and Kapso leaves optional, or a null we forbid, fails here with the
// generated body that shows it. Needs local copies of the published documents (../shared/upstream);
// where they are absent the suite is skipped and says why.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { arbitraryFor } from "./lib/schema-arbitrary.mjs";
import { deref, root, splitSharedTemplates } from "./lib/spec.mjs";
import { compareWithUpstream } from "./lib/upstream.mjs";

const UPSTREAM_DIR = process.env.KAPSO_UPSTREAM_DIR ?? join(root, "../shared/upstream");
// Each published document is checked against our spec of the same API: the Platform API's, or the
// Meta proxy's with its shared URL templates split into their operations (as spec:upstream reads it).
const SPECS = {
  platform: {
    doc: JSON.parse(readFileSync(join(root, "packages/types/openapi.json"), "utf8")),
    id: "https://kapso.invalid/openapi.json",
  },
  whatsapp: {
    doc: splitSharedTemplates(
      JSON.parse(readFileSync(join(root, "packages/types/whatsapp/openapi.json"), "utf8")),
    ),
    id: "https://kapso.invalid/whatsapp/openapi.json",
  },
};
// `required` adds to the top level of every sampled body (with `listsOnly`, of every body with a
// `data` array) what a deviation of spec/UPSTREAM.md makes required on purpose (agent-data-required,
// list-data-required), so the samples test the rest of the shape.
const FILES = [
  { file: "openapi-workflows.yaml", spec: "platform", required: [] },
  { file: "openapi-platform.yaml", spec: "platform", required: [] },
  { file: "openapi-kapso-agent.yaml", spec: "platform", required: ["data"] },
  { file: "whatsapp/openapi-whatsapp.yaml", spec: "whatsapp", required: ["data"], listsOnly: true },
];
const SAMPLES_PER_RESPONSE = 40;
// Each document present is checked; a missing one is said, not failed.
const present = FILES.filter(({ file }) => existsSync(join(UPSTREAM_DIR, file)));
const available = present.length > 0;
for (const { file } of FILES.filter((entry) => !present.includes(entry))) {
  console.log(`upstream samples: ${file} skipped, it is not in ${UPSTREAM_DIR}`);
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
for (const { doc, id } of Object.values(SPECS)) ajv.addSchema({ ...doc, $id: id });

const pointer = (...parts) =>
  parts.map((p) => String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

function cases() {
  if (!available) return [];
  const list = [];
  for (const { file, spec, required, listsOnly } of present) {
    const ours = SPECS[spec].doc;
    const upstream = parse(readFileSync(join(UPSTREAM_DIR, file), "utf8"));
    for (const pair of compareWithUpstream(ours, upstream).pairs.filter((p) => p.ours.startsWith("GET "))) {
      const path = pair.ours.slice(4);
      const theirPath = pair.upstream.slice(4);
      for (const [status, raw] of Object.entries(upstream.paths[theirPath].get.responses ?? {})) {
        if (!status.startsWith("2")) continue;
        const published = deref(upstream, raw).content?.["application/json"]?.schema;
        if (!published || !ours.paths[path].get.responses[status]) continue;
        const resolved = deref(upstream, published);
        const isList = deref(upstream, resolved.properties?.data ?? {}).type === "array";
        const schema =
          required.length === 0 || (listsOnly && !isList)
            ? published
            : { ...resolved, required: [...new Set([...(resolved.required ?? []), ...required])] };
        list.push({ file, spec, key: pair.ours, path, status, upstream, schema });
      }
    }
  }
  return list;
}

const all = cases();
let checked = 0;

describe.skipIf(!available)("bodies Kapso's documents allow validate against our spec", () => {
  it.each(all.map((c) => [`${c.key} ${c.status} (${c.file})`, c]))("%s", (_name, c) => {
    const { doc: ours, id } = SPECS[c.spec];
    const ref = `${id}#/${pointer("paths", c.path, "get", "responses", c.status)}`;
    const response = deref(ours, ours.paths[c.path].get.responses[c.status]);
    expect(
      response.content?.["application/json"],
      `${c.key} ${c.status} has no JSON body in our spec`,
    ).toBeDefined();
    const validate = ajv.compile({ $ref: `${ref}/content/${pointer("application/json")}/schema` });
    const samples = fc.sample(arbitraryFor(c.upstream, c.schema), {
      numRuns: SAMPLES_PER_RESPONSE,
      seed: 20261202,
    });
    const failures = [];
    for (const body of samples) {
      if (!validate(body)) failures.push({ errors: ajv.errorsText(validate.errors), body });
    }
    checked += samples.length;
    expect(failures.slice(0, 1), `${failures.length} of ${samples.length} generated bodies fail`).toEqual([]);
  });

  it("covers every shared GET", () => {
    expect(all.length).toBeGreaterThan(0);
    console.log(`upstream samples: ${checked} generated bodies over ${all.length} responses`);
  });
});
