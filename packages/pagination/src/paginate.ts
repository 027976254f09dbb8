import { KapsoApiError, KapsoConfigError, type KapsoErrorContext } from "@kapso/client";
import { KapsoPaginationError } from "./errors.js";
import { LoopGuard } from "./guard.js";
import { type Direction, isObject, LIST_STYLES, type ListStyle, type Next, type Query } from "./styles.js";
import type { CollectOptions, PaginateOptions, PaginationFunction } from "./types.js";

/** What the implementation knows of `init`: the query it moves through, and whatever else it passes on. */
type Init = { params?: { query?: Query }; signal?: unknown } | undefined;
type Result = { data?: unknown; error?: unknown; response: Response };
type GetClient = { GET(path: string, init: unknown): Promise<Result> };

const noop = () => {};

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function checkCount(name: string, value: unknown): void {
  if (value !== undefined && !(typeof value === "number" && Number.isInteger(value) && value > 0)) {
    throw new KapsoConfigError(`${name} must be a positive integer, got ${show(value)}`);
  }
}

/** Refuses options that cannot work before any request is made. */
function checked(init: Init, options: PaginateOptions = {}): PaginateOptions {
  checkCount("maxItems", options.maxItems);
  checkCount("maxPages", options.maxPages);
  const { direction } = options;
  if (direction !== undefined && direction !== "after" && direction !== "before") {
    throw new KapsoConfigError(`direction must be "after" or "before", got ${show(direction)}`);
  }
  if (init?.signal !== undefined) {
    throw new KapsoConfigError("init.signal is not used: pass the AbortSignal as options.signal");
  }
  return options;
}

/** The position a request asks for, named by its style; before the first page, by whichever style names one. */
function whereIs(query: Query, direction: Direction, style: ListStyle | undefined): KapsoErrorContext {
  for (const candidate of style ? [style] : LIST_STYLES) {
    const position = candidate.positionOf(query, direction);
    if (typeof position === "string" || typeof position === "number")
      return { [candidate.positionName]: position };
  }
  return {};
}

/**
 * One request of a walk. With a walk signal, the request gets a signal of its own, tied to the walk's
 * only while it runs: what a request hangs on its signal (fetch follows it with a listener until the
 * request is collected) then goes with the request, instead of piling up page after page on a signal
 * that lasts the whole walk.
 */
function getPage(client: GetClient, path: string, init: object, walkSignal: AbortSignal | undefined) {
  if (!walkSignal) return client.GET(path, init);
  const own = new AbortController();
  const abort = () => own.abort(walkSignal.reason);
  walkSignal.addEventListener("abort", abort);
  return client
    .GET(path, { ...init, signal: own.signal })
    .finally(() => walkSignal.removeEventListener("abort", abort));
}

/** The style of a page, which must be the walk's style once the first page has set it; or why not. */
function styleOfPage(body: Record<string, unknown>, walkStyle: ListStyle | undefined): ListStyle | string {
  const shown = LIST_STYLES.find((candidate) => candidate.isPage(body));
  if (!shown) return "has neither `data`+`paging`, `data`+`meta.page` nor `data.events`";
  if (walkStyle && shown !== walkStyle)
    return `switched from ${walkStyle.label} to ${shown.label} pagination`;
  return shown;
}

/**
 * The walk: requests, caps, prefetch, abort and the loop guard. Everything that depends on the list's
 * style is asked of the style the first page shows.
 */
async function* walk(
  client: GetClient,
  path: string,
  init: Init,
  options: PaginateOptions,
): AsyncGenerator<object, void, undefined> {
  const { maxItems = Infinity, maxPages = Infinity, prefetch } = options;
  const direction = options.direction ?? "after";
  const callerSignal = options.signal;
  // The walk aborts its requests through a controller of its own whenever there is something to
  // abort: with prefetch, the prefetched request nobody will read once the caller leaves; with a
  // caller's signal, what the caller aborts. The caller's signal then has one listener, the forwarding
  // one, removed when the walk ends. Without either, requests carry no signal at all.
  const controller = prefetch || callerSignal ? new AbortController() : undefined;
  const signal = controller?.signal;
  const get = (query: Query) =>
    getPage(client, path, { ...init, params: { ...init?.params, query } }, signal);

  let query: Query = { ...init?.params?.query };
  let style: ListStyle | undefined;
  let guard: LoopGuard | undefined;
  let lastProgress: number | undefined;
  let itemCount = 0;
  let pending: Promise<Result> | undefined;
  try {
    callerSignal?.throwIfAborted();
    // Aborting `controller` when the walk ends removes this listener too.
    if (controller && callerSignal) {
      const forward = () => controller.abort(callerSignal.reason);
      callerSignal.addEventListener("abort", forward, { signal: controller.signal });
    }
    for (let index = 0; ; index++) {
      const { data, error, response } = await (pending ?? get(query));
      pending = undefined;
      const context = { pageIndex: index, ...whereIs(query, direction, style) };
      if (!response.ok) throw KapsoApiError.fromResult({ error, response }, { method: "GET", context });
      // Every refusal names the request and the page (its 0-based index in this walk).
      const fail = (problem: string, where: KapsoErrorContext = context) =>
        new KapsoPaginationError(`GET ${path} page ${index}: ${problem}`, where);

      const body = isObject(data) ? data : {};
      const shown = styleOfPage(body, style);
      if (typeof shown === "string") throw fail(shown);
      if (!style) {
        style = shown;
        if (direction === "before" && !style.walksBackward) {
          throw new KapsoConfigError(
            `GET ${path} is a ${style.label} list; direction "before" needs cursors`,
          );
        }
        guard = new LoopGuard(style.positionOf(query, direction));
      }
      const wrong = style.malformed(body);
      if (wrong) throw fail(`malformed ${style.label} page: ${wrong}`);
      const progress = style.progress?.(body);
      if (progress !== undefined) {
        if (lastProgress !== undefined && progress <= lastProgress) {
          const asked = whereIs(query, direction, style)[style.positionName];
          throw fail(
            `asked for ${style.positionName} ${asked}, got ${style.positionName} ${progress} again; stopped to avoid a loop`,
          );
        }
        lastProgress = progress;
      }

      const allItems = style.items(body);
      const items = allItems.slice(0, maxItems - itemCount);
      itemCount += items.length;
      // An empty page ends every style: a server that says there is more but sends nothing would
      // otherwise be asked forever.
      const more = allItems.length > 0 && index + 1 < maxPages && itemCount < maxItems;
      const next: Next = more ? style.next(body, query, direction) : undefined;
      let loop: KapsoPaginationError | undefined;
      if (next && guard?.repeats(next.position)) {
        loop = fail(`${style.positionName} ${next.position} came back; stopped to avoid a loop`, {
          pageIndex: index + 1,
          [style.positionName]: next.position,
        });
      } else if (next) {
        query = next.query;
        if (prefetch) {
          // Its failure belongs to the caller only once they reach that page; until then it is handled.
          pending = get(query);
          pending.catch(noop);
        }
      }
      yield style.page(body, items, response);
      if (loop) throw loop;
      if (!next) return;
      signal?.throwIfAborted();
    }
  } finally {
    controller?.abort();
  }
}

async function* itemsOf(
  pages: AsyncGenerator<object, void, undefined>,
): AsyncGenerator<unknown, void, undefined> {
  for await (const page of pages) yield* (page as { data: unknown[] }).data;
}

/**
 * Walks every page of a list, in any of its styles, and yields its items one at a time. At most one
 * page (two with `prefetch`) is held in memory. `init` is what `client.GET(path, init)` takes; every
 * request keeps it and moves only the cursor or page number.
 *
 * @example
 * ```ts
 * import { createKapsoClient } from "@kapso/client";
 * import { paginate } from "@kapso/pagination";
 *
 * const kapso = createKapsoClient();
 * for await (const customer of paginate(kapso, "/customers", { params: { query: { per_page: 50 } } })) {
 *   console.log(customer.id, customer.name);
 * }
 * ```
 */
export const paginate = function paginate(
  client: GetClient,
  path: string,
  init?: Init,
  options?: PaginateOptions,
): AsyncGenerator<unknown, void, undefined> {
  return itemsOf(walk(client, path, init, checked(init, options)));
  // The typed signature is checked at every call; the implementation needs only the shape it uses.
} as PaginationFunction<"items">;

/**
 * Walks a list page by page: `{ data, paging, response }` for cursor lists, `{ data, meta, response }`
 * for page-number lists, `{ data, pagination, response }` for log search, where `data` is always the
 * page's items.
 *
 * @example
 * ```ts
 * import { createKapsoClient } from "@kapso/client";
 * import { paginatePages } from "@kapso/pagination";
 *
 * declare const workflow_id: string;
 * const kapso = createKapsoClient();
 * const init = { params: { path: { workflow_id }, query: { limit: 100 } } };
 * for await (const page of paginatePages(kapso, "/workflows/{workflow_id}/executions", init)) {
 *   console.log(page.data.length, page.paging.cursors?.after);
 * }
 * ```
 */
export const paginatePages = function paginatePages(
  client: GetClient,
  path: string,
  init?: Init,
  options?: PaginateOptions,
): AsyncGenerator<object, void, undefined> {
  return walk(client, path, init, checked(init, options));
} as PaginationFunction<"pages">;

/**
 * Loads a list into an array. It needs a cap, `maxItems`, or `all: true` to load the whole list on
 * purpose; without one it is a compile error, and a `KapsoConfigError` before any request.
 *
 * @example
 * ```ts
 * import { createKapsoClient } from "@kapso/client";
 * import { collect } from "@kapso/pagination";
 *
 * const kapso = createKapsoClient();
 * const latest = await collect(kapso, "/whatsapp/conversations", { params: { query: { status: "active" } } }, { maxItems: 500 });
 * console.log(latest.length);
 * ```
 */
export const collect = async function collect(
  client: GetClient,
  path: string,
  init?: Init,
  options?: CollectOptions,
): Promise<unknown[]> {
  if (options?.maxItems === undefined && options?.all !== true) {
    throw new KapsoConfigError("collect() needs maxItems, or all: true for the whole list");
  }
  const all: unknown[] = [];
  for await (const page of walk(client, path, init, checked(init, options))) {
    for (const item of (page as { data: unknown[] }).data) all.push(item);
  }
  return all;
} as PaginationFunction<"array">;
