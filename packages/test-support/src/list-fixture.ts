// A deterministic list API in each of Kapso's list styles (cursor, page number, log search). Items are numbered 0..total-1, newest
// first; a cursor is the Base64 of an item's number. Every answer is computed from the query string,
// so one server serves any number of tests side by side.
import type { Handler } from "./server.js";

export type Item = { n: number; id: string };
type Cursors = { before?: string | null; after?: string | null };
/** A cursor-style page: `paging` with cursors and next/previous. */
export type CursorList = {
  data: Item[];
  paging: { cursors: Cursors; next?: string | null; previous?: string | null };
};
/** A page-number-style page: `meta` with page, per_page and totals. */
export type PageList = {
  data: Item[];
  meta: { page: number; per_page: number; total_pages: number; total_count: number };
};
/** A log-search-style page: items under `data.events`, the next cursor in `data.pagination`. */
export type LogSearchList = {
  data: {
    available: boolean;
    events: Item[];
    pagination?: { has_more?: boolean; next_cursor?: string | null };
  };
};
/**
 * Query knobs every fixture path reads: `total` items (default 45); `delay` ms before answering; a
 * page that starts at or after item `fail_from` answers 500.
 */
export type Knobs = { total?: number; delay?: number; fail_from?: number };
export type CursorQuery = Knobs & { limit?: number; before?: string; after?: string };
export type PageQuery = Knobs & { page?: number; per_page?: number };
export type LogSearchQuery = Knobs & { limit?: number; cursor?: string };

type PathParam<P> = [P] extends [never] ? { path?: never } : { path: P };
type PathItem<Query, Body, PathParams = never> = {
  parameters: { query?: never; header?: never; cookie?: never } & PathParam<PathParams>;
  get: {
    parameters: { query?: Query; header?: never; cookie?: never } & PathParam<PathParams>;
    requestBody?: never;
    responses: {
      200: { headers: { [name: string]: unknown }; content: { "application/json": Body } };
      500: { headers: { [name: string]: unknown }; content: { "application/json": { error: string } } };
    };
  };
  put?: never;
  post?: never;
  delete?: never;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
};

/**
 * openapi-fetch `paths` for the fixture: the three list styles, the misbehaving lists, and two paths that
 * are not lists (the server answers them with the cursor list; they exist for type tests).
 */
export interface FixturePaths {
  /** Cursor style (any path not named below is served the same way). */
  "/items": PathItem<CursorQuery, CursorList>;
  /** Page-number style. */
  "/pages": PathItem<PageQuery, PageList>;
  /** Answers the same cursor on every page. */
  "/loop": PathItem<CursorQuery, CursorList>;
  /** Answers `meta.page: 1` whatever page is asked for. */
  "/stuck": PathItem<PageQuery, PageList>;
  /** Declared as a list, but answers `data` with neither `paging` nor `meta`. */
  "/bare": PathItem<CursorQuery, CursorList>;
  /** Log-search style: `limit`, `cursor` → `data.events`, `data.pagination`. */
  "/log_search": PathItem<LogSearchQuery, LogSearchList>;
  /** Log-search style answering the same `next_cursor` on every page. */
  "/log_loop": PathItem<LogSearchQuery, LogSearchList>;
  "/things/{id}": PathItem<never, { data: Item }, { id: string }>;
  "/plain": PathItem<never, { items: Item[]; paging: CursorList["paging"] }>;
}

export const cursorOf = (n: number): string => Buffer.from(String(n)).toString("base64");
const numberOf = (cursor: string) => Number(Buffer.from(cursor, "base64").toString());
const range = (start: number, end: number) =>
  Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
const item = (n: number): Item => ({ n, id: String(n) });

/** The item numbers a forward walk from the start must yield. */
export const forward = (total: number): number[] => range(0, total);

/** What a backward walk from the end must yield: pages from the oldest end, each page newest first. */
export function backward(total: number, limit: number): number[] {
  const out: number[] = [];
  for (let end = total; end > 0; end -= limit) out.push(...range(Math.max(0, end - limit), end));
  return out;
}

/** The status and body the fixture answers for a request path and query. */
export function listAnswer(path: string, query: URLSearchParams): { status: number; body: unknown } {
  const num = (name: string, fallback: number) => (query.has(name) ? Number(query.get(name)) : fallback);
  const total = num("total", 45);
  const failFrom = num("fail_from", Number.POSITIVE_INFINITY);

  if (path === "/pages" || path === "/stuck") {
    const page = num("page", 1);
    const perPage = num("per_page", 20);
    const start = (page - 1) * perPage;
    if (start >= failFrom) return { status: 500, body: { error: "boom", message: `page ${page} failed` } };
    return {
      status: 200,
      body: {
        data: range(start, Math.min(total, start + perPage)).map(item),
        meta: {
          page: path === "/stuck" ? 1 : page,
          per_page: perPage,
          total_pages: Math.ceil(total / perPage),
          total_count: total,
        },
      },
    };
  }

  const limit = num("limit", 20);
  if (path === "/log_search" || path === "/log_loop") {
    const cursor = query.get("cursor");
    const start = cursor === null ? 0 : numberOf(cursor) + 1;
    if (start >= failFrom) {
      return { status: 500, body: { error: "boom", message: `events from ${start} failed` } };
    }
    const end = Math.min(total, start + limit);
    const events = range(start, end).map(item);
    const more = end < total;
    const next = path === "/log_loop" ? cursorOf(0) : more ? cursorOf(end - 1) : null;
    return {
      status: 200,
      body: { data: { available: true, events, pagination: { has_more: more, next_cursor: next } } },
    };
  }
  const after = query.get("after");
  const before = query.get("before");
  let start = 0;
  let end = Math.min(total, limit);
  if (after !== null) {
    start = numberOf(after) + 1;
    end = Math.min(total, start + limit);
  } else if (before !== null) {
    end = Math.min(total, numberOf(before));
    start = Math.max(0, end - limit);
  }
  if (start >= failFrom) {
    return { status: 500, body: { error: "boom", message: `items from ${start} failed` } };
  }
  const data = range(start, end).map(item);
  if (path === "/bare") return { status: 200, body: { data } };
  if (path === "/loop") {
    return {
      status: 200,
      body: { data, paging: { cursors: { before: "b", after: "a" }, next: "a", previous: "b" } },
    };
  }
  const paging = {
    cursors:
      data.length > 0 ? { before: cursorOf(start), after: cursorOf(end - 1) } : { before: null, after: null },
    next: end < total ? cursorOf(end - 1) : null,
    previous: start > 0 && data.length > 0 ? cursorOf(start) : null,
  };
  return { status: 200, body: { data, paging } };
}

/**
 * A handler serving {@link listAnswer} as JSON, with `x-request-id: req-<attempt>`, after the
 * request's `delay` knob (if any).
 */
export function listFixture(): Handler {
  return (request, res, attempt) => {
    const send = () => {
      if (res.destroyed) return;
      const { status, body } = listAnswer(request.path, request.query);
      res.writeHead(status, { "content-type": "application/json", "x-request-id": `req-${attempt}` });
      res.end(JSON.stringify(body));
    };
    const delay = Number(request.query.get("delay") ?? 0);
    if (delay > 0) setTimeout(send, delay);
    else send();
  };
}
