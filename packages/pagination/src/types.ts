import type { KapsoClient } from "@kapso/client";
import type { components, paths } from "@kapso/types";
import type { paths as WhatsAppPaths } from "@kapso/types/whatsapp";
import type { Client, MaybeOptionalInit } from "openapi-fetch";

/**
 * `paging` of a Platform cursor list (`limit`/`before`/`after`): the spec's `Paging` schema. A page
 * of another API's list (the Meta proxy's) is typed with that API's own `paging`.
 */
export type CursorPaging = components["schemas"]["Paging"];

/** `meta` of a page-number list (`page`/`per_page`): the spec's `PageMeta` schema. */
export type PageMeta = components["schemas"]["PageMeta"];

/** `data.pagination` of a log-search list (`cursor` in, `next_cursor` out). */
export interface LogSearchPagination {
  /** `false` on the last page. */
  has_more?: boolean;
  /** Sent back as `cursor` for the next page; null or absent on the last page. */
  next_cursor?: string | null;
}

/**
 * The three list styles of the Kapso API: `"cursor"` (`paging`), `"page"` (page numbers, `meta`) and
 * `"log-search"` (`data.events` with `data.pagination.next_cursor`).
 */
export type PaginationStyle = "cursor" | "page" | "log-search";

/** A GET operation whose 200 JSON body is `B`. */
type GetOk<B> = { get: { responses: { 200: { content: { "application/json": B } } } } };

/** The GET 200 JSON body of a path item. */
type OkBody<Item> = Item extends GetOk<infer B> ? B : never;

/**
 * The style of a GET 200 body, or never when it is not a list page. For `paging` and `meta` the key
 * is tested, not its value, because a list that answers either style (contacts, project events, an
 * agent mode's sessions: cursors, or page numbers when asked or by default) has both optional; its
 * style is then both, and its pages are typed as either, so a caller checks which one came.
 */
type StyleOfBody<B> = B extends { data: readonly unknown[] }
  ? "paging" extends keyof B
    ? "meta" extends keyof B
      ? "cursor" | "page"
      : "cursor"
    : "meta" extends keyof B
      ? "page"
      : never
  : B extends { data: { events: readonly unknown[] } }
    ? "pagination" extends keyof B["data"]
      ? "log-search"
      : never
    : never;

type ItemOfBody<B> = B extends { data: readonly (infer T)[] }
  ? T
  : B extends { data: { events: readonly (infer T)[] } }
    ? T
    : never;

/** Which style the list at `P` uses, read from its response type; never when `P` is not a list. */
export type PaginationStyleOf<Paths, P extends keyof Paths> = StyleOfBody<OkBody<Paths[P]>>;

/**
 * Paths of `Paths` whose GET 200 body is a list page in one of the three styles, computed from the
 * types so that a new list endpoint in the spec is accepted without any change here.
 */
export type PaginatablePath<Paths> = keyof Paths &
  string &
  { [P in keyof Paths]-?: [PaginationStyleOf<Paths, P>] extends [never] ? never : P }[keyof Paths];

/** The `paging` type of a cursor page's body; the Platform's `Paging` when the body names none. */
type PagingOfBody<B> = B extends { paging?: infer G } ? NonNullable<G> : CursorPaging;

/** The type of one item of the list at `P`. */
export type PaginatedItem<Paths, P extends keyof Paths> = ItemOfBody<OkBody<Paths[P]>>;

/**
 * One page as `paginatePages` yields it: the page's items, its style's own field, and the raw
 * response. `G` is the type of a cursor page's `paging` (the list's own, for `PaginatedPage`).
 */
export type Page<T, S extends PaginationStyle = PaginationStyle, G = CursorPaging> = S extends "cursor"
  ? { data: T[]; paging: G; response: Response }
  : S extends "page"
    ? { data: T[]; meta: PageMeta; response: Response }
    : { data: T[]; pagination: LogSearchPagination; response: Response };

/** The page type `paginatePages` yields for the list at `P`. */
export type PaginatedPage<Paths, P extends keyof Paths> = Page<
  PaginatedItem<Paths, P>,
  PaginationStyleOf<Paths, P>,
  PagingOfBody<OkBody<Paths[P]>>
>;

/**
 * What `client.GET(path, init)` accepts for `P` (path parameters required when `P` has them), without
 * `signal`: a walk is aborted through `options.signal`, which also covers the time between pages.
 */
export type PaginateInit<Paths, P extends keyof Paths> = Paths[P] extends infer Item extends { get: unknown }
  ? WithoutSignal<MaybeOptionalInit<Item, "get">>
  : never;

type WithoutSignal<Init> = Init extends object ? Omit<Init, "signal"> & { signal?: SignalInOptions } : Init;

/** The type `init.signal` is checked against, so the compiler's message says where the signal goes. */
export type SignalInOptions = "pass the AbortSignal as options.signal (the 4th argument), not in init";

/** The type `direction` is checked against on a list that has no cursors to walk backward. */
export type DirectionNeedsCursors = "direction applies to cursor lists only";

/** A content type, as openapi-fetch's `Client` takes it. */
export type MediaType = `${string}/${string}`;

/** Any openapi-fetch client: `createKapsoClient()` or a bare `createClient<paths>()`. */
export type PaginationClient<Paths extends {}, M extends MediaType = MediaType> = Client<Paths, M>;

/** Options of `paginate` and `paginatePages`. */
export interface PaginateOptions {
  /** Stop after this many items (a positive integer); the last page is cut to fit and no later page is requested. */
  maxItems?: number;
  /** Stop after this many pages, that is requests (a positive integer). */
  maxPages?: number;
  /** Aborts the request in flight and stops the walk between pages. The only signal a walk uses. */
  signal?: AbortSignal;
  /** Cursor lists only: `"after"` walks to older items (default), `"before"` to newer ones. */
  direction?: "after" | "before";
  /** Request page n+1 as soon as page n arrives, so the network overlaps the caller's work. */
  prefetch?: boolean;
}

/** `collect` loads everything into memory, so it needs a cap, or `all: true` to say so on purpose. */
export type CollectOptions = PaginateOptions &
  (
    | {
        /** The most items to load (a positive integer). */
        maxItems: number;
        /** With `maxItems` set, `all` changes nothing. */
        all?: boolean;
      }
    | {
        /** `true`: load the whole list, however long, into one array. */
        all: true;
      }
  );

// ---- The call signature shared by paginate, paginatePages and collect ----

type KapsoPathsClient = Client<paths, MediaType>;
type WhatsAppPathsClient = Client<WhatsAppPaths, MediaType>;

/**
 * The `paths` a client was made for. What `createKapsoClient()`, `createKapsoWhatsAppClient()` and
 * `createClient<paths>()` return is recognised by identity, which costs almost nothing.
 * Assignability would not do: a client of a newer spec, whose paths include Kapso's, is assignable to
 * the Kapso client. Reading `Paths` out of any other client's structure costs about 150 000 type
 * instantiations, paid only by programs that paginate such a client.
 */
type PathsOf<C> = true extends IsIdentical<C, KapsoClient> | IsIdentical<C, KapsoPathsClient>
  ? paths
  : true extends IsIdentical<C, KapsoClient<WhatsAppPaths>> | IsIdentical<C, WhatsAppPathsClient>
    ? WhatsAppPaths
    : PathsInside<C>;

/** True only when `A` and `B` are the same type (not merely assignable to each other). */
type IsIdentical<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

type PathsInside<C> = C extends Client<infer Paths, MediaType> ? Paths : never;

/** The type an unpaginated path is checked against, so the compiler's message says what is wrong. */
export type NotAPaginatedList<P extends string> = `${P} is not a paginated list`;

/** The type a `collect` path is checked against when the options set no cap. */
export type CollectNeedsCap = "collect() needs { maxItems: n }, or { all: true } to load the whole list";

type ListPath<Paths, P extends string> = P extends PaginatablePath<Paths> ? P : NotAPaginatedList<P>;

type StyleAt<Paths, P> = P extends keyof Paths ? PaginationStyleOf<Paths, P> : never;

/**
 * The options a list accepts: `direction` only where the list may have cursors to walk both ways (a
 * list that answers either style takes it, and refuses it at run time if it answers page numbers).
 */
type OptionsAt<Paths, P, Base> =
  "cursor" extends StyleAt<Paths, P>
    ? Base
    : Omit<Base, "direction"> & {
        /** Only cursor lists can be walked backward; this list has no `before` cursor. */
        direction?: DirectionNeedsCursors;
      };

type InitAt<Paths, P> = P extends keyof Paths ? PaginateInit<Paths, P> : unknown;

/** `init` may be left out exactly where `client.GET(path)` may be called without it. */
type InitThenOptions<Paths, P, Options> =
  undefined extends InitAt<Paths, P>
    ? [init?: InitAt<Paths, P>, options?: Options]
    : [init: InitAt<Paths, P>, options?: Options];

type HasCap<O> = O extends { maxItems: number } ? true : O extends { all: true } ? true : false;

/** What each function returns for the list at `P`, and the options it takes besides the common ones. */
interface Kinds<Paths, P extends keyof Paths> {
  items: { result: AsyncGenerator<PaginatedItem<Paths, P>, void, undefined>; options: { all?: never } };
  pages: { result: AsyncGenerator<PaginatedPage<Paths, P>, void, undefined>; options: { all?: never } };
  array: { result: Promise<PaginatedItem<Paths, P>[]>; options: { all?: boolean } };
}

type Kind = keyof Kinds<unknown, never>;

type ResultAt<K extends Kind, Paths, P> = P extends keyof Paths ? Kinds<Paths, P>[K]["result"] : never;

type OptionsFor<K extends Kind, Paths, P> = OptionsAt<
  Paths,
  P,
  PaginateOptions & Kinds<Paths, never>[K]["options"]
>;

/**
 * The one call signature of `paginate` (`K = "items"`), `paginatePages` (`"pages"`) and `collect`
 * (`"array"`). Each argument is checked against a type that names its own problem, so a mistake is
 * reported once and in words: `"/workflows/{workflow_id} is not a paginated list"`, a query typo as
 * the client reports it, `collect()` without a cap as {@link CollectNeedsCap}.
 *
 * `O` is the options argument's own type, inferred so that `collect` can tell whether it sets a cap
 * (without options it is the constraint, which sets none).
 */
export type PaginationFunction<K extends Kind> = <
  C extends { GET: unknown },
  P extends string,
  O extends OptionsFor<K, PathsOf<C>, P>,
>(
  client: C,
  path: K extends "array"
    ? HasCap<O> extends true
      ? ListPath<PathsOf<C>, P>
      : CollectNeedsCap
    : ListPath<PathsOf<C>, P>,
  ...initThenOptions: InitThenOptions<PathsOf<C>, P, O>
) => ResultAt<K, PathsOf<C>, P>;
