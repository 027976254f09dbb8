import type {
  FindingSummary,
  LogSearchEvent,
  LogSearchPagination,
  LogSearchResponse,
  ProjectEvent,
  ProjectEventDefinition,
  paths,
} from "@kapso/types";
import createClient from "openapi-fetch";
import { describe, expectTypeOf, test } from "vitest";
import {
  type CursorPaging,
  collect,
  type PaginatablePath,
  type PaginatedItem,
  type PaginationStyleOf,
  paginate,
  paginatePages,
} from "./index.js";

// The project events and findings lists work with `paginate` as they are, with the item type of
// their schema; event definitions and the notification lists have no pagination and must not
// compile. Log search pages in a style of its own (a `cursor` parameter, `data.pagination` out,
// items in `data.events`), derived from its response type like the other two. Calls sit in functions that never run: these tests are
// about types only.
const kapso = createClient<paths>({ baseUrl: "http://127.0.0.1:9" });
const finding_id = "8f14e45f-ceea-467a-9e1a-1b2c3d4e5f60";

describe("project events", () => {
  test("listProjectEvents is a list of ProjectEvent in either style", () => {
    expectTypeOf<"/events">().toExtend<PaginatablePath<paths>>();
    expectTypeOf<PaginatedItem<paths, "/events">>().toEqualTypeOf<ProjectEvent>();
    // Older answers carry `meta` instead of `paging`, so a page may be either kind.
    expectTypeOf<PaginationStyleOf<paths, "/events">>().toEqualTypeOf<"cursor" | "page">();
    () => {
      const items = paginate(
        kapso,
        "/events",
        { params: { query: { name: "conversation.csat_scored", occurred_after: "2026-11-01T00:00:00Z" } } },
        { maxItems: 500, direction: "before" },
      );
      expectTypeOf(items).toEqualTypeOf<AsyncGenerator<ProjectEvent, void, undefined>>();
      // @ts-expect-error the events list has no `page` parameter
      paginate(kapso, "/events", { params: { query: { page: 2 } } });
    };
  });

  test("event definitions are not paginatable", () => {
    expectTypeOf<"/event-definitions">().not.toExtend<PaginatablePath<paths>>();
    expectTypeOf<"/event-definitions/{id}">().not.toExtend<PaginatablePath<paths>>();
    () => {
      // @ts-expect-error the definitions list has no pagination
      paginate(kapso, "/event-definitions", { params: { query: { include_archived: true } } });
    };
    // The list's items stay typed on their own.
    type DefinitionsBody =
      paths["/event-definitions"]["get"]["responses"][200]["content"]["application/json"];
    expectTypeOf<DefinitionsBody["data"]>().toEqualTypeOf<ProjectEventDefinition[]>();
  });
});

describe("findings", () => {
  test("listFindings is a cursor list of FindingSummary", () => {
    expectTypeOf<"/findings">().toExtend<PaginatablePath<paths>>();
    expectTypeOf<PaginatedItem<paths, "/findings">>().toEqualTypeOf<FindingSummary>();
    expectTypeOf<PaginationStyleOf<paths, "/findings">>().toEqualTypeOf<"cursor">();
    () => {
      const all = collect(kapso, "/findings", { params: { query: { limit: 25 } } }, { maxItems: 100 });
      expectTypeOf(all).resolves.toEqualTypeOf<FindingSummary[]>();
      const pages = paginatePages(kapso, "/findings", {});
      expectTypeOf(pages).toEqualTypeOf<
        AsyncGenerator<{ data: FindingSummary[]; paging: CursorPaging; response: Response }, void, undefined>
      >();
    };
  });

  test("a finding and its evidence are not lists", () => {
    expectTypeOf<"/findings/{finding_id}">().not.toExtend<PaginatablePath<paths>>();
    expectTypeOf<"/findings/{finding_id}/evidence">().not.toExtend<PaginatablePath<paths>>();
    () => {
      // @ts-expect-error `data` is one finding
      paginate(kapso, "/findings/{finding_id}", { params: { path: { finding_id } } });
    };
  });
});

describe("notifications", () => {
  test("event types, destinations and routes are not paginatable", () => {
    expectTypeOf<"/notifications/events">().not.toExtend<PaginatablePath<paths>>();
    expectTypeOf<"/notifications/destinations">().not.toExtend<PaginatablePath<paths>>();
    expectTypeOf<"/notifications/routes">().not.toExtend<PaginatablePath<paths>>();
    () => {
      // @ts-expect-error the event types have no pagination
      paginate(kapso, "/notifications/events", {});
      // @ts-expect-error the destinations have no pagination
      collect(kapso, "/notifications/destinations", {}, { all: true });
      // @ts-expect-error the routes have no pagination
      paginatePages(kapso, "/notifications/routes", {});
    };
  });
});

describe("log search", () => {
  type SearchBody = paths["/log_search"]["get"]["responses"][200]["content"]["application/json"];

  test("GET /log_search answers LogSearchResponse: events in data.events, the cursor in data.pagination", () => {
    expectTypeOf<SearchBody>().toEqualTypeOf<LogSearchResponse>();
    expectTypeOf<SearchBody["data"]["events"]>().toEqualTypeOf<LogSearchEvent[]>();
    // `pagination` is optional, as Kapso publishes it (an unavailable search has none); its
    // `next_cursor` is a string or null.
    expectTypeOf<SearchBody["data"]["pagination"]>().toEqualTypeOf<LogSearchPagination | undefined>();
    expectTypeOf<Required<LogSearchPagination>["next_cursor"]>().toEqualTypeOf<string | null>();
    expectTypeOf<LogSearchEvent["id"]>().toEqualTypeOf<string>();
    expectTypeOf<LogSearchEvent["source"]>().toEqualTypeOf<
      "external_api_log" | "whatsapp_webhook_event" | "flow_event" | "webhook_delivery"
    >();
  });

  test("paginate walks it as a log-search list of LogSearchEvent", () => {
    expectTypeOf<"/log_search">().toExtend<PaginatablePath<paths>>();
    expectTypeOf<PaginatedItem<paths, "/log_search">>().toEqualTypeOf<LogSearchEvent>();
    expectTypeOf<PaginationStyleOf<paths, "/log_search">>().toEqualTypeOf<"log-search">();
    () => {
      const events = paginate(kapso, "/log_search", { params: { query: { source: "webhook_delivery" } } });
      expectTypeOf(events).toEqualTypeOf<AsyncGenerator<LogSearchEvent, void, undefined>>();
      const pages = paginatePages(kapso, "/log_search", { params: { query: { limit: 100 } } });
      expectTypeOf(pages).toEqualTypeOf<
        AsyncGenerator<
          { data: LogSearchEvent[]; pagination: LogSearchPagination; response: Response },
          void,
          undefined
        >
      >();
      // The log search walks forward only: it has no `before` cursor.
      // @ts-expect-error direction applies to cursor lists only
      paginate(kapso, "/log_search", {}, { direction: "before" });
    };
  });

  test("the next page is asked for with the cursor query parameter", () => {
    type SearchQuery = NonNullable<paths["/log_search"]["get"]["parameters"]["query"]>;
    expectTypeOf<SearchQuery["cursor"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<SearchQuery>().not.toHaveProperty("after");
  });
});
