// Hostile list servers, through the client and the paginator: cycles of cursors, cursors that are not
// text, page numbers that stand still or go back, metadata that lies or has the wrong type, styles
// that change mid-walk, bodies that are not pages. Every walk ends, with its items or a KapsoError,
// and no error shows the API key. Fixed seed, so every run tries the same walks.
import { inspect } from "node:util";
import { createKapsoClient, KapsoError } from "@kapso/client";
import { json, type LoopbackServer, sendBytes, startLoopbackServer } from "@kapso/test-support";
import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { collect, paginate } from "./test-setup.js";

const WALKS = 3_000;
const CONCURRENCY = 16;
const SEED = 20_261_207;
const KEY = "kapso_test_key_fuzz_5e4d3c2b1a";

type Answer = { status: number; body: unknown } | { raw: string };

// Mostly well-typed, so that walks go on long enough to meet cycles and lying metadata.
const cursor = fc.oneof(
  { arbitrary: fc.constantFrom("a", "b", "c", "d"), weight: 12 },
  { arbitrary: fc.string({ maxLength: 8 }), weight: 3 },
  { arbitrary: fc.integer({ min: -2, max: 5 }), weight: 1 },
  { arbitrary: fc.constantFrom(null, undefined, "", true, { k: 1 }, ["a"]), weight: 1 },
);
const rarely = <T, U>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: usual, weight: 12 }, { arbitrary: odd, weight: 1 });
const items = fc.oneof(
  { arbitrary: fc.array(fc.record({ id: fc.nat(50) }), { minLength: 1, maxLength: 3 }), weight: 10 },
  { arbitrary: fc.constant([]), weight: 1 },
  { arbitrary: fc.constantFrom(null, "items", { id: 1 }), weight: 1 },
);
const cursorPage = fc.record({
  data: items,
  paging: rarely(
    fc.record({
      cursors: rarely(fc.record({ after: cursor, before: cursor }), fc.constantFrom(null, "c", [])),
      next: rarely(fc.constantFrom("more", "more", null), fc.constantFrom("", true, 1, "x")),
    }),
    fc.constantFrom(null, [], "paging"),
  ),
});
const pageNumberPage = fc.record({
  data: items,
  meta: fc.record({
    page: fc.oneof(
      fc.integer({ min: -1, max: 6 }),
      fc.double({ min: 0, max: 6 }),
      fc.constantFrom("2", null),
    ),
    total_pages: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constantFrom("3", null, 2.5, undefined)),
    has_next: fc.constantFrom(true, false, "false", "true", null, undefined, 0),
  }),
});
const logSearchPage = fc.record({
  data: fc.record({
    events: items,
    pagination: rarely(
      fc.record({
        has_more: rarely(fc.boolean(), fc.constantFrom("yes", null, undefined)),
        next_cursor: cursor,
      }),
      fc.constantFrom(null, "more", 3),
    ),
  }),
});
/** The answers of one walk: pages of one style, now and then a page of another or something else. */
const answers = (style: fc.Arbitrary<unknown>): fc.Arbitrary<Answer> =>
  fc.oneof(
    { arbitrary: style.map((body) => ({ status: 200, body })), weight: 40 },
    {
      arbitrary: fc.oneof(cursorPage, pageNumberPage, logSearchPage).map((body) => ({ status: 200, body })),
      weight: 1,
    },
    { arbitrary: fc.anything().map((body) => ({ status: 200, body })), weight: 1 },
    {
      arbitrary: fc
        .constantFrom(400, 404, 429, 500, 503)
        .map((status) => ({ status, body: { error: "no" } })),
      weight: 1,
    },
    { arbitrary: fc.constantFrom('{"data": [', "NaN", "<html>", "").map((raw) => ({ raw })), weight: 1 },
  );
const walkArbitrary = fc.record({
  pages: fc
    .constantFrom<fc.Arbitrary<unknown>>(cursorPage, pageNumberPage, logSearchPage)
    .chain((style) => fc.array(answers(style), { minLength: 1, maxLength: 12 })),
  prefetch: fc.boolean(),
  collectAll: fc.boolean(),
});

type Walk = { pages: Answer[]; served: number };
const walks = new Map<string, Walk>();
let pagesServed = 0;

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer((request, res) => {
    const walk = walks.get(request.path.split("/").at(-1) ?? "");
    if (!walk) return void res.writeHead(404).end();
    pagesServed++;
    // Past its last page, a walk's server repeats that page: a list that never ends on its own.
    const page = walk.pages[Math.min(walk.served++, walk.pages.length - 1)] as Answer;
    if ("raw" in page) return sendBytes(res, page.raw);
    json(res, page.status, page.body);
  });
});
afterAll(() => server.close());

test(`${WALKS} walks of hostile lists end with their items or a KapsoError, never the key`, {
  timeout: 120_000,
}, async () => {
  const samples = fc.sample(walkArbitrary, { numRuns: WALKS, seed: SEED });
  const kapso = createKapsoClient({
    apiKey: KEY,
    baseUrl: `${server.origin}/platform/v1`,
    maxRetries: 0,
    timeoutMs: 5_000,
  });
  const outcomes: Record<string, number> = {};
  const untyped: string[] = [];
  let next = 0;

  async function run(index: number) {
    const sample = samples[index] as (typeof samples)[number];
    const id = `w${index}`;
    walks.set(id, { pages: sample.pages, served: 0 });
    const init = { params: { path: { id } } };
    const options = { prefetch: sample.prefetch, maxItems: 500 };
    let outcome: string;
    try {
      if (sample.collectAll) {
        await collect(kapso, "/fuzz/{id}", init, options);
      } else {
        for await (const _item of paginate(kapso, "/fuzz/{id}", init, options)) {
          // every item is read
        }
      }
      outcome = "completed";
    } catch (error) {
      outcome = error instanceof KapsoError ? error.name : "untyped";
      if (!(error instanceof KapsoError)) untyped.push(inspect(error).slice(0, 300));
      for (const text of [String(error), JSON.stringify(error) ?? "", inspect(error, { depth: 6 })]) {
        expect(text).not.toContain(KEY);
      }
    }
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    walks.delete(id);
  }

  async function worker() {
    while (next < samples.length) {
      const index = next++;
      await run(index);
      if (index % 50 === 0) server.reset();
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  console.log(`pagination fuzz: ${JSON.stringify({ walks: samples.length, pagesServed, outcomes })}`);
  expect(untyped).toEqual([]);
  expect(Object.values(outcomes).reduce((a, b) => a + b, 0)).toBe(WALKS);
});
