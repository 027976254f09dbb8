import { getEventListeners } from "node:events";
import { createKapsoClient, KapsoApiError, KapsoConfigError, KapsoError } from "@kapso/client";
import {
  backward,
  conditionWaiters,
  cursorOf,
  dropBeforeHeaders,
  type FixturePaths,
  forward,
  type Handler,
  json,
  type LoopbackServer,
  listFixture,
  type RecordedRequest,
  startLoopbackServer,
} from "@kapso/test-support";
import type { paths } from "@kapso/types";
import fc from "fast-check";
import createClient from "openapi-fetch";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { collect, KapsoPaginationError, paginate, paginatePages } from "./index.js";

let server: LoopbackServer;
let client: ReturnType<typeof createClient<FixturePaths>>;

beforeAll(async () => {
  server = await startLoopbackServer(listFixture());
  client = createClient<FixturePaths>({ baseUrl: server.origin });
});
afterAll(() => server.close());
beforeEach(() => server.handle(listFixture()));

const ceil = (a: number, b: number) => Math.max(1, Math.ceil(a / b));
/** One full turn of the event loop: every promise reaction that can run without I/O or a timer has run. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** The list fixture, except that the requests `held` picks are never answered: they stay in flight until the client gives up. */
const holding =
  (held: (request: RecordedRequest) => boolean): Handler =>
  (request, res, attempt) => {
    if (!held(request)) listFixture()(request, res, attempt);
  };
/** Holds every page after the first (a cursor walk asks for those with `after`). */
const afterTheFirstPage = (request: RecordedRequest) => request.query.has("after");

/**
 * A client on the test server that counts, as they happen, the requests it sends, the responses it
 * has read in full and the requests that failed without one; `until` waits for those counts (checked
 * after each change) to reach a condition.
 */
function countingClient() {
  const counts = { sent: 0, read: 0, failed: 0 };
  const { until, recheck } = conditionWaiters();
  const counted = createClient<FixturePaths>({
    baseUrl: server.origin,
    fetch: async (request: Request) => {
      counts.sent++;
      recheck();
      try {
        const response = await fetch(request);
        const body = await response.arrayBuffer();
        counts.read++;
        return new Response(body, response);
      } catch (error) {
        counts.failed++;
        throw error;
      } finally {
        recheck();
      }
    },
  });
  return { client: counted, counts, until };
}
const numbers = async (iterable: AsyncIterable<{ n: number }>) => {
  const out: number[] = [];
  for await (const item of iterable) out.push(item.n);
  return out;
};
const sent = (name: string) => server.requests.map((request) => request.query.get(name));

describe("every item exactly once, in order, with the expected number of requests", () => {
  const totals = fc.integer({ min: 0, max: 1000 });
  const sizes = fc.integer({ min: 1, max: 100 });

  test("cursor, forward", async () => {
    await fc.assert(
      fc.asyncProperty(totals, sizes, fc.boolean(), async (total, limit, prefetch) => {
        server.reset();
        const got = await numbers(
          paginate(client, "/items", { params: { query: { total, limit } } }, { prefetch }),
        );
        expect(got).toEqual(forward(total));
        expect(server.requests.length).toBe(ceil(total, limit));
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  test("cursor, backward from a stored `before` cursor", async () => {
    await fc.assert(
      fc.asyncProperty(totals, sizes, fc.boolean(), async (total, limit, prefetch) => {
        server.reset();
        const init = { params: { query: { total, limit, before: cursorOf(total) } } };
        const got = await numbers(paginate(client, "/items", init, { direction: "before", prefetch }));
        expect(got).toEqual(backward(total, limit));
        expect(server.requests.length).toBe(ceil(total, limit));
        expect(sent("after").every((value) => value === null)).toBe(true);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  test("log search", async () => {
    await fc.assert(
      fc.asyncProperty(totals, sizes, fc.boolean(), async (total, limit, prefetch) => {
        server.reset();
        const got = await numbers(
          paginate(client, "/log_search", { params: { query: { total, limit } } }, { prefetch }),
        );
        expect(got).toEqual(forward(total));
        expect(server.requests.length).toBe(ceil(total, limit));
        expect(sent("limit").every((value) => value === String(limit))).toBe(true);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  test("page numbers", async () => {
    await fc.assert(
      fc.asyncProperty(totals, sizes, fc.boolean(), async (total, per_page, prefetch) => {
        server.reset();
        const got = await numbers(
          paginate(client, "/pages", { params: { query: { total, per_page } } }, { prefetch }),
        );
        expect(got).toEqual(forward(total));
        expect(server.requests.length).toBe(ceil(total, per_page));
        expect(sent("per_page").every((value) => value === String(per_page))).toBe(true);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});

describe("requests", () => {
  test("the first request uses init as given; later ones keep every parameter and move one cursor", async () => {
    const pages = [];
    for await (const page of paginatePages(client, "/items", {
      params: { query: { total: 25, limit: 10 } },
    })) {
      pages.push(page);
    }
    expect(pages.map((p) => p.data.length)).toEqual([10, 10, 5]);
    expect(pages[0]?.paging.cursors?.after).toBe(cursorOf(9));
    expect(pages[0]?.response.status).toBe(200);
    expect(server.requests.map((request) => request.url)).toEqual([
      "/items?total=25&limit=10",
      `/items?total=25&limit=10&after=${encodeURIComponent(cursorOf(9))}`,
      `/items?total=25&limit=10&after=${encodeURIComponent(cursorOf(19))}`,
    ]);
  });

  test("going backward drops `after` and sends `before`", async () => {
    const init = { params: { query: { total: 30, limit: 10, after: cursorOf(19) } } };
    const expected = [...forward(30).slice(20), ...forward(20).slice(10), ...forward(10)];
    expect(await numbers(paginate(client, "/items", init, { direction: "before" }))).toEqual(expected);
    // The server's first page (20..29) has a `previous`, so the walk moves to before=20.
    expect(sent("after")).toEqual([cursorOf(19), null, null]);
    expect(sent("before")).toEqual([null, cursorOf(20), cursorOf(10)]);
  });

  test("resumes from a stored `after` cursor on the seed endpoint, through createKapsoClient", async () => {
    const kapso = createKapsoClient({ baseUrl: server.origin, apiKey: "test-key" });
    const workflow_id = "0b6f0f7e-1d1c-4a31-9c43-6c2f1a0b5f11";
    const init = { params: { path: { workflow_id }, query: { limit: 20, after: cursorOf(9) } } };
    const ids: string[] = [];
    for await (const execution of paginate(kapso, "/workflows/{workflow_id}/executions", init))
      ids.push(execution.id);
    expect(ids).toEqual(forward(45).slice(10).map(String));
    expect(server.requests.length).toBe(2);
    expect(server.requests[0]?.path).toBe(`/workflows/${workflow_id}/executions`);
  });

  test("a bare openapi-fetch client works on the seed endpoint too", async () => {
    const bare = createClient<paths>({ baseUrl: server.origin });
    const init = { params: { path: { workflow_id: "w" }, query: { limit: 7 } } };
    const first = await collect(bare, "/workflows/{workflow_id}/executions", init, { maxItems: 10 });
    expect(first.map((execution) => execution.id)).toEqual(forward(10).map(String));
    expect(server.requests.length).toBe(2);
  });

  test("next() calls made without waiting still get each item once, in order", async () => {
    const iterator = paginate(client, "/items", { params: { query: { total: 25, limit: 10 } } });
    const steps = await Promise.all(Array.from({ length: 27 }, () => iterator.next()));
    expect(steps.filter((s) => !s.done).map((s) => (s.value as { n: number }).n)).toEqual(forward(25));
    expect(steps.slice(25).every((s) => s.done)).toBe(true);
    expect(server.requests.length).toBe(3);
  });

  test("page numbers start at init's page and keep per_page", async () => {
    const got = await numbers(
      paginate(client, "/pages", { params: { query: { total: 50, per_page: 10, page: 3 } } }),
    );
    expect(got).toEqual(forward(50).slice(20));
    expect(sent("page")).toEqual(["3", "4", "5"]);
  });

  test("log search sends next_cursor back as `cursor`, keeping every other parameter", async () => {
    const pages = [];
    for await (const page of paginatePages(client, "/log_search", {
      params: { query: { total: 25, limit: 10 } },
    })) {
      pages.push(page);
    }
    expect(pages.map((p) => p.data.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.pagination)).toEqual([
      { has_more: true, next_cursor: cursorOf(9) },
      { has_more: true, next_cursor: cursorOf(19) },
      { has_more: false, next_cursor: null },
    ]);
    expect(server.requests.map((request) => request.url)).toEqual([
      "/log_search?total=25&limit=10",
      `/log_search?total=25&limit=10&cursor=${encodeURIComponent(cursorOf(9))}`,
      `/log_search?total=25&limit=10&cursor=${encodeURIComponent(cursorOf(19))}`,
    ]);
  });

  test("a log search that is unavailable (no pagination at all) is one page", async () => {
    server.handle((_request, res) => json(res, 200, { data: { available: false, events: [{ n: 1 }] } }));
    expect(await numbers(paginate(client, "/log_search"))).toEqual([1]);
    expect(server.requests.length).toBe(1);
  });

  test("page-number pages carry meta", async () => {
    const metas = [];
    for await (const page of paginatePages(client, "/pages", {
      params: { query: { total: 15, per_page: 10 } },
    })) {
      metas.push(page.meta);
    }
    expect(metas).toEqual([
      { page: 1, per_page: 10, total_pages: 2, total_count: 15 },
      { page: 2, per_page: 10, total_pages: 2, total_count: 15 },
    ]);
  });
});

describe("caps", () => {
  const init = { params: { query: { total: 100, limit: 10 } } };
  test.each([
    [{ maxItems: 25 }, 25, 3],
    [{ maxItems: 30 }, 30, 3],
    [{ maxItems: 1 }, 1, 1],
    [{ maxItems: 500 }, 100, 10],
    [{ maxPages: 2 }, 20, 2],
    [{ maxPages: 2, maxItems: 15 }, 15, 2],
    [{ maxItems: 30, prefetch: true }, 30, 3],
    [{ maxPages: 2, prefetch: true }, 20, 2],
  ])("%o yields %i items in %i requests", async (options, items, requests) => {
    expect(await numbers(paginate(client, "/items", init, options))).toEqual(forward(items));
    expect(server.requests.length).toBe(requests);
  });

  test("paginatePages cuts the last page to maxItems", async () => {
    const sizes = [];
    for await (const page of paginatePages(
      client,
      "/pages",
      { params: { query: { per_page: 10 } } },
      { maxItems: 15 },
    )) {
      sizes.push(page.data.length);
    }
    expect(sizes).toEqual([10, 5]);
    expect(server.requests.length).toBe(2);
  });

  test("collect with maxItems or all", async () => {
    expect((await collect(client, "/items", init, { maxItems: 35 })).map((i) => i.n)).toEqual(forward(35));
    expect(server.requests.length).toBe(4);
    expect(await collect(client, "/pages", { params: { query: { total: 42 } } }, { all: true })).toHaveLength(
      42,
    );
  });

  test("collect without a cap is refused before any request", async () => {
    // @ts-expect-error a cap or `all: true` is required
    await expect(collect(client, "/items", init, {})).rejects.toThrow(/maxItems.*all: true/);
    // @ts-expect-error the options are required
    await expect(collect(client, "/items", init)).rejects.toBeInstanceOf(KapsoConfigError);
    // @ts-expect-error `all: false` is no cap
    await expect(collect(client, "/items", init, { all: false })).rejects.toBeInstanceOf(KapsoConfigError);
    expect(server.requests.length).toBe(0);
  });

  test.each([
    { maxItems: 0 },
    { maxItems: -1 },
    { maxItems: 1.5 },
    { maxItems: Number.NaN },
    { maxPages: 0 },
    { maxPages: Number.POSITIVE_INFINITY },
    { direction: "sideways" as "after" },
  ])("invalid options %o are refused at the call", (options) => {
    expect(() => paginate(client, "/items", init, options)).toThrow(KapsoConfigError);
    expect(() => paginatePages(client, "/items", init, options)).toThrow(/must be/);
    expect(server.requests.length).toBe(0);
  });
});

describe("guards", () => {
  test("a repeated cursor stops the walk with an error, after the pages that were fine", async () => {
    const got: number[] = [];
    const walk = async () => {
      for await (const item of paginate(client, "/loop", { params: { query: { limit: 5 } } }))
        got.push(item.n);
    };
    const error = await walk().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KapsoPaginationError);
    expect(error).toBeInstanceOf(KapsoError);
    expect((error as Error).message).toMatch(/cursor a came back/);
    expect(got).toHaveLength(10);
    expect(server.requests.length).toBe(2);
  });

  test("a repeated log-search cursor stops the walk after the pages that were fine", async () => {
    const walk = numbers(paginate(client, "/log_loop", { params: { query: { limit: 5 } } }));
    await expect(walk).rejects.toThrow(/GET \/log_loop page 1: cursor MA== came back/);
    expect(server.requests.length).toBe(2);
  });

  test("a page number that does not advance stops the walk", async () => {
    const walk = numbers(paginate(client, "/stuck", { params: { query: { total: 50, per_page: 10 } } }));
    await expect(walk).rejects.toThrow(/asked for page 2, got page 1 again/);
    expect(server.requests.length).toBe(2);
  });

  test("a response with neither paging nor meta is an error", async () => {
    await expect(numbers(paginate(client, "/bare", undefined))).rejects.toThrow(KapsoPaginationError);
    await expect(numbers(paginate(client, "/bare", undefined))).rejects.toThrow(
      "has neither `data`+`paging`, `data`+`meta.page` nor `data.events`",
    );
    expect(server.requests.length).toBe(2);
  });

  test.each(["/pages", "/log_search"] as const)(
    "direction before on a list without cursors (%s) is a config error, before any item",
    async (path) => {
      // @ts-expect-error direction applies to cursor lists only
      const walk = numbers(paginate(client, path, {}, { direction: "before" }));
      await expect(walk).rejects.toThrow(KapsoConfigError);
      await expect(numbers(paginate(client, path, {}, { direction: "before" as never }))).rejects.toThrow(
        /list; direction "before" needs cursors/,
      );
    },
  );
});

/**
 * A server whose list, in `style`, goes round a cycle of `length` positions for ever: cursors
 * c1, c2, ..., c0, c1, ... or page numbers 1..length, 1, ... Every page has two items.
 */
function cycling(style: "cursor" | "page" | "log-search", length: number): Handler {
  return (_request, res, attempt) => {
    const data = [{ n: 2 * attempt }, { n: 2 * attempt + 1 }];
    const cursor = `c${attempt % length}`;
    if (style === "cursor") json(res, 200, { data, paging: { cursors: { after: cursor }, next: cursor } });
    else if (style === "page")
      json(res, 200, { data, meta: { page: ((attempt - 1) % length) + 1, total_pages: 99 } });
    else json(res, 200, { data: { events: data, pagination: { has_more: true, next_cursor: cursor } } });
  };
}

describe("the loop guard, for every style", () => {
  const paths = { cursor: "/items", page: "/pages", "log-search": "/log_search" } as const;
  test.each([
    ["cursor", 1],
    ["cursor", 3],
    ["page", 1],
    ["page", 3],
    ["log-search", 1],
    ["log-search", 3],
  ] as const)("%s list, a cycle of %i positions, ends in KapsoPaginationError", async (style, length) => {
    server.handle(cycling(style, length));
    const got: number[] = [];
    const walk = async () => {
      for await (const item of paginate(client, paths[style])) got.push(item.n);
    };
    const error = await walk().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KapsoPaginationError);
    expect((error as Error).message).toMatch(/stopped to avoid a loop/);
    // The cycle is entered with the second request; it is caught within about two laps of it.
    expect(server.requests.length).toBeGreaterThanOrEqual(length + 1);
    expect(server.requests.length).toBeLessThanOrEqual(2 + 3 * length);
    expect(got.length).toBeGreaterThan(0);
  });

  test("a page-number cycle is caught as soon as a page does not move past the previous one", async () => {
    server.handle(cycling("page", 3));
    await expect(numbers(paginate(client, "/pages"))).rejects.toThrow(/asked for page 4, got page 1 again/);
    expect(server.requests.length).toBe(4);
  });

  test("a cursor that is not text (a number, an object) is a malformed page, refused before it is sent", async () => {
    for (const after of [1, { k: "same" }]) {
      server.handle((_request, res) =>
        json(res, 200, { data: [{ n: 1 }], paging: { cursors: { after }, next: "more" } }),
      );
      await expect(numbers(paginate(client, "/items"))).rejects.toThrow(
        /GET \/items page 0: malformed cursor page: `paging.cursors.after` is/,
      );
      expect(server.requests.length).toBe(1);
    }
  });

  test("a list whose style changes mid-walk is refused", async () => {
    server.handle((_request, res, attempt) =>
      attempt === 1
        ? json(res, 200, { data: [{ n: 1 }], paging: { cursors: { after: "a" }, next: "a" } })
        : json(res, 200, { data: [{ n: 2 }], meta: { page: 2 } }),
    );
    await expect(numbers(paginate(client, "/items"))).rejects.toThrow(/switched from cursor to page-number/);
  });
});

describe("errors", () => {
  test("a failed page throws KapsoApiError with the page index and cursor", async () => {
    const got: number[] = [];
    const init = { params: { query: { total: 100, limit: 10, fail_from: 20 } } };
    const error = await (async () => {
      for await (const item of paginate(client, "/items", init)) got.push(item.n);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KapsoApiError);
    const apiError = error as KapsoApiError;
    expect(apiError.status).toBe(500);
    expect(apiError.context).toEqual({ pageIndex: 2, cursor: cursorOf(19) });
    expect(apiError.requestId).toBe("req-3");
    expect(apiError.message).toMatch(/pageIndex=2, cursor=/);
    expect(got).toEqual(forward(20));
  });

  test("a failed log-search page carries the cursor it sent", async () => {
    const init = { params: { query: { total: 100, limit: 10, fail_from: 20 } } };
    const error = await numbers(paginate(client, "/log_search", init)).catch((e: unknown) => e);
    expect((error as KapsoApiError).context).toEqual({ pageIndex: 2, cursor: cursorOf(19) });
  });

  test("a failed page-number page carries the page number", async () => {
    const init = { params: { query: { total: 100, per_page: 10, fail_from: 30 } } };
    const error = await numbers(paginate(client, "/pages", init)).catch((e: unknown) => e);
    expect((error as KapsoApiError).context).toEqual({ pageIndex: 3, page: 4 });
    expect((error as KapsoApiError).message).toMatch(/\(pageIndex=3, page=4\)/);
  });
});

describe("abort", () => {
  test("during a request", async () => {
    // The server never answers, so only the abort can end the walk.
    server.handle(holding(() => true));
    const controller = new AbortController();
    const walk = numbers(paginate(client, "/items", {}, { signal: controller.signal }));
    await server.until(() => server.requests.length === 1);
    controller.abort();
    await expect(walk).rejects.toMatchObject({ name: "AbortError" });
    await server.until(() => server.aborted === 1);
    expect(server.requests.length).toBe(1);
  });

  test("between pages, with the caller's reason", async () => {
    const controller = new AbortController();
    const reason = new Error("enough");
    const walk = async () => {
      for await (const page of paginatePages(
        client,
        "/items",
        { params: { query: { limit: 10 } } },
        { signal: controller.signal },
      )) {
        expect(page.data).toHaveLength(10);
        controller.abort(reason);
      }
    };
    await expect(walk()).rejects.toBe(reason);
    expect(server.requests.length).toBe(1);
  });

  test("between pages with prefetch cancels the page in flight", async () => {
    server.handle(holding(afterTheFirstPage));
    const controller = new AbortController();
    const walk = async () => {
      for await (const _ of paginatePages(
        client,
        "/items",
        { params: { query: { limit: 10 } } },
        { signal: controller.signal, prefetch: true },
      )) {
        // The prefetched page has reached the server (which holds it) before the caller aborts.
        await server.until(() => server.requests.length === 2);
        controller.abort();
      }
    };
    await expect(walk()).rejects.toMatchObject({ name: "AbortError" });
    await server.until(() => server.aborted === 1);
    expect(server.requests.length).toBe(2);
  });

  test.each([false, true])(
    "with prefetch %s, the walk leaves no listener on the caller's signal",
    async (prefetch) => {
      const controller = new AbortController();
      const { signal } = controller;
      await numbers(
        paginate(client, "/items", { params: { query: { total: 50, limit: 10 } } }, { signal, prefetch }),
      );
      expect(getEventListeners(signal, "abort")).toHaveLength(0);
      for await (const _ of paginate(client, "/items", {}, { signal, prefetch })) break;
      expect(getEventListeners(signal, "abort")).toHaveLength(0);
      const failing = { params: { query: { fail_from: 20 } } };
      await numbers(paginate(client, "/items", failing, { signal, prefetch })).catch(() => {});
      expect(getEventListeners(signal, "abort")).toHaveLength(0);
    },
  );

  test("an already aborted signal makes no request", async () => {
    const walk = numbers(paginate(client, "/items", {}, { signal: AbortSignal.abort() }));
    await expect(walk).rejects.toMatchObject({ name: "AbortError" });
    expect(server.requests.length).toBe(0);
  });

  test("a signal in init is refused at the call: the walk has one signal, options.signal", () => {
    const init = { signal: AbortSignal.timeout(30), params: { query: { delay: 500 } } };
    // @ts-expect-error the signal goes in options
    expect(() => paginate(client, "/items", init)).toThrow(KapsoConfigError);
    // @ts-expect-error the signal goes in options
    expect(() => paginatePages(client, "/items", init)).toThrow(/options\.signal/);
    expect(server.requests.length).toBe(0);
  });
});

describe("leaving the loop early", () => {
  test("break makes no further request", async () => {
    const { client: counted, counts } = countingClient();
    for await (const item of paginate(counted, "/items", { params: { query: { limit: 10 } } })) {
      if (item.n === 3) break;
    }
    // A request started by the break would have been handed to fetch by the end of this turn.
    await turn();
    expect(counts.sent).toBe(1);
    expect(server.requests.length).toBe(1);
  });

  test("break on the last item of a page does not fetch the next page", async () => {
    for await (const item of paginate(client, "/items", { params: { query: { limit: 10 } } })) {
      if (item.n === 9) break;
    }
    expect(server.requests.length).toBe(1);
  });

  test("a throw in the loop body makes no further request", async () => {
    const walk = async () => {
      for await (const _ of paginate(client, "/items", { params: { query: { limit: 10 } } }))
        throw new Error("stop");
    };
    await expect(walk()).rejects.toThrow("stop");
    expect(server.requests.length).toBe(1);
  });

  test("with prefetch, break aborts the one page in flight and asks for nothing more", async () => {
    server.handle(holding(afterTheFirstPage));
    const { client: counted, counts } = countingClient();
    for await (const item of paginate(
      counted,
      "/items",
      { params: { query: { limit: 10 } } },
      { prefetch: true },
    )) {
      if (item.n === 3) {
        // The prefetched page has reached the server (which holds it): it is in flight.
        await server.until(() => server.requests.length === 2);
        break;
      }
    }
    await server.until(() => server.aborted === 1);
    await turn();
    expect(counts.sent).toBe(2);
    expect(server.requests.length).toBe(2);
  });

  test("with prefetch through createKapsoClient, break aborts the page in flight", async () => {
    server.handle(holding(afterTheFirstPage));
    const kapso = createKapsoClient({ baseUrl: server.origin, apiKey: "test-key" });
    const init = { params: { path: { workflow_id: "w" }, query: { limit: 10 } } };
    for await (const _ of paginate(kapso, "/workflows/{workflow_id}/executions", init, { prefetch: true })) {
      // The prefetched page has reached the server (which holds it): it is in flight.
      await server.until(() => server.requests.length === 2);
      break;
    }
    await server.until(() => server.aborted === 1);
    expect(server.requests.length).toBe(2);
  });

  test("return() on a pages iterator ends it", async () => {
    server.handle(holding(afterTheFirstPage));
    const { client: counted, counts } = countingClient();
    const pages = paginatePages(counted, "/items", { params: { query: { limit: 10 } } }, { prefetch: true });
    await pages.next();
    await server.until(() => server.requests.length === 2);
    await pages.return(undefined);
    expect((await pages.next()).done).toBe(true);
    await server.until(() => server.aborted === 1);
    await turn();
    expect(counts.sent).toBe(2);
    expect(server.requests.length).toBe(2);
  });
});

describe("prefetch", () => {
  const pages = 6;
  const init = { params: { query: { total: pages * 10, limit: 10 } } };

  test("asks for the next page while the caller still holds this one; without prefetch, only after", async () => {
    const sequential = countingClient();
    let index = 0;
    for await (const page of paginatePages(sequential.client, "/items", init, { prefetch: false })) {
      expect(page.data).toHaveLength(10);
      // Nothing is asked for ahead of the caller, however long it holds the page.
      await turn();
      expect(sequential.counts.sent).toBe(index + 1);
      index++;
    }
    expect(server.requests.length).toBe(pages);

    server.reset();
    const overlapped = countingClient();
    index = 0;
    for await (const page of paginatePages(overlapped.client, "/items", init, { prefetch: true })) {
      expect(page.data).toHaveLength(10);
      // Page index + 1 reaches the server before the caller is done with page index.
      if (index < pages - 1) await server.until(() => server.requests.length === index + 2);
      index++;
    }
    expect(server.requests.length).toBe(pages);
  });

  test("holds at most one page in flight", async () => {
    const { client: counted, counts, until } = countingClient();
    const ahead: number[] = [];
    let index = 0;
    for await (const _ of paginatePages(counted, "/items", init, { prefetch: true })) {
      // Once the prefetched page has been read in full, nothing more is asked for while the caller
      // still holds this one.
      await until(() => counts.read === Math.min(index + 2, pages));
      await turn();
      ahead.push(counts.sent - index);
      index++;
    }
    // While the caller holds page k, requests k (its own) and k+1 (prefetched) have been made, never k+2.
    expect(ahead).toEqual([2, 2, 2, 2, 2, 1]);
  });

  test("an error of a prefetched page surfaces only when the caller reaches it", async () => {
    const { client: counted, counts, until } = countingClient();
    const got: number[] = [];
    const failing = { params: { query: { total: 100, limit: 10, fail_from: 20 } } };
    let index = 0;
    const error = await (async () => {
      for await (const page of paginatePages(counted, "/items", failing, { prefetch: true })) {
        // The prefetched page has been answered (page 2 with its 500) before the caller takes this one.
        await until(() => counts.read === index + 2);
        await turn();
        got.push(...page.data.map((i) => i.n));
        index++;
      }
    })().catch((e: unknown) => e);
    expect(got).toEqual(forward(20));
    expect(error).toBeInstanceOf(KapsoApiError);
    expect((error as KapsoApiError).context).toEqual({ pageIndex: 2, cursor: cursorOf(19) });
  });

  test.each([
    ["answered 500", listFixture()],
    [
      "whose connection dropped",
      (request, res, attempt) =>
        request.query.has("after") ? dropBeforeHeaders(res) : listFixture()(request, res, attempt),
    ],
  ] satisfies Array<[string, Handler]>)(
    "a prefetched page %s that the caller never reaches is never reported",
    async (_, handler) => {
      server.handle(handler);
      const { client: counted, counts, until } = countingClient();
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on("unhandledRejection", onUnhandled);
      try {
        const failing = { params: { query: { total: 100, limit: 10, fail_from: 10 } } };
        for await (const _ of paginatePages(counted, "/items", failing, { prefetch: true })) {
          // The prefetched page has failed before the caller leaves.
          await until(() => counts.read + counts.failed === 2);
          await turn();
          break;
        }
        // Node reports a rejection nobody handled at the end of the turn it happened in.
        await turn();
        await turn();
      } finally {
        process.off("unhandledRejection", onUnhandled);
      }
      expect(unhandled).toEqual([]);
      expect(server.requests.length).toBe(2);
    },
  );
});
