// The budgets `pnpm bench` holds the packages to, and the verdict on each that a run measured.

export const BUDGETS = {
  // What @kapso/client may cost over bare openapi-fetch per request: end to end against a loopback
  // server, and in client overhead alone against a stubbed fetch (where it must also beat openai-node,
  // ky and axios, the other clients a user would pick).
  loopbackOverOpenapiFetch: 1.05,
  stubOverOpenapiFetch: 1.25,
  stubFasterThan: ["openai-node", "ky", "axios"],
  paginateOverHandLoop: 0.95,
  prefetchSpeedup: 1.8,
  heapGrowthBytes: 2 * 1024 * 1024,
  listenersLeft: 2,
  // 10 KB min+gzip for client + pagination, openapi-fetch external: a guard against bloat, with every
  // protection against hostile servers and careless callers in and readable code first.
  sizeBytes: 10_240,
  typeCheckRatio: 1.2,
};

const fmt = (n, digits) => n.toFixed(digits);
const kb = (bytes) => `${fmt(bytes / 1024, 0)} KB`;

/** Every budget the report measured: { name, measured, budget, passed }. */
export function verdictsOf(report) {
  const verdicts = [];
  const judge = (name, measured, budget, passed) => verdicts.push({ name, measured, budget, passed });
  if (report.overhead) {
    const { stub } = report.overhead;
    const budgets = { stub: BUDGETS.stubOverOpenapiFetch, loopback: BUDGETS.loopbackOverOpenapiFetch };
    for (const [mode, limit] of Object.entries(budgets)) {
      const r = report.overhead[mode].overOpenapiFetch["@kapso/client"].median;
      judge(`${mode}: client / openapi-fetch`, `${fmt(r, 3)}×`, `≤ ${limit}×`, r <= limit);
    }
    const client = stub.overOpenapiFetch["@kapso/client"].median;
    for (const other of BUDGETS.stubFasterThan) {
      const theirs = stub.overOpenapiFetch[other].median;
      judge(
        `stub: client faster than ${other}`,
        `${fmt(client, 2)}× vs ${fmt(theirs, 2)}×`,
        "faster",
        client < theirs,
      );
    }
  }
  if (report.pagination) {
    const { walk, prefetch } = report.pagination;
    const r = walk.ratio.median;
    judge(
      "paginate / hand loop",
      `${fmt(r, 3)}×`,
      `≥ ${BUDGETS.paginateOverHandLoop}×`,
      r >= BUDGETS.paginateOverHandLoop,
    );
    const s = prefetch.speedup.median;
    judge(
      "prefetch speed-up",
      `${fmt(s, 2)}×`,
      `≥ ${BUDGETS.prefetchSpeedup}×`,
      s >= BUDGETS.prefetchSpeedup,
    );
  }
  if (report.memory) {
    for (const [walk, run] of Object.entries(report.memory.runs)) {
      const growth = run.heapGrowthBytes;
      judge(
        `heap growth, ${walk}`,
        kb(growth),
        `≤ ${kb(BUDGETS.heapGrowthBytes)}`,
        growth <= BUDGETS.heapGrowthBytes,
      );
    }
  }
  if (report.signal) {
    const left = report.signal.listenersLeft;
    judge("listeners left", String(left), `≤ ${BUDGETS.listenersLeft}`, left <= BUDGETS.listenersLeft);
  }
  if (report.size) {
    const gzip = report.size.withoutOpenapiFetch.gzip;
    judge("size", `${gzip} B`, `≤ ${BUDGETS.sizeBytes} B`, gzip <= BUDGETS.sizeBytes);
  }
  if (report.types) {
    const r = report.types.checkRatio;
    judge(
      "type-check time, client / openapi-fetch",
      `${fmt(r, 3)}×`,
      `≤ ${BUDGETS.typeCheckRatio}×`,
      r <= BUDGETS.typeCheckRatio,
    );
  }
  return verdicts;
}
