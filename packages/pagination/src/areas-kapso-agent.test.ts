import type { AgentMode, AgentSession, AgentSessionRun, paths } from "@kapso/types";
import createClient from "openapi-fetch";
import { describe, expectTypeOf, test } from "vitest";
import {
  type CursorPaging,
  collect,
  type PageMeta,
  type PaginatablePath,
  type PaginatedItem,
  type PaginationStyleOf,
  paginate,
  paginatePages,
} from "./index.js";

// The Kapso Agent's session list answers in cursor or page-number style (like contacts) and works
// with `paginate`, typed with its schema's item. The mode list is not paginated, and a session with
// its runs is one object, so neither compiles. Calls sit in functions that never run: these tests
// are about types only.
const kapso = createClient<paths>({ baseUrl: "http://127.0.0.1:9" });
const mode = { mode: "api" };

describe("agent sessions", () => {
  test("listAgentModeSessions is a list of AgentSession in either style (page numbers without a cursor)", () => {
    expectTypeOf<"/kapso-agent/modes/{mode}/sessions">().toExtend<PaginatablePath<paths>>();
    expectTypeOf<PaginatedItem<paths, "/kapso-agent/modes/{mode}/sessions">>().toEqualTypeOf<AgentSession>();
    expectTypeOf<PaginationStyleOf<paths, "/kapso-agent/modes/{mode}/sessions">>().toEqualTypeOf<
      "cursor" | "page"
    >();
    () => {
      const items = paginate(kapso, "/kapso-agent/modes/{mode}/sessions", {
        params: { path: mode, query: { limit: 100 } },
      });
      expectTypeOf(items).toEqualTypeOf<AsyncGenerator<AgentSession, void, undefined>>();

      const pages = paginatePages(
        kapso,
        "/kapso-agent/modes/{mode}/sessions",
        { params: { path: mode } },
        { direction: "before" },
      );
      expectTypeOf(pages).toEqualTypeOf<
        AsyncGenerator<
          | { data: AgentSession[]; paging: CursorPaging; response: Response }
          | { data: AgentSession[]; meta: PageMeta; response: Response },
          void,
          undefined
        >
      >();

      const all = collect(
        kapso,
        "/kapso-agent/modes/{mode}/sessions",
        { params: { path: mode } },
        { maxItems: 500 },
      );
      expectTypeOf(all).resolves.toEqualTypeOf<AgentSession[]>();

      // @ts-expect-error the mode is a path parameter the list cannot do without
      paginate(kapso, "/kapso-agent/modes/{mode}/sessions", {});
      paginate(kapso, "/kapso-agent/modes/{mode}/sessions", {
        // @ts-expect-error limit is a number
        params: { path: mode, query: { limit: "100" } },
      });
    };
  });

  test("a session's runs are not a list the paginator walks", () => {
    expectTypeOf<"/kapso-agent/sessions/{session_id}">().not.toExtend<PaginatablePath<paths>>();
    () => {
      // @ts-expect-error `data` is the session with its runs, not an array
      paginate(kapso, "/kapso-agent/sessions/{session_id}", {
        params: { path: { session_id: "5e2d8f1a-3c4b-4d5e-9f60-7a8b9c0d1e03" } },
      });
    };
    // The runs of the history are typed, and carry no result.
    expectTypeOf<AgentSessionRun["result"]>().toEqualTypeOf<null | undefined>();
  });
});

describe("agent modes and runs", () => {
  test("the mode list is not paginated", () => {
    expectTypeOf<"/kapso-agent/modes">().not.toExtend<PaginatablePath<paths>>();
    () => {
      // @ts-expect-error every mode comes in one answer, without paging or meta
      paginate(kapso, "/kapso-agent/modes", {});
      // @ts-expect-error the same for collect
      collect(kapso, "/kapso-agent/modes", {}, { all: true });
    };
    expectTypeOf<NonNullable<AgentMode["available_invocations"]>[number]>().toEqualTypeOf<
      "ui" | "api" | "slack"
    >();
  });

  test("runs are single resources, not lists", () => {
    expectTypeOf<"/kapso-agent/runs/{run_id}">().not.toExtend<PaginatablePath<paths>>();
    () => {
      // @ts-expect-error a run is one object
      paginatePages(kapso, "/kapso-agent/runs/{run_id}", {
        params: { path: { run_id: "7b3f1c2e-9d4a-4e6b-8f10-2a3b4c5d6e05" } },
      });
    };
  });
});
