// The Markdown report of `pnpm bench`: one block per section that ran, then the summary of every
// budget the run measured (judged by budget.mjs).

const fmt = (n, digits = 1) => n.toFixed(digits);
const fmtSpread = (r, digits = 3) =>
  `${fmt(r.median, digits)}× (range ${fmt(r.min, digits)}–${fmt(r.max, digits)} over ${r.rounds} rounds)`;
const kb = (bytes) => `${fmt(bytes / 1024, 0)} KB`;

/** The overhead table: one row per comparator, median µs and ratio to openapi-fetch in each mode. */
function overheadTable(overhead) {
  const modes = Object.entries(overhead);
  const cells = (name) =>
    modes.map(([, m]) => {
      const r = m.overOpenapiFetch[name];
      return `${fmt(m.medianMicroseconds[name])} | ${fmt(r.median, 2)} [${fmt(r.min, 2)}–${fmt(r.max, 2)}]`;
    });
  return [
    `| variant | ${modes.map(([mode]) => `${mode} µs | ${mode} / openapi-fetch [range]`).join(" | ")} |`,
    `|---|${modes.map(() => "---|---").join("|")}|`,
    ...Object.keys(modes[0][1].medianMicroseconds).map((name) => `| ${name} | ${cells(name).join(" | ")} |`),
  ];
}

export function render(report, verdicts) {
  const verdict = (name) => {
    const found = verdicts.find((v) => v.name === name);
    return found?.passed ? "PASS" : "MISS";
  };
  const lines = ["# Benchmark report", "", `Node ${report.node}, ${report.date}`, ""];
  if (report.overhead) {
    const { stub, loopback } = report.overhead;
    lines.push(
      `## Request overhead: one authenticated GET, side by side (${stub.rounds} paired rounds)`,
      "",
      `Stub: every client given a \`fetch\` that answers at once, ${stub.requestsPerVariant} requests each (client`,
      `overhead only). Loopback: a server in another process, ${loopback.requestsPerVariant} requests each.`,
      "Ratios are to openapi-fetch: the median and range of the per-round ratios.",
      "",
      ...overheadTable(report.overhead),
      "",
      `- stub: @kapso/client / openapi-fetch ${fmtSpread(stub.overOpenapiFetch["@kapso/client"])}: ${verdict("stub: client / openapi-fetch")}`,
      `- loopback: @kapso/client / openapi-fetch ${fmtSpread(loopback.overOpenapiFetch["@kapso/client"])}: ${verdict("loopback: client / openapi-fetch")}`,
      ...["openai-node", "ky", "axios"].map(
        (name) => `- stub: @kapso/client faster than ${name}: ${verdict(`stub: client faster than ${name}`)}`,
      ),
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
      `- paginate / hand loop (throughput): ${fmtSpread(walk.ratio)}: ${verdict("paginate / hand loop")}`,
      `- server ${prefetch.delayMs} ms/page and consumer ${prefetch.delayMs} ms/page, ${prefetch.pages} pages: sequential ${fmt(prefetch.walkMs.sequential, 0)} ms, prefetch ${fmt(prefetch.walkMs.prefetch, 0)} ms, speed-up ${fmtSpread(prefetch.speedup, 2)}: ${verdict("prefetch speed-up")}`,
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
        ([k, v]) => `- heap growth, ${k}: ${kb(v.heapGrowthBytes)}: ${verdict(`heap growth, ${k}`)}`,
      ),
      "",
    );
  }
  if (report.signal) {
    const g = report.signal;
    lines.push(
      `## One caller signal shared by ${g.requests} sequential requests`,
      "",
      `- abort listeners left on it at the end: ${g.listenersLeft} (${g.listenersAfterGc} after a GC); MaxListenersExceededWarning printed ${g.maxListenersWarnings} times: ${verdict("listeners left")}`,
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
      `- without openapi-fetch: ${s.withoutOpenapiFetch.gzip} B min+gzip: ${verdict("size")}`,
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
      `- client / openapi-fetch check time: ${fmt(t.checkRatio, 3)}×, instantiations ${fmt(t.instantiationRatio, 3)}×: ${verdict("type-check time, client / openapi-fetch")}`,
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
  return lines.join("\n");
}
