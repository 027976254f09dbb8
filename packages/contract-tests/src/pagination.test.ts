/**
 * Walks every chain of named list examples in the spec to its end through @kapso/pagination, in each
 * of the three list styles: forward from `first_page`, and for cursor lists backward from `last_page`
 * too. The expected items and page counts are read from the examples themselves, so a longer chain or
 * a new list endpoint needs no change here. The mock itself serves the example each cursor or page
 * number names; the client only picks the starting page with `Prefer: example=<name>`.
 */
import { type PaginateOptions, paginate } from "@kapso/pagination";
import { describe, expect, inject, it } from "vitest";
import { type Middleware, mockClient } from "./harness.js";
import {
  deref,
  flatten,
  namedExamples,
  type Operation,
  operations,
  responseSchema,
  sampleParams,
} from "./spec.js";

const url = inject("kapsoMockUrl");

interface ExamplePage {
  data: unknown[] | { events: unknown[]; pagination?: { has_more?: boolean; next_cursor?: string | null } };
  paging?: { next?: string | null; previous?: string | null };
  meta?: { page: number; total_pages?: number };
}

type Style = "cursor" | "page" | "log-search";

/** The style of a list page example, as @kapso/pagination tells it. */
function styleOf(page: ExamplePage): Style | undefined {
  if (Array.isArray(page.data)) return page.paging ? "cursor" : page.meta ? "page" : undefined;
  return page.data && Array.isArray(page.data.events) ? "log-search" : undefined;
}

/** The items of a list page example: `data`, or a log search's `data.events`. */
function itemsOf(page: ExamplePage): unknown[] {
  return Array.isArray(page.data) ? page.data : page.data.events;
}

/** The style of a list from its 200 schema alone, so that a list with no chain is noticed. */
function schemaStyle(op: Operation): Style | undefined {
  const properties = (schema: unknown) =>
    (flatten(deref(schema as object)).properties ?? {}) as Record<string, unknown>;
  const schema = responseSchema(op, 200);
  if (op.method !== "GET" || !schema) return undefined;
  const body = properties(schema);
  if (!body.data) return undefined;
  const data = flatten(deref(body.data as object));
  if (data.type === "array") return body.paging ? "cursor" : body.meta ? "page" : undefined;
  const fields = properties(data);
  const events = fields.events ? flatten(deref(fields.events as object)) : undefined;
  return events?.type === "array" && fields.pagination ? "log-search" : undefined;
}

function decode(cursor: string): string {
  return Buffer.from(cursor, "base64").toString("utf8");
}

function encode(name: string): string {
  return Buffer.from(name, "utf8").toString("base64");
}

/** Records the query of every request the client sends, and changes nothing. */
function recordQueries(): { middleware: Middleware; queries: URLSearchParams[] } {
  const queries: URLSearchParams[] = [];
  return {
    queries,
    middleware: {
      onRequest({ request }) {
        queries.push(new URL(request.url).searchParams);
        return request;
      },
    },
  };
}

/**
 * What each request of a walk over `pages` must carry: nothing on the first, then the cursor naming
 * the next example (cursor lists) or the number of the next page (page-number lists).
 */
function expectedSelectors(examples: Record<string, unknown>, pages: string[], style: Style) {
  return pages.map((name, index) => {
    if (index === 0) return null;
    return style === "page" ? String((examples[name] as ExamplePage).meta?.page) : encode(name);
  });
}

/** Which example shows which page number, for page-number lists (`empty` shows no page of the chain). */
function pageNumbers(examples: Record<string, unknown>): Map<number, string> {
  const pages = new Map<number, string>();
  for (const [name, value] of Object.entries(examples)) {
    const page = value as ExamplePage;
    if (page.meta && itemsOf(page).length > 0 && !pages.has(page.meta.page)) pages.set(page.meta.page, name);
  }
  return pages;
}

/**
 * The example names a walk from `start` meets: following `next` (after) or `previous` (before) for
 * cursor pages, counting up to `total_pages` for page-number pages, following `next_cursor` while
 * `has_more` for log-search pages.
 */
function chain(examples: Record<string, unknown>, start: string, direction: "after" | "before"): string[] {
  const names: string[] = [];
  const pages = pageNumbers(examples);
  for (let name: string | undefined = start; name !== undefined; ) {
    if (names.includes(name)) throw new Error(`the example chain loops back to ${name}`);
    const page = examples[name] as ExamplePage | undefined;
    if (!page) throw new Error(`the chain names example ${name}, which does not exist`);
    names.push(name);
    if (page.paging) {
      const cursor = direction === "after" ? page.paging.next : page.paging.previous;
      name = cursor ? decode(cursor) : undefined;
    } else if (page.meta) {
      const more = page.meta.page < (page.meta.total_pages ?? 0);
      name = more ? (pages.get(page.meta.page + 1) ?? `page ${page.meta.page + 1}`) : undefined;
    } else if (!Array.isArray(page.data) && page.data?.events) {
      const { has_more, next_cursor } = page.data.pagination ?? {};
      name = has_more !== false && next_cursor ? decode(next_cursor) : undefined;
    } else {
      throw new Error(`example ${name} has neither paging, meta nor data.events`);
    }
  }
  return names;
}

const chained = [...operations.values()].filter((op) => {
  const examples = op.method === "GET" ? namedExamples(op, 200) : {};
  return "first_page" in examples && "last_page" in examples;
});

/** `paginate` over a path known only at run time: the types check literal paths, not a loop over the spec. */
const paginateAnyPath = paginate as unknown as (
  client: unknown,
  path: string,
  init: unknown,
  options: PaginateOptions,
) => AsyncGenerator<unknown, void, undefined>;

const styleOfChain = (op: Operation) => styleOf(namedExamples(op, 200).first_page as ExamplePage);

describe("the named-example chains", () => {
  it("exist for the cursor lists of the spec", () => {
    expect(chained.map((op) => op.operationId)).toContain("listWorkflowExecutions");
  });

  // A style the spec has lists of must have at least one chain walked below, so that no style passes
  // here only because nothing of it was walked. Styles with no list in the spec are not asked for.
  const present = [
    ...new Set([...operations.values()].map(schemaStyle).filter((style) => style !== undefined)),
  ];
  it.each(present)("are walked for at least one %s list", (style) => {
    expect(chained.filter((op) => styleOfChain(op) === style).length).toBeGreaterThan(0);
  });
});

for (const op of chained) {
  const examples = namedExamples(op, 200);
  const everyItem = Object.values(examples).flatMap((page) => itemsOf(page as ExamplePage));
  const style = styleOfChain(op);
  if (style === undefined) throw new Error(`${op.operationId}: first_page is not a list page of any style`);
  // Page numbers only count up and log-search cursors only go forward: only cursor lists go both ways.
  const walks =
    style === "cursor"
      ? ([
          ["after", "first_page"],
          ["before", "last_page"],
        ] as const)
      : ([["after", "first_page"]] as const);

  describe(`${op.operationId}: paginate() over the example chain`, () => {
    it.each(walks)(
      "direction %s from %s reaches the end with every item, in order",
      async (direction, start) => {
        const pages = chain(examples, start, direction);
        const expected = pages.flatMap((name) => itemsOf(examples[name] as ExamplePage));
        const recorder = recordQueries();
        const client = mockClient(url, { middleware: [recorder.middleware] });

        const items: unknown[] = [];
        const init = { params: sampleParams(op), headers: { Prefer: `example=${start}` } };
        const walk = paginateAnyPath(client, op.path, init, style === "cursor" ? { direction } : {});
        for await (const item of walk) items.push(item);

        expect(items).toEqual(expected);
        // Every item of every page example is met exactly once, whichever end the walk starts from.
        expect(new Set(items.map((item) => JSON.stringify(item)))).toEqual(
          new Set(everyItem.map((item) => JSON.stringify(item))),
        );
        // One request per page of the chain, each asking for the next page.
        const selector = { cursor: direction, page: "page", "log-search": "cursor" }[style];
        expect(recorder.queries.map((query) => query.get(selector))).toEqual(
          expectedSelectors(examples, pages, style),
        );
      },
    );
  });
}

/** The walk the README describes, spelled out for the one list every reader knows. */
describe("listWorkflowExecutions seed data", () => {
  it("walks every seed execution, one request per page of the chain", async () => {
    const op = operations.get("listWorkflowExecutions") as Operation;
    // No Prefer header at all: the plain mock, as the README shows it.
    const recorder = recordQueries();
    const client = mockClient(url, { middleware: [recorder.middleware] });
    const ids: string[] = [];
    for await (const execution of paginate(client, "/workflows/{workflow_id}/executions", {
      params: { path: { workflow_id: sampleParams(op).path.workflow_id ?? "" }, query: { limit: 2 } },
    })) {
      ids.push(execution.id);
    }
    const examples = namedExamples(op, 200);
    const pages = chain(examples, "first_page", "after");
    const seed = pages.flatMap((name) =>
      (examples[name] as { data: Array<{ id: string }> }).data.map((item) => item.id),
    );
    expect(ids).toEqual(seed);
    expect(recorder.queries.map((query) => query.get("after"))).toEqual(
      expectedSelectors(examples, pages, "cursor"),
    );
  });
});
