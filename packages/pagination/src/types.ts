import type { Client, MaybeOptionalInit } from "openapi-fetch";

/** `paging` of a cursor-paginated list (limit/before/after). */
export interface CursorPaging {
  cursors?: { before?: string | null; after?: string | null } | null;
  next?: string | null;
  previous?: string | null;
}

/** `meta` of a page-number list (page/per_page). */
export interface PageMeta {
  page: number;
  per_page?: number;
  total_pages?: number;
  total_count?: number;
  has_next?: boolean;
}

export type PaginationStyle = "cursor" | "page";

/** A GET operation whose 200 JSON body is `B`. */
type GetOk<B> = { get: { responses: { 200: { content: { "application/json": B } } } } };

/** The GET 200 JSON body of a path item. */
type OkBody<Item> = Item extends GetOk<infer B> ? B : never;

/**
 * A list page: `data: []` plus a `paging` or `meta` key. The key is tested, not its value, because a
 * list that answers either style (contacts: cursors, or page numbers when asked) has both optional.
 */
type IsListBody<B> = B extends { data: readonly unknown[] }
  ? "paging" extends keyof B
    ? true
    : "meta" extends keyof B
      ? true
      : false
  : false;

/**
 * Paths of `Paths` whose GET 200 body is a list page, computed from the types so a new list endpoint
 * in the spec is accepted without any change here.
 */
export type PaginatablePath<Paths> = keyof Paths &
  string &
  { [P in keyof Paths]-?: IsListBody<OkBody<Paths[P]>> extends true ? P : never }[keyof Paths];

/** The type of one item of the list at `P`. */
export type PaginatedItem<Paths, P extends keyof Paths> =
  Paths[P] extends GetOk<{ data: readonly (infer T)[] }> ? T : never;

/** Which style the list at `P` uses, read from its response type (`paging` wins when both appear). */
export type PaginationStyleOf<Paths, P extends keyof Paths> = "paging" extends keyof OkBody<Paths[P]>
  ? "cursor"
  : "page";

/** One page as the walk yields it: the items, the style's own field, and the raw response. */
export type Page<T, S extends PaginationStyle = PaginationStyle> = S extends "cursor"
  ? { data: T[]; paging: CursorPaging; response: Response }
  : { data: T[]; meta: PageMeta; response: Response };

export type PaginatedPage<Paths, P extends keyof Paths> = Page<
  PaginatedItem<Paths, P>,
  PaginationStyleOf<Paths, P>
>;

/** Exactly what `client.GET(path, init)` accepts for `P` (path params required when `P` has them). */
export type PaginateInit<Paths, P extends keyof Paths> = Paths[P] extends infer Item extends { get: unknown }
  ? MaybeOptionalInit<Item, "get">
  : never;

export type MediaType = `${string}/${string}`;

/** Any openapi-fetch client: `createKapsoClient()` or a bare `createClient<paths>()`. */
export type PaginationClient<Paths extends {}, M extends MediaType = MediaType> = Client<Paths, M>;

export interface PaginateOptions {
  /** Stop after this many items; the last page is cut to fit and no further page is requested. */
  maxItems?: number;
  /** Stop after this many pages (requests). */
  maxPages?: number;
  /** Aborts the request in flight and stops the walk between pages. */
  signal?: AbortSignal;
  /** Cursor lists only: `"after"` walks to older items (default), `"before"` to newer ones. */
  direction?: "after" | "before";
  /** Request page n+1 as soon as page n arrives, so the network overlaps the caller's work. */
  prefetch?: boolean;
}

/** `collect` loads everything into memory, so it needs a cap, or `all: true` to say so on purpose. */
export type CollectOptions = PaginateOptions & ({ maxItems: number; all?: boolean } | { all: true });
