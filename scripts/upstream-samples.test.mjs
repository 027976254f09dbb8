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
import { deref, root } from "./lib/spec.mjs";
import { compareWithUpstream, routeOf } from "./lib/upstream.mjs";

const UPSTREAM_DIR = process.env.KAPSO_UPSTREAM_DIR ?? join(root, "../shared/upstream");
// `required` adds to the top level of every sampled body what a deviation of spec/UPSTREAM.md makes
// required on purpose (agent-data-required), so the samples test the rest of the shape.
const FILES = [
  { file: "openapi-workflows.yaml", required: [] },
  { file: "openapi-platform.yaml", required: [] },
  { file: "openapi-kapso-agent.yaml", required: ["data"] },
];
const SAMPLES_PER_RESPONSE = 40;
const available = FILES.every(({ file }) => existsSync(join(UPSTREAM_DIR, file)));
if (!available) {
  console.log(`upstream samples: skipped, Kapso's published documents are not at ${UPSTREAM_DIR}`);
}

const ours = JSON.parse(readFileSync(join(root, "packages/types/openapi.json"), "utf8"));
const OURS_ID = "https://kapso.invalid/openapi.json";
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...ours, $id: OURS_ID });

const pointer = (...parts) =>
  parts.map((p) => String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

function cases() {
  if (!available) return [];
  const list = [];
  for (const { file, required } of FILES) {
    const upstream = parse(readFileSync(join(UPSTREAM_DIR, file), "utf8"));
    const { shared } = compareWithUpstream(ours, upstream);
    const upstreamPaths = new Map(Object.keys(upstream.paths).map((path) => [routeOf(path), path]));
    for (const key of shared.filter((k) => k.startsWith("GET "))) {
      const path = key.slice(4);
      const theirPath = upstreamPaths.get(routeOf(path));
      for (const [status, raw] of Object.entries(upstream.paths[theirPath].get.responses ?? {})) {
        if (!status.startsWith("2")) continue;
        const published = deref(upstream, raw).content?.["application/json"]?.schema;
        if (!published || !ours.paths[path].get.responses[status]) continue;
        const resolved = deref(upstream, published);
        const schema =
          required.length === 0
            ? published
            : { ...resolved, required: [...new Set([...(resolved.required ?? []), ...required])] };
        list.push({ file, key, path, status, upstream, schema });
      }
    }
  }
  return list;
}

const all = cases();
let checked = 0;

describe.skipIf(!available)("bodies Kapso's documents allow validate against our spec", () => {
  it.each(all.map((c) => [`${c.key} ${c.status} (${c.file})`, c]))("%s", (_name, c) => {
    const ref = `${OURS_ID}#/${pointer("paths", c.path, "get", "responses", c.status)}`;
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
