#!/usr/bin/env node
// `pnpm bench`: measures the client and the paginator side by side with bare openapi-fetch and a
// hand-written loop, against a loopback server it starts and stops itself (scripts/bench/server.mjs),
// and prints a Markdown report (also written as JSON to .bench/report.json) ending in a summary of
// every budget as PASS or MISS. Ratios are paired: each round runs every variant back to back and
// yields one ratio, and the report gives the median and range of those per-round ratios, so machine
// noise that hits one round hits both sides of its ratio. Only the size budget, which is
// deterministic, can fail a run (`--check`); `--only=size,types,...` picks sections.
import { execFileSync, fork } from "node:child_process";
import { getEventListeners } from "node:events";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
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
const SECTIONS = ["overhead", "pagination", "memory", "signal", "concurrency", "size", "types", "codegen"];
for (const section of only ?? []) {
  if (!SECTIONS.includes(section))
    throw new Error(`unknown section ${section}; sections: ${SECTIONS.join(", ")}`);
}

const KEY = "bench-key";
const WORKFLOW = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const SEED = "/workflows/{workflow_id}/executions";
const BUDGETS = {
  clientOverOpenapiFetch: 1.05,
  paginateOverHandLoop: 0.95,
  prefetchSpeedup: 1.8,
  heapGrowthBytes: 2 * 1024 * 1024,
  listenersLeft: 2,
  // 6 KB since the client gained logging, withOptions and the generic paths type, and the paginator a
  // strategy per list style and the log-search style: 5.5 KB of readable code with every message kept.
  sizeBytes: 6144,
  typeCheckRatio: 1.2,
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
/** Median and range of per-round ratios. */
const spread = (ratios) => ({
  median: median(ratios),
  min: Math.min(...ratios),
  max: Math.max(...ratios),
  rounds: ratios.length,
});
const fmt = (n, digits = 1) => n.toFixed(digits);
const fmtSpread = (r, digits = 3) =>
  `${fmt(r.median, digits)}× (range ${fmt(r.min, digits)}–${fmt(r.max, digits)} over ${r.rounds} rounds)`;
const kb = (bytes) => `${fmt(bytes / 1024, 0)} KB`;

// `--expose-gc` switched on at run time, so the heap can be read after a full collection.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc");
/** Heap in use after collecting, with timer turns so FinalizationRegistry callbacks (fetch's) can run. */
async function heapAfterGc() {
  for (let round = 0; round < 2; round++) {
    gc();
    await delay(10);
  }
  gc();
  return process.memoryUsage().heapUsed;
}

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
    // Many short rounds: a ratio per round compares variants measured within a second of each other.
    const ROUNDS = 50;
    const names = Object.keys(variants);
    for (const fn of Object.values(variants)) for (let i = 0; i < 200; i++) await fn(); // warm-up
    const rounds = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order each round so no variant always runs first or last.
      const order = names.map((_, i) => names[(i + round) % names.length]);
      const medians = {};
      for (const name of order) {
        const times = [];
        for (let i = 0; i < N / ROUNDS; i++) {
          const t0 = performance.now();
          await variants[name]();
          times.push(performance.now() - t0);
        }
        medians[name] = median(times) * 1000;
      }
      rounds.push(medians);
    }
    const ratio = (a, b) => spread(rounds.map((r) => r[a] / r[b]));
    return {
      requestsPerVariant: N,
      medianMicroseconds: Object.fromEntries(names.map((k) => [k, median(rounds.map((r) => r[k]))])),
      clientOverRaw: ratio("client", "raw"),
      clientOverOpenapiFetch: ratio("client", "openapi-fetch"),
      openapiFetchOverRaw: ratio("openapi-fetch", "raw"),
    };
  } finally {
    server.close();
  }
}

const walkInit = (limit) => ({ params: { path: { workflow_id: WORKFLOW }, query: { walk: 1, limit } } });

/** The loop a careful user writes by hand over the same client: `after` from each page until `next` is null. */
async function handLoop(kapso, limit, work) {
  let after;
  let count = 0;
  for (;;) {
    const query = after ? { walk: 1, limit, after } : { walk: 1, limit };
    const { data, error } = await kapso.GET(SEED, { params: { path: { workflow_id: WORKFLOW }, query } });
    if (error) throw new Error("hand loop request failed");
    for (const _ of data.data) count++;
    if (work) await work();
    if (!data.paging.next || data.data.length === 0) return count;
    after = data.paging.cursors.after;
  }
}

async function paginateWalk(paginate, kapso, limit, options = {}, work) {
  let count = 0;
  let inPage = 0;
  for await (const _ of paginate(kapso, SEED, walkInit(limit), options)) {
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
    const ratios = [];
    const itemsPerSecond = { "hand loop": [], paginate: [] };
    for (let round = 0; round < 21; round++) {
      const ms = {};
      for (const name of round % 2 ? ["paginate", "hand loop"] : ["hand loop", "paginate"]) {
        const t0 = performance.now();
        const n = name === "paginate" ? await paginateWalk(paginate, kapso, 100) : await handLoop(kapso, 100);
        if (n !== 10_000) throw new Error(`${name} walked ${n} items, expected 10000`);
        ms[name] = performance.now() - t0;
      }
      if (round === 0) continue; // warm-up
      for (const name of Object.keys(ms)) itemsPerSecond[name].push(10_000 / (ms[name] / 1000));
      ratios.push(ms["hand loop"] / ms.paginate);
    }
    result.walk = {
      items: 10_000,
      limit: 100,
      itemsPerSecond: Object.fromEntries(Object.entries(itemsPerSecond).map(([k, v]) => [k, median(v)])),
      ratio: spread(ratios),
    };
  } finally {
    fast.close();
  }

  // 20 pages; at 50 ms a page on each side the ideal speed-up is 40/21 = 1.90×.
  const D = 50;
  const pages = 20;
  const slow = await startServer({ BENCH_TOTAL: String(pages * 100), BENCH_DELAY_MS: String(D) });
  try {
    const kapso = createKapsoClient({ apiKey: KEY, baseUrl: slow.baseUrl });
    const work = () => delay(D);
    const ratios = [];
    const walkMs = { sequential: [], prefetch: [] };
    for (let round = 0; round < 5; round++) {
      const ms = {};
      for (const name of round % 2 ? ["prefetch", "sequential"] : ["sequential", "prefetch"]) {
        const t0 = performance.now();
        await paginateWalk(paginate, kapso, 100, { prefetch: name === "prefetch" }, work);
        ms[name] = performance.now() - t0;
        walkMs[name].push(ms[name]);
      }
      ratios.push(ms.sequential / ms.prefetch);
    }
    result.prefetch = {
      delayMs: D,
      pages,
      walkMs: Object.fromEntries(Object.entries(walkMs).map(([k, v]) => [k, median(v)])),
      speedup: spread(ratios),
    };
  } finally {
    slow.close();
  }
  return result;
}

/** Heap growth over a 1,000,000-item walk with a caller signal, measured after GC near the start and at the last page. */
async function memory({ createKapsoClient, paginate }) {
  const TOTAL = 1_000_000;
  const LIMIT = 100;
  const server = await startServer({ BENCH_TOTAL: String(TOTAL) });
  try {
    const kapso = createKapsoClient({ apiKey: KEY, baseUrl: server.baseUrl });
    const runs = {};
    for (const prefetch of [false, true]) {
      const controller = new AbortController();
      let count = 0;
      let start = 0;
      let growth = 0;
      let listenersAtEnd = 0;
      const t0 = performance.now();
      for await (const _ of paginate(kapso, SEED, walkInit(LIMIT), { signal: controller.signal, prefetch })) {
        count++;
        // After 100 pages (warm caches and connection pool), and on the last item, with the walk still open.
        if (count === 100 * LIMIT) start = await heapAfterGc();
        if (count === TOTAL) {
          growth = (await heapAfterGc()) - start;
          listenersAtEnd = getEventListeners(controller.signal, "abort").length;
        }
      }
      if (count !== TOTAL) throw new Error(`memory walk yielded ${count} items, expected ${TOTAL}`);
      runs[prefetch ? "prefetch, caller signal" : "no prefetch, caller signal"] = {
        heapGrowthBytes: growth,
        listenersOnCallerSignal: listenersAtEnd,
        seconds: (performance.now() - t0) / 1000,
      };
    }
    return { items: TOTAL, limit: LIMIT, runs };
  } finally {
    server.close();
  }
}

/** 5,000 sequential requests through the client sharing one caller signal: what is left on it. */
async function signal({ createKapsoClient }) {
  const server = await startServer();
  try {
    const kapso = createKapsoClient({ apiKey: KEY, baseUrl: server.baseUrl });
    const controller = new AbortController();
    const init = {
      params: { path: { workflow_id: WORKFLOW }, query: { limit: 20 } },
      signal: controller.signal,
    };
    // Node prints one MaxListenersExceededWarning per listener past 1,500; the section counts them
    // instead of printing thousands of lines, and puts Node's own printer back afterwards.
    const warnings = [];
    const printers = process.listeners("warning");
    process.removeAllListeners("warning");
    const onWarning = (warning) => {
      if (warning.name === "MaxListenersExceededWarning") warnings.push(warning);
      else for (const print of printers) print(warning);
    };
    process.on("warning", onWarning);
    const N = 5000;
    try {
      for (let i = 0; i < N; i++) {
        const { error } = await kapso.GET(SEED, init);
        if (error) throw new Error("request failed");
      }
    } finally {
      process.off("warning", onWarning);
      for (const print of printers) process.on("warning", print);
    }
    const listenersLeft = getEventListeners(controller.signal, "abort").length;
    await heapAfterGc();
    const listenersAfterGc = getEventListeners(controller.signal, "abort").length;
    return { requests: N, listenersLeft, listenersAfterGc, maxListenersWarnings: warnings.length };
  } finally {
    server.close();
  }
}

/** 200 walks at once through one client, each 10 pages of 100 items. */
async function concurrency({ createKapsoClient, paginate }) {
  const WALKS = 200;
  const ITEMS = 1000;
  const server = await startServer({ BENCH_TOTAL: String(ITEMS) });
  try {
    const kapso = createKapsoClient({ apiKey: KEY, baseUrl: server.baseUrl });
    const heapBefore = await heapAfterGc();
    const t0 = performance.now();
    const counts = await Promise.all(
      Array.from({ length: WALKS }, (_, i) => paginateWalk(paginate, kapso, 100, { prefetch: i % 2 === 1 })),
    );
    const seconds = (performance.now() - t0) / 1000;
    const wrong = counts.filter((n) => n !== ITEMS).length;
    if (wrong) throw new Error(`${wrong} of ${WALKS} concurrent walks did not yield ${ITEMS} items`);
    const heapAfter = await heapAfterGc();
    return {
      walks: WALKS,
      itemsPerWalk: ITEMS,
      seconds,
      itemsPerSecond: (WALKS * ITEMS) / seconds,
      heapLeftBytes: heapAfter - heapBefore,
    };
  } finally {
    server.close();
  }
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

/** Every budget this run measured: [name, measured, budget, passed]. */
const verdicts = [];
const judge = (name, measured, budget, passed) => {
  verdicts.push({ name, measured, budget, passed });
  return passed ? "PASS" : "MISS";
};

const lines = ["# Benchmark report", "", `Node ${process.version}, ${new Date().toISOString()}`, ""];
if (report.overhead) {
  const o = report.overhead;
  const r = o.clientOverOpenapiFetch;
  lines.push(
    `## Request overhead (${o.requestsPerVariant} sequential GETs per variant, 50 interleaved rounds)`,
    "",
    "| variant | median µs/request |",
    "|---|---|",
    ...Object.entries(o.medianMicroseconds).map(([k, v]) => `| ${k} | ${fmt(v)} |`),
    "",
    `- client / raw fetch: ${fmtSpread(o.clientOverRaw)}`,
    `- openapi-fetch / raw fetch: ${fmtSpread(o.openapiFetchOverRaw)}`,
    `- client / openapi-fetch: ${fmtSpread(r)}: ${judge("client / openapi-fetch", `${fmt(r.median, 3)}×`, `≤ ${BUDGETS.clientOverOpenapiFetch}×`, r.median <= BUDGETS.clientOverOpenapiFetch)}`,
    "",
  );
}
if (report.pagination) {
  const { walk, prefetch } = report.pagination;
  lines.push(
    `## Pagination (${walk.items} items at limit=${walk.limit}, both over the same createKapsoClient)`,
    "",
    "| walk | items/s (median) |",
    "|---|---|",
    ...Object.entries(walk.itemsPerSecond).map(([k, v]) => `| ${k} | ${fmt(v, 0)} |`),
    "",
    `- paginate / hand loop (throughput): ${fmtSpread(walk.ratio)}: ${judge("paginate / hand loop", `${fmt(walk.ratio.median, 3)}×`, `≥ ${BUDGETS.paginateOverHandLoop}×`, walk.ratio.median >= BUDGETS.paginateOverHandLoop)}`,
    `- server ${prefetch.delayMs} ms/page and consumer ${prefetch.delayMs} ms/page, ${prefetch.pages} pages: sequential ${fmt(prefetch.walkMs.sequential, 0)} ms, prefetch ${fmt(prefetch.walkMs.prefetch, 0)} ms, speed-up ${fmtSpread(prefetch.speedup, 2)}: ${judge("prefetch speed-up", `${fmt(prefetch.speedup.median, 2)}×`, `≥ ${BUDGETS.prefetchSpeedup}×`, prefetch.speedup.median >= BUDGETS.prefetchSpeedup)}`,
    "",
  );
}
if (report.memory) {
  const m = report.memory;
  lines.push(
    `## Memory (${m.items.toLocaleString("en")}-item walk at limit=${m.limit}, heap after GC at page 100 and at the last item)`,
    "",
    "| walk | heap growth | listeners on the caller's signal at the end | time |",
    "|---|---|---|---|",
    ...Object.entries(m.runs).map(
      ([k, v]) =>
        `| ${k} | ${kb(v.heapGrowthBytes)} | ${v.listenersOnCallerSignal} | ${fmt(v.seconds, 1)} s |`,
    ),
    "",
    ...Object.entries(m.runs).map(
      ([k, v]) =>
        `- heap growth, ${k}: ${kb(v.heapGrowthBytes)}: ${judge(`heap growth, ${k}`, kb(v.heapGrowthBytes), `≤ ${kb(BUDGETS.heapGrowthBytes)}`, v.heapGrowthBytes <= BUDGETS.heapGrowthBytes)}`,
    ),
    "",
  );
}
if (report.signal) {
  const g = report.signal;
  lines.push(
    `## One caller signal shared by ${g.requests} sequential requests`,
    "",
    `- abort listeners left on it at the end: ${g.listenersLeft} (${g.listenersAfterGc} after a GC); MaxListenersExceededWarning printed ${g.maxListenersWarnings} times: ${judge("listeners left", String(g.listenersLeft), `≤ ${BUDGETS.listenersLeft}`, g.listenersLeft <= BUDGETS.listenersLeft)}`,
    "",
  );
}
if (report.concurrency) {
  const c = report.concurrency;
  lines.push(
    `## Concurrency (${c.walks} walks at once through one client, ${c.itemsPerWalk} items each, half with prefetch)`,
    "",
    `- all ${c.walks} walks complete in ${fmt(c.seconds, 2)} s, ${fmt(c.itemsPerSecond, 0)} items/s; heap left after they end ${kb(c.heapLeftBytes)} (no budget)`,
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
    `- without openapi-fetch: ${s.withoutOpenapiFetch.gzip} B min+gzip: ${judge("size", `${s.withoutOpenapiFetch.gzip} B`, `≤ ${BUDGETS.sizeBytes} B`, s.withoutOpenapiFetch.gzip <= BUDGETS.sizeBytes)}`,
    "",
  );
}
if (report.types) {
  const t = report.types;
  lines.push(
    `## Type-check cost (${t.operations} GET calls; ${t.lists} paginate calls, one per list; tsc --extendedDiagnostics)`,
    "",
    "| consumer | check time | instantiations | types | memory |",
    "|---|---|---|---|---|",
    ...Object.entries(t.results).map(
      ([k, v]) =>
        `| ${k} | ${fmt(v.checkSeconds, 2)} s | ${v.instantiations} | ${v.types} | ${fmt(v.memoryKB / 1024, 0)} MB |`,
    ),
    "",
    `- paginate: ${fmt(t.paginateInstantiationsPerCall, 0)} instantiations per call (no budget)`,
    `- client / openapi-fetch check time: ${fmt(t.checkRatio, 3)}×, instantiations ${fmt(t.instantiationRatio, 3)}×: ${judge("type-check time, client / openapi-fetch", `${fmt(t.checkRatio, 3)}×`, `≤ ${BUDGETS.typeCheckRatio}×`, t.checkRatio <= BUDGETS.typeCheckRatio)}`,
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
lines.push(
  "## Summary",
  "",
  "| budget | measured | limit | verdict |",
  "|---|---|---|---|",
  ...verdicts.map((v) => `| ${v.name} | ${v.measured} | ${v.budget} | ${v.passed ? "PASS" : "MISS"} |`),
  "",
  `${verdicts.filter((v) => v.passed).length} PASS, ${verdicts.filter((v) => !v.passed).length} MISS. Total ${fmt(report.seconds, 1)} s.`,
);
report.verdicts = verdicts;
console.log(lines.join("\n"));
mkdirSync(join(root, ".bench"), { recursive: true });
writeFileSync(join(root, ".bench/report.json"), `${JSON.stringify(report, null, 2)}\n`);

if (check && report.size && report.size.withoutOpenapiFetch.gzip > BUDGETS.sizeBytes) {
  console.error(
    `size budget exceeded: ${report.size.withoutOpenapiFetch.gzip} B > ${BUDGETS.sizeBytes} B min+gzip`,
  );
  process.exit(1);
}
