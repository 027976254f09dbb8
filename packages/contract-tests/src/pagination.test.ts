/**
 * Walks every chain of named list examples in the spec to its end through @kapso/pagination: forward
 * from `first_page`, backward from `last_page`. The expected items and page counts are read from the
 * examples themselves, so a longer chain or a new list endpoint needs no change here. The mock itself
 * serves the example each cursor or page number names; the client only picks the starting page with
 * `Prefer: example=<name>`.
 */
import { paginate } from "@kapso/pagination";
import { describe, expect, inject, it } from "vitest";
import { type Middleware, mockClient } from "./harness.js";
import { namedExamples, type Operation, operations, sampleParams } from "./spec.js";

const url = inject("kapsoMockUrl");

interface ExamplePage {
  data: unknown[];
  paging?: { next?: string | null; previous?: string | null };
  meta?: { page: number; total_pages?: number };
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
function expectedSelectors(examples: Record<string, unknown>, pages: string[], cursorStyle: boolean) {
  return pages.map((name, index) => {
    if (index === 0) return null;
    return cursorStyle ? encode(name) : String((examples[name] as ExamplePage).meta?.page);
  });
}

/** Which example shows which page number, for page-number lists (`empty` shows no page of the chain). */
function pageNumbers(examples: Record<string, unknown>): Map<number, string> {
  const pages = new Map<number, string>();
  for (const [name, value] of Object.entries(examples)) {
    const page = value as ExamplePage;
    if (page.meta && page.data.length > 0 && !pages.has(page.meta.page)) pages.set(page.meta.page, name);
  }
  return pages;
}

/**
 * The example names a walk from `start` meets: following `next` (after) or `previous` (before) for
 * cursor pages, counting up to `total_pages` for page-number pages.
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
    } else {
      throw new Error(`example ${name} has neither paging nor meta`);
    }
  }
  return names;
}

const chained = [...operations.values()].filter((op) => {
  const examples = op.method === "GET" ? namedExamples(op, 200) : {};
  return "first_page" in examples && "last_page" in examples;
});

describe("the named-example chains", () => {
  it("exist for the cursor lists of the spec", () => {
    expect(chained.map((op) => op.operationId)).toContain("listWorkflowExecutions");
  });
});

for (const op of chained) {
  const examples = namedExamples(op, 200);
  const everyItem = Object.values(examples).flatMap((page) => (page as ExamplePage).data);
  const cursorStyle = "paging" in (examples.first_page as object);
  // Page numbers only count up, so a page-number list is walked forward only.
  const walks = cursorStyle
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
        const expected = pages.flatMap((name) => (examples[name] as ExamplePage).data);
        const recorder = recordQueries();
        const client = mockClient(url, { middleware: [recorder.middleware] });

        const items: unknown[] = [];
        const init = { params: sampleParams(op), headers: { Prefer: `example=${start}` } };
        const walk = paginate(client, op.path as never, init as never, {
          ...(cursorStyle ? { direction } : {}),
        });
        for await (const item of walk) items.push(item);

        expect(items).toEqual(expected);
        // Every item of every page example is met exactly once, whichever end the walk starts from.
        expect(new Set(items.map((item) => JSON.stringify(item)))).toEqual(
          new Set(everyItem.map((item) => JSON.stringify(item))),
        );
        // One request per page of the chain, each asking for the next page.
        const selector = cursorStyle ? direction : "page";
        expect(recorder.queries.map((query) => query.get(selector))).toEqual(
          expectedSelectors(examples, pages, cursorStyle),
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
      expectedSelectors(examples, pages, true),
    );
  });
});
