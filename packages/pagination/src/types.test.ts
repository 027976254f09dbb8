import { createKapsoClient } from "@kapso/client";
import type { Customer, paths, WorkflowExecutionEvent, WorkflowExecutionSummary } from "@kapso/types";
import createClient from "openapi-fetch";
import { describe, expectTypeOf, test } from "vitest";
import {
  type CursorPaging,
  collect,
  type PageMeta,
  type PaginatablePath,
  type PaginatedItem,
  type PaginatedPage,
  type PaginateInit,
  type PaginationStyleOf,
  paginate,
  paginatePages,
} from "./index.js";
import type { FixturePaths, Item } from "./test-server.js";

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
      "/items" | "/pages" | "/loop" | "/stuck" | "/bare"
    >();
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
      // @ts-expect-error no init at all
      paginate(kapso, seed);
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
        AsyncIterableIterator<WorkflowExecutionSummary>
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
        AsyncIterableIterator<WorkflowExecutionSummary>
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
