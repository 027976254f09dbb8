// One strategy per list style. Each knows how to recognise a page of its style, where the items are,
// which request comes next, and what position (cursor or page number) a request asks for; the walk in
// paginate.ts knows nothing of any style. A new list style is one more object in `LIST_STYLES`.
import type { CursorPaging, LogSearchPagination, PageMeta } from "./types.js";

export type Query = Record<string, unknown>;
export type Direction = "after" | "before";
/** A cursor or page number, as a request sends it. */
export type Position = string | number;

/** The next request of a walk, and the position it asks for; undefined at the end of the list. */
export type Next = { query: Query; position: Position } | undefined;

export interface ListStyle {
  /** How messages name the style: "cursor", "page-number", "log-search". */
  readonly label: string;
  /** How error context names the position a request asks for: `cursor=...` or `page=...`. */
  readonly positionName: "cursor" | "page";
  /** Whether `direction: "before"` can walk this style backward. */
  readonly walksBackward: boolean;
  /** Whether a 200 body is a page of this style. */
  isPage(body: Record<string, unknown>): boolean;
  /**
   * What is wrong with the page's position metadata (a field of the wrong type, a cursor that is not
   * text, a page number that is not a positive integer), or undefined when nothing is. Following such
   * a page would guess: a string `"false"` is truthy, a page 1.5 is no page at all.
   */
  malformed(body: Record<string, unknown>): string | undefined;
  /** The page's items. Called only on a body `isPage` accepted. */
  items(body: Record<string, unknown>): unknown[];
  /** The page as `paginatePages` yields it: the items and this style's own field. */
  page(body: Record<string, unknown>, items: unknown[], response: Response): object;
  /** The position `query` asks for (the first request's included), for the loop guard and errors. */
  positionOf(query: Query, direction: Direction): unknown;
  /** The request after a non-empty page answered for `query`, if any. */
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

/** The first of `checks` that fails, as "`field` is <what it got>, not <what it should be>". */
function firstWrong(
  checks: [field: string, value: unknown, ok: boolean, expected: string][],
): string | undefined {
  for (const [field, value, ok, expected] of checks) {
    if (!ok) return `\`${field}\` is ${shown(value)}, not ${expected}`;
  }
  return undefined;
}

function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? "an array" : "an object";
  return String(value);
}

const isText = (value: unknown) => value === undefined || value === null || typeof value === "string";
const isCount = (value: unknown) => value === undefined || value === null || Number.isInteger(value);

/** A missing cursor ends a walk: null, absent or empty all say there is no further page. */
function isAbsent(cursor: unknown): cursor is null | undefined | "" {
  return cursor === undefined || cursor === null || cursor === "";
}

/** The items of a style that keeps them in `data`. */
const dataArray = (body: Record<string, unknown>) => body.data as unknown[];

/** `paging: { cursors: { before, after }, next, previous }`; `limit`, `after`, `before` in the query. */
export const cursorStyle: ListStyle = {
  label: "cursor",
  positionName: "cursor",
  walksBackward: true,
  isPage: (body) => Array.isArray(body.data) && isObject(body.paging),
  malformed(body) {
    const paging = body.paging as Record<string, unknown>;
    const cursors = paging.cursors as Record<string, unknown> | null | undefined;
    const cursorsOk = cursors === undefined || cursors === null || isObject(cursors);
    return firstWrong([
      ["paging.cursors", cursors, cursorsOk, "an object"],
      [
        "paging.cursors.after",
        cursorsOk ? cursors?.after : undefined,
        !cursorsOk || isText(cursors?.after),
        "a string",
      ],
      [
        "paging.cursors.before",
        cursorsOk ? cursors?.before : undefined,
        !cursorsOk || isText(cursors?.before),
        "a string",
      ],
      ["paging.next", paging.next, isText(paging.next), "a string"],
      ["paging.previous", paging.previous, isText(paging.previous), "a string"],
    ]);
  },
  items: dataArray,
  page: (body, items, response) => ({ data: items, paging: body.paging as CursorPaging, response }),
  positionOf: (query, direction) => query[direction],
  next(body, query, direction) {
    const paging = body.paging as CursorPaging;
    // Two ways of saying "last page". The Platform's pages carry `next`/`previous` (set while a page
    // exists that way, null or absent otherwise); the Meta proxy's carry only `cursors` as a rule,
    // and leave out `cursors.after` on the last page. So a page with either link follows the link of
    // its direction, and a page with neither the cursor's presence. Either way the cursor to send is
    // in `cursors`: without one there is nothing to ask for.
    const hasLinks = "next" in paging || "previous" in paging;
    const more = !hasLinks || (direction === "after" ? paging.next : paging.previous);
    const cursor = paging.cursors?.[direction];
    if (!more || isAbsent(cursor)) return undefined;
    // Going one way, a cursor for the other way in the query would contradict it.
    const next: Query = { ...query, [direction]: cursor };
    delete next[direction === "after" ? "before" : "after"];
    return { query: next, position: cursor };
  },
};

/** `meta: { page, per_page, total_pages, total_count }`; `page`, `per_page` in the query. */
export const pageNumberStyle: ListStyle = {
  label: "page-number",
  positionName: "page",
  walksBackward: false,
  isPage: (body) => Array.isArray(body.data) && isObject(body.meta) && typeof body.meta.page === "number",
  malformed(body) {
    const meta = body.meta as Record<string, unknown>;
    return firstWrong([
      [
        "meta.page",
        meta.page,
        Number.isInteger(meta.page) && (meta.page as number) >= 1,
        "a positive integer",
      ],
      ["meta.total_pages", meta.total_pages, isCount(meta.total_pages), "an integer"],
      [
        "meta.has_next",
        meta.has_next,
        meta.has_next === undefined || meta.has_next === null || typeof meta.has_next === "boolean",
        "a boolean",
      ],
    ]);
  },
  items: dataArray,
  page: (body, items, response) => ({ data: items, meta: body.meta as PageMeta, response }),
  positionOf: (query) => query.page,
  next(body, query) {
    const meta = body.meta as PageMeta & { has_next?: boolean };
    if (meta.has_next === false || meta.page >= (meta.total_pages ?? Infinity)) return undefined;
    return { query: { ...query, page: meta.page + 1 }, position: meta.page + 1 };
  },
  // Page numbers only go up.
  progress: (body) => (body.meta as PageMeta).page,
};

/** `data: { events, pagination: { has_more, next_cursor } }`; `cursor` in the query. */
export const logSearchStyle: ListStyle = {
  label: "log-search",
  positionName: "cursor",
  walksBackward: false,
  isPage: (body) => isObject(body.data) && Array.isArray(body.data.events),
  malformed(body) {
    const data = body.data as { pagination?: unknown };
    const given = data.pagination;
    if (given !== undefined && given !== null && !isObject(given)) {
      return `\`data.pagination\` is ${shown(given)}, not an object`;
    }
    const { has_more, next_cursor } = pagination(body);
    return firstWrong([
      [
        "data.pagination.has_more",
        has_more,
        has_more === undefined || typeof has_more === "boolean",
        "a boolean",
      ],
      ["data.pagination.next_cursor", next_cursor, isText(next_cursor), "a string"],
    ]);
  },
  items: (body) => (body.data as { events: unknown[] }).events,
  page: (body, items, response) => ({ data: items, pagination: pagination(body), response }),
  positionOf: (query) => query.cursor,
  next(body, query) {
    const { has_more, next_cursor } = pagination(body);
    if (has_more === false || isAbsent(next_cursor)) return undefined;
    return { query: { ...query, cursor: next_cursor }, position: next_cursor };
  },
};

/** A search that is unavailable answers no `pagination` at all: that is a last page. */
function pagination(body: Record<string, unknown>): LogSearchPagination {
  const data = body.data as { pagination?: unknown };
  return isObject(data.pagination) ? (data.pagination as LogSearchPagination) : {};
}

/** Every style, in the order a page is tested: a body with both `paging` and `meta` is a cursor page. */
export const LIST_STYLES: readonly ListStyle[] = [cursorStyle, pageNumberStyle, logSearchStyle];
