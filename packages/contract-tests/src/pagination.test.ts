/**
 * Walks every chain of named list examples in each document to its end through @kapso/pagination, in
 * each list style: forward from the first page (`first_page`), and for cursor lists backward from the
 * last (`last_page`) too. Cursor pages that say whether more follow only by carrying a cursor (the
 * Meta proxy's) are walked through the client by following `paging.cursors.after`/`before`, the way
 * Kapso documents the end of such a list: a page without the cursor is the last. The
 * expected items and page counts are read from the examples themselves, so a longer chain or a new
 * list endpoint needs no change here. The mock itself serves the example each cursor or page number
 * names; the client only picks the starting page with `Prefer: example=<name>`.
 */
import {
  LIST_STYLES,
  listStyle,
  listStyleOfAnswer,
  namedExamples,
  type Operation,
} from "@kapso/codegen/spec";
import { type PaginateOptions, paginate } from "@kapso/pagination";
import { describe, expect, inject, it } from "vitest";
import {
  chain,
  chainEnds,
  type ExamplePage,
  expectedSelectors,
  itemsOf,
  linksPages,
  recordQueries,
  SELECTOR,
} from "./chains.js";
import { documents } from "./documents.js";
import { type CallResult, mockClient } from "./harness.js";
import { requestsFor } from "./requests.js";

/** `paginate` over a path known only at run time: the types check literal paths, not a loop over the spec. */
const paginateAnyPath = paginate as unknown as (
  client: unknown,
  path: string,
  init: unknown,
  options: PaginateOptions,
) => AsyncGenerator<unknown, void, undefined>;

interface WalkInit {
  params: { path: Record<string, unknown>; query: Record<string, unknown> };
  headers: Record<string, string>;
}

/**
 * The items of a walk over pages that carry only cursors: each request sends the cursor the last page
 * gave for `direction`, and the walk ends at a page without one. The cap only turns a chain that
 * loops into a failure instead of a hang.
 */
async function* walkCursors(
  client: unknown,
  path: string,
  init: WalkInit,
  direction: "after" | "before",
  maxPages: number,
): AsyncGenerator<unknown, void, undefined> {
  const get = (client as { GET: (path: string, init: unknown) => Promise<CallResult> }).GET;
  let query = init.params.query;
  for (let page = 0; page < maxPages; page++) {
    const { data, response } = await get(path, { ...init, params: { ...init.params, query } });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    const body = data as ExamplePage;
    yield* itemsOf(body);
    const cursor = body.paging?.cursors?.[direction];
    if (!cursor) return;
    query = { ...init.params.query, [direction]: cursor };
  }
  throw new Error(`GET ${path}: more than ${maxPages} pages; the chain does not end`);
}

for (const { name, doc, operations } of documents) {
  const url = inject("kapsoMockUrls")[name] ?? "";
  const gets = [...operations.values()].filter((op) => op.method === "GET");
  const chained = gets.filter((op) => chainEnds(namedExamples(doc, op, 200)) !== undefined);
  const styleOfChain = (op: Operation) => {
    const examples = namedExamples(doc, op, 200);
    return listStyleOfAnswer(examples[chainEnds(examples)?.first ?? ""]);
  };

  describe(`${name}: the named-example chains`, () => {
    // A style the document has paginated lists of must have at least one chain walked below, so that
    // no style passes here only because nothing of it was walked.
    const present = LIST_STYLES.filter(
      (style) => style !== "unpaginated" && gets.some((op) => listStyle(doc, op.object) === style),
    );
    it.each(present)("are walked for at least one %s list", (style) => {
      expect(chained.filter((op) => styleOfChain(op) === style).length).toBeGreaterThan(0);
    });
  });

  for (const op of chained) {
    const examples = namedExamples(doc, op, 200);
    const everyItem = Object.values(examples).flatMap((page) => itemsOf(page as ExamplePage));
    const style = styleOfChain(op);
    const ends = chainEnds(examples);
    if (style === undefined || style === "unpaginated" || !ends) {
      throw new Error(`${op.operationId}: the first example of its chain is not a page of a paginated list`);
    }
    // Page numbers only count up and log-search cursors only go forward: only cursor lists go both ways.
    const walks = [["after", ends.first], ...(style === "cursor" ? [["before", ends.last]] : [])] as Array<
      ["after" | "before", string]
    >;
    const cursorsOnly = style === "cursor" && !linksPages(examples[ends.first] as ExamplePage);

    const walker = cursorsOnly ? "the client, cursor by cursor," : "paginate()";
    describe(`${name}: ${op.operationId}: ${walker} over the example chain`, () => {
      it.each(walks)(
        "direction %s from %s reaches the end with every item, in order",
        async (direction, start) => {
          const pages = chain(examples, start, direction);
          const expected = pages.flatMap((page) => itemsOf(examples[page] as ExamplePage));
          const recorder = recordQueries();
          const { client } = mockClient(url, { middleware: [recorder.middleware] });
          const [request] = requestsFor(doc, op);
          const required = op.parameters.filter((p) => p.in === "query" && p.required).map((p) => p.name);
          const query = Object.fromEntries(required.map((key) => [key, request?.params.query[key]]));
          const init = {
            params: { path: request?.params.path ?? {}, query },
            headers: { Prefer: `example=${start}` },
          };

          const items: unknown[] = [];
          const walk = cursorsOnly
            ? walkCursors(client, op.path, init, direction, pages.length + 1)
            : paginateAnyPath(client, op.path, init, style === "cursor" ? { direction } : {});
          for await (const item of walk) items.push(item);

          expect(items).toEqual(expected);
          // Every item of every page example is met exactly once, whichever end the walk starts from.
          expect(new Set(items.map((item) => JSON.stringify(item)))).toEqual(
            new Set(everyItem.map((item) => JSON.stringify(item))),
          );
          // One request per page of the chain, each asking for the next page.
          expect(recorder.queries.map((query) => query.get(SELECTOR[style](direction)))).toEqual(
            expectedSelectors(examples, pages, style),
          );
        },
      );
    });
  }
}
