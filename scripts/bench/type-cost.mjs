// Type-check cost of calling N operations through @kapso/client versus bare openapi-fetch with the same
// `paths`, and of one paginate() call per list of the spec: the consumer files are generated from the
// spec so the comparison grows with it.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { listStyle, root } from "../lib/spec.mjs";

const OPERATIONS = 20;

function calls(spec) {
  const gets = Object.entries(spec.paths)
    .filter(([, item]) => item.get)
    .slice(0, OPERATIONS);
  return gets.map(([path], i) => {
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => `${m[1]}: "x"`);
    const init = params.length ? `, { params: { path: { ${params.join(", ")} } } }` : "";
    return `  const r${i} = await api.GET("${path}"${init});\n  use(r${i}.data, r${i}.error);`;
  });
}

function paginateCalls(spec) {
  const lists = Object.entries(spec.paths).filter(([, item]) => {
    const style = item.get ? listStyle(spec, item.get) : undefined;
    return style === "cursor" || style === "page";
  });
  return lists.map(([path], i) => {
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => `${m[1]}: "x"`);
    const init = params.length ? `, { params: { path: { ${params.join(", ")} } } }` : ", {}";
    return `  for await (const item${i} of paginate(api, "${path}"${init})) use(item${i});`;
  });
}

const consumer = (setup, body) => `${setup}
declare function use(...values: unknown[]): void;
export async function main(): Promise<void> {
${body.join("\n")}
}
`;

function diagnostics(dir) {
  const out = execFileSync(join(root, "node_modules/.bin/tsc"), ["-p", dir, "--extendedDiagnostics"], {
    encoding: "utf8",
  });
  const read = (label) => Number(out.match(new RegExp(`^${label}:\\s+([\\d.]+)`, "m"))?.[1]);
  return {
    checkSeconds: read("Check time"),
    totalSeconds: read("Total time"),
    instantiations: read("Instantiations"),
    types: read("Types"),
    memoryKB: read("Memory used"),
  };
}

export function typeCost() {
  const spec = JSON.parse(readFileSync(join(root, "packages/types/openapi.json"), "utf8"));
  const body = calls(spec);
  const lists = paginateCalls(spec);
  const base = join(root, ".bench/types");
  rmSync(base, { recursive: true, force: true });
  const variants = {
    "@kapso/pagination":
      'import { createKapsoClient } from "@kapso/client";\nimport { paginate } from "@kapso/pagination";\nconst api = createKapsoClient({ apiKey: "k" });',
    "@kapso/client":
      'import { createKapsoClient } from "@kapso/client";\nconst api = createKapsoClient({ apiKey: "k" });',
    "openapi-fetch":
      'import createClient from "openapi-fetch";\nimport type { paths } from "@kapso/types";\nconst api = createClient<paths>({ baseUrl: "https://api.kapso.ai/platform/v1" });',
  };
  const results = {};
  // Alternate and repeat: the first tsc run of a process pays for warming the disk cache.
  const runs = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const names = Object.keys(variants);
  names.forEach((name, i) => {
    const setup = variants[name];
    const dir = join(base, `v${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "consumer.ts"), consumer(setup, name === "@kapso/pagination" ? lists : body));
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ["consumer.ts"],
      }),
    );
  });
  for (let round = 0; round < 3; round++) {
    names.forEach((name, i) => {
      runs[name].push(diagnostics(join(base, `v${i}`)));
    });
  }
  for (const [name, list] of Object.entries(runs)) {
    const sorted = [...list].sort((a, b) => a.checkSeconds - b.checkSeconds);
    results[name] = sorted[1];
  }
  const client = results["@kapso/client"];
  const bare = results["openapi-fetch"];
  return {
    operations: body.length,
    lists: lists.length,
    paginateInstantiationsPerCall: results["@kapso/pagination"].instantiations / lists.length,
    results,
    checkRatio: client.checkSeconds / bare.checkSeconds,
    instantiationRatio: client.instantiations / bare.instantiations,
  };
}
