/**
 * Walks every chain of named list examples in each document to its end through @kapso/pagination, in
 * each list style: forward from `first_page`, and for cursor lists backward from `last_page` too. The
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
import { chain, type ExamplePage, expectedSelectors, itemsOf, recordQueries, SELECTOR } from "./chains.js";
import { documents } from "./documents.js";
import { mockClient } from "./harness.js";
import { requestsFor } from "./requests.js";

/** `paginate` over a path known only at run time: the types check literal paths, not a loop over the spec. */
const paginateAnyPath = paginate as unknown as (
  client: unknown,
  path: string,
  init: unknown,
  options: PaginateOptions,
) => AsyncGenerator<unknown, void, undefined>;

for (const { name, doc, operations } of documents) {
  const url = inject("kapsoMockUrls")[name] ?? "";
  const gets = [...operations.values()].filter((op) => op.method === "GET");
  const chained = gets.filter((op) => {
    const examples = namedExamples(doc, op, 200);
    return "first_page" in examples && "last_page" in examples;
  });
  const styleOfChain = (op: Operation) => listStyleOfAnswer(namedExamples(doc, op, 200).first_page);

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
    if (style === undefined || style === "unpaginated") {
      throw new Error(`${op.operationId}: first_page is not a page of a paginated list`);
    }
    // Page numbers only count up and log-search cursors only go forward: only cursor lists go both ways.
    const walks = [
      ["after", "first_page"],
      ...(style === "cursor" ? [["before", "last_page"]] : []),
    ] as Array<["after" | "before", string]>;

    describe(`${name}: ${op.operationId}: paginate() over the example chain`, () => {
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
          const walk = paginateAnyPath(client, op.path, init, style === "cursor" ? { direction } : {});
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
