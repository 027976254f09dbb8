// The measurements of `pnpm bench`, one function per section, each returning plain numbers for the
// report (render.mjs prints them, budget.mjs judges them). Ratios are paired: each round runs every
// variant back to back and yields one ratio, and the report gives the median and range of those
// per-round ratios, so machine noise that hits one round hits both sides of its ratio.
import { execFileSync, fork } from "node:child_process";
import { getEventListeners } from "node:events";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { root } from "../lib/spec.mjs";
import { comparators, KEY, SEED, stubFetch, WORKFLOW } from "./comparators.mjs";

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
/** Median and range of per-round ratios. */
export const spread = (ratios) => ({
  median: median(ratios),
  min: Math.min(...ratios),
  max: Math.max(...ratios),
  rounds: ratios.length,
});
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

export async function startServer(env = {}) {
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

export async function loadPackages() {
  const [{ createKapsoClient }, { paginate }, { default: createClient }] = await Promise.all([
    import("@kapso/client"),
    import("@kapso/pagination"),
    import("openapi-fetch"),
  ]);
  return { createKapsoClient, paginate, createClient };
}

/**
 * Runs every variant `perRound` times per round, rotating their order each round, and returns each
 * variant's median µs per request and its per-round ratio to openapi-fetch.
 */
async function pairedRounds(variants, { rounds, perRound }) {
  const names = Object.keys(variants);
  for (const fn of Object.values(variants)) for (let i = 0; i < 200; i++) await fn(); // warm-up
  const results = [];
  for (let round = 0; round < rounds; round++) {
    // Rotate the order each round so no variant always runs first or last.
    const order = names.map((_, i) => names[(i + round) % names.length]);
    const medians = {};
    for (const name of order) {
      const times = [];
      for (let i = 0; i < perRound; i++) {
        const t0 = performance.now();
        await variants[name]();
        times.push(performance.now() - t0);
      }
      medians[name] = median(times) * 1000;
    }
    results.push(medians);
  }
  return {
    rounds,
    requestsPerVariant: rounds * perRound,
    medianMicroseconds: Object.fromEntries(names.map((k) => [k, median(results.map((r) => r[k]))])),
    overOpenapiFetch: Object.fromEntries(
      names.map((k) => [k, spread(results.map((r) => r[k] / r["openapi-fetch"]))]),
    ),
  };
}

/**
 * One authenticated GET through each comparator, in two modes: a stubbed `fetch` that answers at
 * once (what each client adds on top of fetch) and a loopback server in another process (what a
 * caller sees end to end).
 */
export async function overhead(packages) {
  const server = await startServer();
  try {
    const rounds = Number(process.env.BENCH_ROUNDS ?? 30);
    const stub = comparators(packages, { baseUrl: "https://api.kapso.ai/platform/v1", fetch: stubFetch });
    const loopback = comparators(packages, { baseUrl: server.baseUrl });
    return {
      stub: await pairedRounds(stub, { rounds, perRound: Number(process.env.BENCH_STUB_N ?? 400) }),
      loopback: await pairedRounds(loopback, {
        rounds,
        perRound: Number(process.env.BENCH_LOOPBACK_N ?? 100),
      }),
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

export async function pagination({ createKapsoClient, paginate }) {
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
export async function memory({ createKapsoClient, paginate }) {
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
export async function signal({ createKapsoClient }) {
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
export async function concurrency({ createKapsoClient, paginate }) {
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

export function codegen() {
  const times = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    execFileSync(process.execPath, [join(root, "scripts/generate.mjs"), "--check"], { stdio: "ignore" });
    times.push(performance.now() - t0);
  }
  return { medianMs: median(times), runs: times.length };
}
