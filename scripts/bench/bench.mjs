#!/usr/bin/env node
// `pnpm bench`: measures the client and the paginator side by side with bare openapi-fetch and raw
// fetch, against loopback servers it starts and stops itself, and prints a Markdown report (also
// written as JSON to .bench/report.json). Ratios come from variants interleaved in one run, so machine
// noise hits all of them alike. Only the size budget, which is deterministic, can fail a run
// (`--check`); `--only size,types,...` picks sections.
import { execFileSync, fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { root } from "../lib/spec.mjs";
import { typeCost } from "./type-cost.mjs";

const args = process.argv.slice(2);
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");
const check = args.includes("--check");
const wants = (section) => !only || only.includes(section);
const SECTIONS = ["overhead", "pagination", "size", "types", "codegen"];
for (const section of only ?? []) {
  if (!SECTIONS.includes(section))
    throw new Error(`unknown section ${section}; sections: ${SECTIONS.join(", ")}`);
}

const KEY = "bench-key";
const WORKFLOW = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const SEED = "/workflows/{workflow_id}/executions";
const BUDGETS = {
  clientOverOpenapiFetch: 1.05,
  paginateOverHandLoop: 0.9,
  prefetchSpeedup: 1.6,
  sizeBytes: 4096,
  typeCheckRatio: 1.2,
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (n, digits = 1) => n.toFixed(digits);
const verdict = (ok) => (ok ? "pass" : "MISS");

async function startServer(env = {}) {
  const child = fork(join(root, "scripts/bench/server.mjs"), {
    env: { ...process.env, ...env },
    stdio: "ignore",
  });
  const port = await new Promise((resolve, reject) => {
    child.once("message", (m) => resolve(m.port));
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { baseUrl: `http://127.0.0.1:${port}/platform/v1`, close: () => child.kill() };
}

async function loadPackages() {
  const [{ createKapsoClient }, { paginate }, { default: createClient }] = await Promise.all([
    import("@kapso/client"),
    import("@kapso/pagination"),
    import("openapi-fetch"),
  ]);
  return { createKapsoClient, paginate, createClient };
}

async function overhead({ createKapsoClient, createClient }) {
  const server = await startServer();
  try {
    const { baseUrl } = server;
    const kapso = createKapsoClient({ apiKey: KEY, baseUrl });
    const bare = createClient({ baseUrl, headers: { "X-API-Key": KEY } });
    const init = { params: { path: { workflow_id: WORKFLOW }, query: { limit: 20 } } };
    const rawUrl = `${baseUrl}/workflows/${WORKFLOW}/executions?limit=20`;
    const variants = {
      raw: async () => {
        const res = await fetch(rawUrl, { headers: { "X-API-Key": KEY } });
        if (!res.ok) throw new Error(`raw fetch got ${res.status}`);
        await res.json();
      },
      "openapi-fetch": async () => {
        const { error } = await bare.GET(SEED, init);
        if (error) throw new Error("openapi-fetch request failed");
      },
      client: async () => {
        const { error } = await kapso.GET(SEED, init);
        if (error) throw new Error("client request failed");
      },
    };
    const N = Number(process.env.BENCH_N ?? 5000);
    const ROUNDS = 20;
    const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
    for (const fn of Object.values(variants)) for (let i = 0; i < 200; i++) await fn(); // warm-up
    const names = Object.keys(variants);
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order each round so no variant always runs first or last.
      const order = names.map((_, i) => names[(i + round) % names.length]);
      for (const name of order) {
        const fn = variants[name];
        for (let i = 0; i < N / ROUNDS; i++) {
          const t0 = performance.now();
          await fn();
          times[name].push(performance.now() - t0);
        }
      }
    }
    const med = Object.fromEntries(names.map((k) => [k, median(times[k]) * 1000]));
    return {
      requestsPerVariant: N,
      medianMicroseconds: med,
      clientOverRaw: med.client / med.raw,
      clientOverOpenapiFetch: med.client / med["openapi-fetch"],
      openapiFetchOverRaw: med["openapi-fetch"] / med.raw,
    };
  } finally {
    server.close();
  }
}

async function handLoop(baseUrl, limit, work) {
  let after;
  let count = 0;
  for (;;) {
    const url = `${baseUrl}/workflows/${WORKFLOW}/executions?walk=1&limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ""}`;
    const res = await fetch(url, { headers: { "X-API-Key": KEY } });
    if (!res.ok) throw new Error(`hand loop got ${res.status}`);
    const page = await res.json();
    for (const _ of page.data) count++;
    if (work) await work();
    if (!page.paging.next || page.data.length === 0) return count;
    after = page.paging.cursors.after;
  }
}

async function paginateWalk(paginate, kapso, limit, options = {}, work) {
  let count = 0;
  const init = { params: { path: { workflow_id: WORKFLOW }, query: { walk: 1, limit } } };
  let inPage = 0;
  for await (const _ of paginate(kapso, SEED, init, options)) {
    count++;
    // The consumer "works" once per page, on its first item, like a batch write would.
    if (work && ++inPage === 1) await work();
    if (inPage === limit) inPage = 0;
  }
  return count;
}

async function pagination({ createKapsoClient, paginate }) {
  const result = {};
  const fast = await startServer({ BENCH_TOTAL: "10000" });
  try {
    const kapso = createKapsoClient({ apiKey: KEY, baseUrl: fast.baseUrl });
    const walks = { "hand loop": [], paginate: [] };
    for (let round = 0; round < 6; round++) {
      for (const name of round % 2 ? ["paginate", "hand loop"] : ["hand loop", "paginate"]) {
        const t0 = performance.now();
        const n =
          name === "paginate" ? await paginateWalk(paginate, kapso, 100) : await handLoop(fast.baseUrl, 100);
        if (n !== 10_000) throw new Error(`${name} walked ${n} items, expected 10000`);
        if (round > 0) walks[name].push(performance.now() - t0); // round 0 warms up
      }
    }
    const itemsPerSecond = Object.fromEntries(
      Object.entries(walks).map(([k, v]) => [k, 10_000 / (median(v) / 1000)]),
    );
    result.walk = {
      items: 10_000,
      limit: 100,
      itemsPerSecond,
      ratio: itemsPerSecond.paginate / itemsPerSecond["hand loop"],
    };
  } finally {
    fast.close();
  }

  const D = 20;
  const pages = 20;
  const slow = await startServer({ BENCH_TOTAL: String(pages * 100), BENCH_DELAY_MS: String(D) });
  try {
    const kapso = createKapsoClient({ apiKey: KEY, baseUrl: slow.baseUrl });
    const work = () => new Promise((resolve) => setTimeout(resolve, D));
    const walks = { sequential: [], prefetch: [] };
    for (let round = 0; round < 4; round++) {
      for (const name of round % 2 ? ["prefetch", "sequential"] : ["sequential", "prefetch"]) {
        const t0 = performance.now();
        await paginateWalk(paginate, kapso, 100, { prefetch: name === "prefetch" }, work);
        walks[name].push(performance.now() - t0);
      }
    }
    const ms = Object.fromEntries(Object.entries(walks).map(([k, v]) => [k, median(v)]));
    result.prefetch = { delayMs: D, pages, walkMs: ms, speedup: ms.sequential / ms.prefetch };
  } finally {
    slow.close();
  }
  return result;
}

async function size() {
  const measure = async (external) => {
    const out = await build({
      stdin: {
        contents: 'export * from "@kapso/client"; export * from "@kapso/pagination";',
        resolveDir: root,
        loader: "js",
      },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      external,
      write: false,
      logLevel: "silent",
    });
    const code = out.outputFiles[0].contents;
    return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
  };
  const without = await measure(["openapi-fetch"]);
  const withFetch = await measure([]);
  return {
    withoutOpenapiFetch: without,
    withOpenapiFetch: withFetch,
    openapiFetchGzip: withFetch.gzip - without.gzip,
  };
}

function codegen() {
  const times = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    execFileSync(process.execPath, [join(root, "scripts/generate.mjs"), "--check"], { stdio: "ignore" });
    times.push(performance.now() - t0);
  }
  return { medianMs: median(times), runs: times.length };
}

const report = { date: new Date().toISOString(), node: process.version, budgets: BUDGETS };
const started = performance.now();
const packages = wants("overhead") || wants("pagination") ? await loadPackages() : undefined;
if (wants("overhead")) report.overhead = await overhead(packages);
if (wants("pagination")) report.pagination = await pagination(packages);
if (wants("size")) report.size = await size();
if (wants("types")) report.types = typeCost();
if (wants("codegen")) report.codegen = codegen();
report.seconds = (performance.now() - started) / 1000;

const lines = ["# Benchmark report", "", `Node ${process.version}, ${new Date().toISOString()}`, ""];
if (report.overhead) {
  const o = report.overhead;
  lines.push(
    `## Request overhead (${o.requestsPerVariant} sequential GETs per variant, interleaved)`,
    "",
    "| variant | median µs/request |",
    "|---|---|",
    ...Object.entries(o.medianMicroseconds).map(([k, v]) => `| ${k} | ${fmt(v)} |`),
    "",
    `- client / raw fetch: ${fmt(o.clientOverRaw, 3)}×`,
    `- openapi-fetch / raw fetch: ${fmt(o.openapiFetchOverRaw, 3)}×`,
    `- client / openapi-fetch: ${fmt(o.clientOverOpenapiFetch, 3)}× (budget ≤ ${BUDGETS.clientOverOpenapiFetch}×: ${verdict(o.clientOverOpenapiFetch <= BUDGETS.clientOverOpenapiFetch)})`,
    "",
  );
}
if (report.pagination) {
  const { walk, prefetch } = report.pagination;
  lines.push(
    `## Pagination (${walk.items} items at limit=${walk.limit})`,
    "",
    "| walk | items/s |",
    "|---|---|",
    ...Object.entries(walk.itemsPerSecond).map(([k, v]) => `| ${k} | ${fmt(v, 0)} |`),
    "",
    `- paginate / hand loop: ${fmt(walk.ratio, 3)}× (budget ≥ ${BUDGETS.paginateOverHandLoop}×: ${verdict(walk.ratio >= BUDGETS.paginateOverHandLoop)})`,
    `- server ${prefetch.delayMs} ms/page and consumer ${prefetch.delayMs} ms/page, ${prefetch.pages} pages: sequential ${fmt(prefetch.walkMs.sequential, 0)} ms, prefetch ${fmt(prefetch.walkMs.prefetch, 0)} ms, speed-up ${fmt(prefetch.speedup, 2)}× (budget ≥ ${BUDGETS.prefetchSpeedup}×: ${verdict(prefetch.speedup >= BUDGETS.prefetchSpeedup)})`,
    "",
  );
}
if (report.size) {
  const s = report.size;
  lines.push(
    "## Size (@kapso/client + @kapso/pagination, esbuild, minified)",
    "",
    "| bundle | min | min+gzip |",
    "|---|---|---|",
    `| without openapi-fetch | ${s.withoutOpenapiFetch.minified} B | ${s.withoutOpenapiFetch.gzip} B |`,
    `| with openapi-fetch | ${s.withOpenapiFetch.minified} B | ${s.withOpenapiFetch.gzip} B |`,
    "",
    `- without openapi-fetch: ${s.withoutOpenapiFetch.gzip} B min+gzip (budget ≤ ${BUDGETS.sizeBytes} B: ${verdict(s.withoutOpenapiFetch.gzip <= BUDGETS.sizeBytes)})`,
    "",
  );
}
if (report.types) {
  const t = report.types;
  lines.push(
    `## Type-check cost (${t.operations} operation calls, tsc --extendedDiagnostics)`,
    "",
    "| consumer | check time | instantiations | types | memory |",
    "|---|---|---|---|---|",
    ...Object.entries(t.results).map(
      ([k, v]) =>
        `| ${k} | ${fmt(v.checkSeconds, 2)} s | ${v.instantiations} | ${v.types} | ${fmt(v.memoryKB / 1024, 0)} MB |`,
    ),
    "",
    `- client / openapi-fetch check time: ${fmt(t.checkRatio, 3)}×, instantiations ${fmt(t.instantiationRatio, 3)}× (budget ≤ ${BUDGETS.typeCheckRatio}×: ${verdict(t.checkRatio <= BUDGETS.typeCheckRatio)})`,
    "",
  );
}
if (report.codegen) {
  lines.push(
    "## Codegen",
    "",
    `- \`pnpm generate\` (bundle + types, in memory): median ${fmt(report.codegen.medianMs, 0)} ms over ${report.codegen.runs} runs`,
    "",
  );
}
lines.push(`Total ${fmt(report.seconds, 1)} s.`);
console.log(lines.join("\n"));
mkdirSync(join(root, ".bench"), { recursive: true });
writeFileSync(join(root, ".bench/report.json"), `${JSON.stringify(report, null, 2)}\n`);

if (check && report.size && report.size.withoutOpenapiFetch.gzip > BUDGETS.sizeBytes) {
  console.error(
    `size budget exceeded: ${report.size.withoutOpenapiFetch.gzip} B > ${BUDGETS.sizeBytes} B min+gzip`,
  );
  process.exit(1);
}
