// One strategy per list style. Each knows how to recognise a page of its style, where the items are,
// which request comes next, and what position (cursor or page number) a request asks for; the walk in
// paginate.ts knows nothing of any style. A new list style is one more object in `LIST_STYLES`.
import type { CursorPaging, LogSearchPagination, PageMeta, PaginationStyle } from "./types.js";

export type Query = Record<string, unknown>;
export type Direction = "after" | "before";
/** A cursor or page number, as a request sends it. */
export type Position = string | number;

/** The next request of a walk, or why there is none. */
export type Next =
  | { kind: "end" }
  | { kind: "request"; query: Query; position: Position }
  /** The server answered something the walk cannot follow; the text says what. */
  | { kind: "malformed"; problem: string };

export interface ListStyle {
  readonly style: PaginationStyle;
  /** How messages name the style: "cursor", "page-number", "log-search". */
  readonly label: string;
  /** How error context names the position a request asks for: `cursor=...` or `page=...`. */
  readonly positionName: "cursor" | "page";
  /** Whether `direction: "before"` can walk this style backward. */
  readonly walksBackward: boolean;
  /** Whether a 200 body is a page of this style. */
  isPage(body: Record<string, unknown>): boolean;
  /** The page's items. Called only on a body `isPage` accepted. */
  items(body: Record<string, unknown>): unknown[];
  /** The page as `paginatePages` yields it: the items and this style's own field. */
  page(body: Record<string, unknown>, items: unknown[], response: Response): object;
  /** The position `query` asks for (the first request's included), for the loop guard and errors. */
  positionOf(query: Query, direction: Direction): unknown;
  /** The request after a non-empty page answered for `query`. */
  next(body: Record<string, unknown>, query: Query, direction: Direction): Next;
  /**
   * For styles whose pages say where they are: a number that must grow from one page to the next. A
   * page that does not move past the previous one is refused at once, before the loop guard would see
   * a position come back.
   */
  progress?(body: Record<string, unknown>): number;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Cursors are compared as text by the loop guard, so only strings and numbers can be followed. */
function follow(query: Query, name: string, cursor: unknown, drop?: string): Next {
  if (typeof cursor !== "string" && typeof cursor !== "number") {
    return {
      kind: "malformed",
      problem: `has a ${typeof cursor} cursor; only strings and numbers can be sent back`,
    };
  }
  const next: Query = { ...query, [name]: cursor };
  if (drop) delete next[drop];
  return { kind: "request", query: next, position: cursor };
}

/** `paging: { cursors: { before, after }, next, previous }`; `limit`, `after`, `before` in the query. */
export const cursorStyle: ListStyle = {
  style: "cursor",
  label: "cursor",
  positionName: "cursor",
  walksBackward: true,
  isPage: (body) => Array.isArray(body.data) && isObject(body.paging),
  items: (body) => body.data as unknown[],
  page: (body, items, response) => ({ data: items, paging: body.paging as CursorPaging, response }),
  positionOf: (query, direction) => query[direction],
  next(body, query, direction) {
    const paging = body.paging as CursorPaging;
    // `next`/`previous` only say whether a page exists that way; the cursor to send is in `cursors`.
    const more = direction === "after" ? paging.next : paging.previous;
    const cursor = paging.cursors?.[direction];
    if (!more || cursor === undefined || cursor === null || cursor === "") return { kind: "end" };
    return follow(query, direction, cursor, direction === "after" ? "before" : "after");
  },
};

/** `meta: { page, per_page, total_pages, total_count }`; `page`, `per_page` in the query. */
export const pageNumberStyle: ListStyle = {
  style: "page",
  label: "page-number",
  positionName: "page",
  walksBackward: false,
  isPage: (body) => Array.isArray(body.data) && isObject(body.meta) && typeof body.meta.page === "number",
  items: (body) => body.data as unknown[],
  page: (body, items, response) => ({ data: items, meta: body.meta as PageMeta, response }),
  positionOf: (query) => query.page,
  next(body, query) {
    const meta = body.meta as PageMeta & { has_next?: boolean };
    if (meta.has_next === false || meta.page >= (meta.total_pages ?? Number.POSITIVE_INFINITY)) {
      return { kind: "end" };
    }
    return { kind: "request", query: { ...query, page: meta.page + 1 }, position: meta.page + 1 };
  },
  // Page numbers only go up.
  progress: (body) => (body.meta as PageMeta).page,
};

/** `data: { events, pagination: { has_more, next_cursor } }`; `cursor` in the query. */
export const logSearchStyle: ListStyle = {
  style: "log-search",
  label: "log-search",
  positionName: "cursor",
  walksBackward: false,
  isPage: (body) => isObject(body.data) && Array.isArray(body.data.events),
  items: (body) => (body.data as { events: unknown[] }).events,
  page: (body, items, response) => ({ data: items, pagination: pagination(body), response }),
  positionOf: (query) => query.cursor,
  next(body, query) {
    const { has_more, next_cursor } = pagination(body);
    if (has_more === false || next_cursor === undefined || next_cursor === null || next_cursor === "") {
      return { kind: "end" };
    }
    return follow(query, "cursor", next_cursor);
  },
};

/** A search that is unavailable answers no `pagination` at all: that is a last page. */
function pagination(body: Record<string, unknown>): LogSearchPagination {
  const data = body.data as { pagination?: unknown };
  return isObject(data.pagination) ? (data.pagination as LogSearchPagination) : {};
}

/** Every style, in the order a page is tested: a body with both `paging` and `meta` is a cursor page. */
export const LIST_STYLES: readonly ListStyle[] = [cursorStyle, pageNumberStyle, logSearchStyle];
