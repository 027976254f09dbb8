import { createKapsoClient } from "@kapso/client";
import type { FixturePaths, Item } from "@kapso/test-support";
import type {
  Contact,
  Customer,
  paths,
  WorkflowExecutionEvent,
  WorkflowExecutionSummary,
} from "@kapso/types";
import createClient from "openapi-fetch";
import { describe, expectTypeOf, test } from "vitest";
import {
  type CollectNeedsCap,
  type CursorPaging,
  collect,
  type LogSearchPagination,
  type NotAPaginatedList,
  type PageMeta,
  type PaginatablePath,
  type PaginatedItem,
  type PaginatedPage,
  type PaginateInit,
  type PaginationStyleOf,
  paginate,
  paginatePages,
} from "./index.js";

const kapso = createClient<paths>({ baseUrl: "http://127.0.0.1:9" });
const fixtures = createClient<FixturePaths>({ baseUrl: "http://127.0.0.1:9" });
const workflow_id = "0b6f0f7e-1d1c-4a31-9c43-6c2f1a0b5f11";
const seed = "/workflows/{workflow_id}/executions" as const;

// Calls are made inside functions that never run: these tests are about types only.
describe("paginatable paths come from the types", () => {
  test("the spec's lists are accepted in their own style, and nothing else", () => {
    expectTypeOf<typeof seed>().toExtend<PaginatablePath<paths>>();
    expectTypeOf<"/workflow_executions/{execution_id}/events">().toExtend<PaginatablePath<paths>>();
    expectTypeOf<PaginationStyleOf<paths, typeof seed>>().toEqualTypeOf<"cursor">();
    // Page-number lists of the spec, picked up with no list kept by hand.
    expectTypeOf<"/customers">().toExtend<PaginatablePath<paths>>();
    expectTypeOf<PaginationStyleOf<paths, "/customers">>().toEqualTypeOf<"page">();
    expectTypeOf<PaginatedItem<paths, "/customers">>().toEqualTypeOf<Customer>();
    // `GET /workflows` answers `data` with neither `paging` nor `meta`; the others are single resources.
    expectTypeOf<Extract<PaginatablePath<paths>, "/workflows" | "/workflows/{workflow_id}">>().toBeNever();
    expectTypeOf<PaginatablePath<FixturePaths>>().toEqualTypeOf<
      "/items" | "/pages" | "/loop" | "/stuck" | "/bare" | "/log_search" | "/log_loop"
    >();
    expectTypeOf<PaginationStyleOf<FixturePaths, "/log_search">>().toEqualTypeOf<"log-search">();
    expectTypeOf<PaginatedItem<FixturePaths, "/log_search">>().toEqualTypeOf<Item>();
  });

  test("a path whose body is not a list does not compile", () => {
    () => {
      // @ts-expect-error `data` is an object, not an array
      paginate(fixtures, "/things/{id}", { params: { path: { id: "1" } } });
      // @ts-expect-error no `data` array
      paginatePages(fixtures, "/plain", {});
      // @ts-expect-error not a path at all
      collect(kapso, "/workflows", {}, { all: true });
    };
  });

  test("init is the client's GET init: path params are required when the path has them", () => {
    () => {
      // @ts-expect-error workflow_id is missing
      paginate(kapso, seed, { params: { query: { limit: 10 } } });
      // @ts-expect-error no init at all, and the path has a parameter
      paginate(kapso, seed);
      // Where `kapso.GET(path)` needs no init, neither does paginate.
      paginate(kapso, "/customers");
      paginatePages(fixtures, "/items");
      // @ts-expect-error limit is a number
      paginate(kapso, seed, { params: { path: { workflow_id }, query: { limit: "10" } } });
      paginate(kapso, seed, {
        params: { path: { workflow_id }, query: { status: "failed", after: "MTA=" } },
      });
      paginate(fixtures, "/items", undefined);
    };
    expectTypeOf<PaginateInit<paths, typeof seed>["params"]["path"]>().toEqualTypeOf<{
      workflow_id: string;
    }>();
  });
});

describe("the item type is inferred", () => {
  test("the seed endpoint yields WorkflowExecutionSummary", () => {
    expectTypeOf<PaginatedItem<paths, typeof seed>>().toEqualTypeOf<WorkflowExecutionSummary>();
    expectTypeOf<
      PaginatedItem<paths, "/workflow_executions/{execution_id}/events">
    >().toEqualTypeOf<WorkflowExecutionEvent>();
    () => {
      const init = { params: { path: { workflow_id } } };
      expectTypeOf(paginate(kapso, seed, init)).toEqualTypeOf<
        AsyncGenerator<WorkflowExecutionSummary, void, undefined>
      >();
      expectTypeOf(collect(kapso, seed, init, { maxItems: 10 })).toEqualTypeOf<
        Promise<WorkflowExecutionSummary[]>
      >();
    };
  });

  test("createKapsoClient is accepted as the client", () => {
    () => {
      const client = createKapsoClient();
      const init = { params: { path: { workflow_id }, query: { limit: 100 } } };
      expectTypeOf(paginate(client, seed, init)).toEqualTypeOf<
        AsyncGenerator<WorkflowExecutionSummary, void, undefined>
      >();
      // @ts-expect-error not a list
      paginate(client, "/workflow_executions/{execution_id}", { params: { path: { execution_id: "e" } } });
    };
  });

  test("cursor pages carry paging, page-number pages carry meta", () => {
    expectTypeOf<PaginatedPage<paths, typeof seed>>().toEqualTypeOf<{
      data: WorkflowExecutionSummary[];
      paging: CursorPaging;
      response: Response;
    }>();
    expectTypeOf<PaginatedPage<FixturePaths, "/pages">>().toEqualTypeOf<{
      data: Item[];
      meta: PageMeta;
      response: Response;
    }>();
  });

  test("a list documented in both styles yields pages of either, and may walk backward", () => {
    // The spec's lists with both `paging` and `meta` are checked in generated/lists.test.ts; here,
    // what that means for a caller.
    () => {
      const pages = paginatePages(kapso, "/whatsapp/contacts", { params: { query: { page: 2 } } });
      expectTypeOf(pages).toEqualTypeOf<
        AsyncGenerator<
          | { data: Contact[]; paging: CursorPaging; response: Response }
          | { data: Contact[]; meta: PageMeta; response: Response },
          void,
          undefined
        >
      >();
      paginate(kapso, "/whatsapp/contacts", {}, { direction: "before" });
    };
  });

  test("a page-number path works with page and per_page", () => {
    () => {
      const pages = paginatePages(fixtures, "/pages", { params: { query: { page: 2, per_page: 50 } } });
      expectTypeOf(pages).toEqualTypeOf<
        AsyncGenerator<{ data: Item[]; meta: PageMeta; response: Response }, void, undefined>
      >();
      // @ts-expect-error page is a number
      paginate(fixtures, "/pages", { params: { query: { page: "2" } } });
    };
  });
});

describe("options", () => {
  test("collect needs maxItems or all: true", () => {
    () => {
      // @ts-expect-error no cap
      collect(kapso, seed, { params: { path: { workflow_id } } }, { maxPages: 3 });
      // @ts-expect-error all must be true
      collect(kapso, seed, { params: { path: { workflow_id } } }, { all: false });
      collect(kapso, seed, { params: { path: { workflow_id } } }, { all: true, prefetch: true });
      collect(kapso, seed, { params: { path: { workflow_id } } }, { maxItems: 10, direction: "before" });
    };
  });

  test("direction is after or before", () => {
    () => {
      // @ts-expect-error unknown direction
      paginate(fixtures, "/items", {}, { direction: "up" });
    };
  });
});

/** A log-search list as the spec describes `GET /log_search`, and a catalog beside it that is no list. */
type LogPaths = {
  "/log_search": {
    get: {
      parameters: { query?: { cursor?: string; limit?: number } };
      responses: {
        200: {
          content: {
            "application/json": {
              data: {
                available: boolean;
                events: { id: string; message: string }[];
                pagination?: { has_more?: boolean; next_cursor?: string | null };
              };
            };
          };
        };
      };
    };
  };
  "/log_search/catalog": {
    get: { responses: { 200: { content: { "application/json": { data: { sources: string[] } } } } } };
  };
};

describe("the log-search style", () => {
  test("a body with data.events and data.pagination is a log-search list of its events", () => {
    expectTypeOf<PaginatablePath<LogPaths>>().toEqualTypeOf<"/log_search">();
    expectTypeOf<PaginatedItem<LogPaths, "/log_search">>().toEqualTypeOf<{ id: string; message: string }>();
    expectTypeOf<PaginatedPage<LogPaths, "/log_search">>().toEqualTypeOf<{
      data: { id: string; message: string }[];
      pagination: LogSearchPagination;
      response: Response;
    }>();
  });

  test("its pages carry pagination and it cannot be walked backward", () => {
    () => {
      const pages = paginatePages(fixtures, "/log_search", { params: { query: { limit: 5 } } });
      expectTypeOf(pages).toEqualTypeOf<
        AsyncGenerator<{ data: Item[]; pagination: LogSearchPagination; response: Response }, void, undefined>
      >();
      // @ts-expect-error direction applies to cursor lists only
      paginate(fixtures, "/log_search", {}, { direction: "before" });
      // @ts-expect-error the cursor is a string
      paginate(fixtures, "/log_search", { params: { query: { cursor: 1 } } });
    };
  });
});

describe("type errors say what is wrong", () => {
  test("an unpaginated path is checked against a message naming it", () => {
    expectTypeOf<
      NotAPaginatedList<"/workflows/{workflow_id}">
    >().toEqualTypeOf<"/workflows/{workflow_id} is not a paginated list">();
    () => {
      // @ts-expect-error "/workflows/{workflow_id} is not a paginated list"
      paginate(kapso, "/workflows/{workflow_id}", { params: { path: { workflow_id } } });
      // The flows' function logs and invocations take only `limit`: no cursor, no page, not lists.
      // @ts-expect-error "... is not a paginated list"
      paginate(kapso, "/whatsapp/flows/{flow_id}/function_logs", { params: { path: { flow_id: "f" } } });
      const flow = { params: { path: { flow_id: "f" } } };
      const invocations = "/whatsapp/flows/{flow_id}/function_invocations";
      // @ts-expect-error "... is not a paginated list"
      collect(kapso, invocations, flow, { all: true });
    };
  });

  test("collect without a cap is checked against a message naming maxItems and all", () => {
    expectTypeOf<CollectNeedsCap>().toExtend<`${string}maxItems${string}all: true${string}`>();
    () => {
      // @ts-expect-error collect() needs { maxItems: n }, or { all: true }
      collect(kapso, "/customers");
      // @ts-expect-error collect() needs { maxItems: n }, or { all: true }
      collect(kapso, "/customers", {}, { prefetch: true });
      collect(kapso, "/customers", undefined, { maxItems: 5 });
    };
  });

  test("the walk's signal goes in options, not in init", () => {
    () => {
      // @ts-expect-error pass the AbortSignal as options.signal
      paginate(kapso, "/customers", { signal: AbortSignal.timeout(10) });
      paginate(kapso, "/customers", {}, { signal: AbortSignal.timeout(10) });
    };
  });

  test("paginate and paginatePages return the same kind of iterator", () => {
    () => {
      expectTypeOf(paginate(fixtures, "/items")).toEqualTypeOf<AsyncGenerator<Item, void, undefined>>();
      expectTypeOf(paginatePages(fixtures, "/items")).toExtend<AsyncGenerator<unknown, void, undefined>>();
    };
  });
});

describe("clients of other paths", () => {
  test("a client of a newer spec, whose paths include Kapso's, pages its own lists too", () => {
    type NewerPaths = paths & LogPaths;
    const newer = createClient<NewerPaths>({ baseUrl: "http://127.0.0.1:9" });
    () => {
      expectTypeOf(paginate(newer, "/log_search")).toEqualTypeOf<
        AsyncGenerator<{ id: string; message: string }, void, undefined>
      >();
      expectTypeOf(paginate(newer, "/customers")).toEqualTypeOf<AsyncGenerator<Customer, void, undefined>>();
      // @ts-expect-error "/log_search/catalog is not a paginated list"
      paginate(newer, "/log_search/catalog");
    };
  });
});
