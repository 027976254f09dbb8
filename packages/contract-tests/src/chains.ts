/**
 * Reading a chain of named list examples (`first_page` → … → `last_page`) the way the mock serves it:
 * which examples a walk meets, what items they hold, and what each request of the walk must ask for.
 */
import { type ListStyle, listStyleOfAnswer } from "@kapso/codegen/spec";
import type { Middleware } from "./harness.js";

export interface ExamplePage {
  data: unknown[] | { events: unknown[]; pagination?: { has_more?: boolean; next_cursor?: string | null } };
  paging?: {
    next?: string | null;
    previous?: string | null;
    cursors?: { before?: string | null; after?: string | null };
  };
  meta?: { page: number; total_pages?: number };
}

/** The items of a list page example: `data`, or a log search's `data.events`. */
export function itemsOf(page: ExamplePage): unknown[] {
  return Array.isArray(page.data) ? page.data : page.data.events;
}

const decode = (cursor: string) => Buffer.from(cursor, "base64").toString("utf8");
const encode = (name: string) => Buffer.from(name, "utf8").toString("base64");

/** Records the query of every request the client sends, and changes nothing. */
export function recordQueries(): { middleware: Middleware; queries: URLSearchParams[] } {
  const queries: URLSearchParams[] = [];
  const middleware: Middleware = {
    onRequest({ request }) {
      queries.push(new URL(request.url).searchParams);
      return request;
    },
  };
  return { queries, middleware };
}

/** The query parameter each style names its next page with, per direction of a walk. */
export const SELECTOR: Record<
  Exclude<ListStyle, "unpaginated">,
  (direction: "after" | "before") => string
> = {
  cursor: (direction) => direction,
  page: () => "page",
  "log-search": () => "cursor",
};

/**
 * What each request of a walk over `pages` must carry: nothing on the first, then the cursor naming
 * the next example (cursor and log-search lists) or the number of the next page (page-number lists).
 */
export function expectedSelectors(examples: Record<string, unknown>, pages: string[], style: ListStyle) {
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
 * Whether a cursor page says by `next`/`previous` whether another page follows (the Platform API's
 * lists), rather than by the presence of `cursors.after`/`cursors.before` alone (the Meta proxy's).
 */
export function linksPages(page: ExamplePage): boolean {
  return page.paging !== undefined && ("next" in page.paging || "previous" in page.paging);
}

/**
 * The two ends of a list's chain of examples: `first_page` and `last_page` when the examples are
 * named so; otherwise, for cursor pages that only carry cursors, the one page with an `after` cursor
 * and no `before` one and the one page with the reverse. Undefined when the examples form no chain.
 */
export function chainEnds(examples: Record<string, unknown>): { first: string; last: string } | undefined {
  if ("first_page" in examples && "last_page" in examples) return { first: "first_page", last: "last_page" };
  const pages = Object.entries(examples) as Array<[string, ExamplePage]>;
  const cursorsOnly = pages.filter(
    ([, page]) => listStyleOfAnswer(page) === "cursor" && !linksPages(page) && page.paging?.cursors,
  );
  const ends = (from: "after" | "before", to: "after" | "before") =>
    cursorsOnly
      .filter(([, page]) => page.paging?.cursors?.[to] && !page.paging?.cursors?.[from])
      .map(([name]) => name);
  const [first, ...otherFirsts] = ends("before", "after");
  const [last, ...otherLasts] = ends("after", "before");
  if (first === undefined || last === undefined || otherFirsts.length > 0 || otherLasts.length > 0)
    return undefined;
  return { first, last };
}

/**
 * The example names a walk from `start` meets: following `next` (after) or `previous` (before) for
 * cursor pages (or `cursors.after`/`cursors.before` for pages without them), counting up to `total_pages` for page-number pages, following `next_cursor` while
 * `has_more` for log-search pages.
 */
export function chain(
  examples: Record<string, unknown>,
  start: string,
  direction: "after" | "before",
): string[] {
  const names: string[] = [];
  const pages = pageNumbers(examples);
  for (let name: string | undefined = start; name !== undefined; ) {
    if (names.includes(name)) throw new Error(`the example chain loops back to ${name}`);
    const page = examples[name] as ExamplePage | undefined;
    if (!page) throw new Error(`the chain names example ${name}, which does not exist`);
    names.push(name);
    const style = listStyleOfAnswer(page);
    if (style === "cursor") {
      const cursor = linksPages(page)
        ? direction === "after"
          ? page.paging?.next
          : page.paging?.previous
        : page.paging?.cursors?.[direction];
      name = cursor ? decode(cursor) : undefined;
    } else if (style === "page" && page.meta) {
      const more = page.meta.page < (page.meta.total_pages ?? 0);
      name = more ? (pages.get(page.meta.page + 1) ?? `page ${page.meta.page + 1}`) : undefined;
    } else if (style === "log-search" && !Array.isArray(page.data)) {
      const { has_more, next_cursor } = page.data.pagination ?? {};
      name = has_more !== false && next_cursor ? decode(next_cursor) : undefined;
    } else {
      throw new Error(`example ${name} is not a page of a paginated list (${style ?? "no list"})`);
    }
  }
  return names;
}
