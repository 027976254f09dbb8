import { describe, expect, test } from "vitest";
import { cursorStyle, LIST_STYLES, logSearchStyle, pageNumberStyle } from "./styles.js";

const response = new Response(null);
const styleOf = (body: Record<string, unknown>) => LIST_STYLES.find((style) => style.isPage(body))?.label;

describe("each page is recognised by exactly the style it is written in", () => {
  test.each([
    [{ data: [1], paging: { cursors: { after: "a" } } }, "cursor"],
    [{ data: [], paging: {} }, "cursor"],
    [{ data: [1], meta: { page: 1 } }, "page-number"],
    // A list that answers either style: a body with both is read as the cursor page it also is.
    [{ data: [1], paging: {}, meta: { page: 1 } }, "cursor"],
    [{ data: { events: [1], pagination: { next_cursor: null } } }, "log-search"],
    [{ data: { available: false, events: [] } }, "log-search"],
    [{ data: [1] }, undefined],
    [{ data: [1], meta: { page: "1" } }, undefined],
    [{ data: [1], paging: [] }, undefined],
    [{ data: { events: "x" } }, undefined],
    [{ items: [1], paging: {} }, undefined],
  ])("%j is %s", (body, style) => {
    expect(styleOf(body)).toBe(style);
  });
});

describe("cursor style", () => {
  const body = { data: [1, 2], paging: { cursors: { before: "b", after: "a" }, next: "n", previous: "p" } };

  test("reads its items and keeps paging on the page", () => {
    expect(cursorStyle.items(body)).toEqual([1, 2]);
    expect(cursorStyle.page(body, [1], response)).toEqual({ data: [1], paging: body.paging, response });
  });

  test("moves the cursor of its direction and drops the other", () => {
    expect(cursorStyle.next(body, { limit: 2, before: "x" }, "after")).toEqual({
      query: { limit: 2, after: "a" },
      position: "a",
    });
    expect(cursorStyle.next(body, { limit: 2, after: "x" }, "before")).toEqual({
      query: { limit: 2, before: "b" },
      position: "b",
    });
    expect(cursorStyle.positionOf({ after: "x", before: "y" }, "before")).toBe("y");
  });

  test.each([
    { cursors: { after: "a" }, next: null },
    { cursors: { after: "a" }, next: "" },
    { cursors: { after: null }, next: "n" },
    { next: "n" },
    // A page with links follows the link of its direction: `previous` alone is the last page forward.
    { cursors: { after: "a" }, previous: "p" },
    // The Meta proxy's pages: cursors alone, the last one without `after`.
    { cursors: { before: "b" } },
    { cursors: {} },
    {},
  ])("ends at %j", (paging) => {
    expect(cursorStyle.next({ data: [1], paging }, {}, "after")).toBeUndefined();
  });

  test.each([
    [{ cursors: { before: "b", after: "a" } }, "after", "a"],
    [{ cursors: { before: "b", after: "a" } }, "before", "b"],
    [{ cursors: { before: "b", after: "a" }, next: "n" }, "after", "a"],
    [{ cursors: { before: "b" }, previous: "p" }, "before", "b"],
  ] as const)("goes on from %j %s by the cursor", (paging, direction, cursor) => {
    expect(cursorStyle.next({ data: [1], paging }, {}, direction)?.position).toBe(cursor);
  });

  test("walks backward from a proxy page without links while it has cursors.before", () => {
    expect(
      cursorStyle.next({ data: [1], paging: { cursors: { after: "a" } } }, {}, "before"),
    ).toBeUndefined();
  });

  test("treats an empty cursor as none", () => {
    expect(
      cursorStyle.next({ data: [1], paging: { cursors: { after: "" }, next: "n" } }, {}, "after"),
    ).toBeUndefined();
  });
});

describe("page-number style", () => {
  const body = { data: [1], meta: { page: 2, per_page: 1, total_pages: 3, total_count: 3 } };

  test("reads its items, keeps meta on the page, and asks for the next page number", () => {
    expect(pageNumberStyle.items(body)).toEqual([1]);
    expect(pageNumberStyle.page(body, [1], response)).toEqual({ data: [1], meta: body.meta, response });
    expect(pageNumberStyle.next(body, { per_page: 1, page: 2 }, "after")).toEqual({
      query: { per_page: 1, page: 3 },
      position: 3,
    });
    expect(pageNumberStyle.positionOf({ page: 7 }, "after")).toBe(7);
    expect(pageNumberStyle.progress?.(body)).toBe(2);
  });

  test.each([
    { page: 3, total_pages: 3 },
    { page: 1, has_next: false },
  ])("ends at %j", (meta) => {
    expect(pageNumberStyle.next({ data: [1], meta }, {}, "after")).toBeUndefined();
  });

  test("names its position page, not cursor", () => {
    expect(pageNumberStyle.positionName).toBe("page");
    expect(pageNumberStyle.walksBackward).toBe(false);
  });
});

describe("log-search style", () => {
  const body = {
    data: { available: true, events: [1, 2], pagination: { has_more: true, next_cursor: "c" } },
  };

  test("reads data.events and keeps data.pagination on the page", () => {
    expect(logSearchStyle.items(body)).toEqual([1, 2]);
    expect(logSearchStyle.page(body, [1], response)).toEqual({
      data: [1],
      pagination: body.data.pagination,
      response,
    });
  });

  test("sends next_cursor back as `cursor`, keeping every other parameter", () => {
    expect(logSearchStyle.next(body, { query: "x", limit: 2, cursor: "old" }, "after")).toEqual({
      query: { query: "x", limit: 2, cursor: "c" },
      position: "c",
    });
    expect(logSearchStyle.positionOf({ cursor: "c", after: "a" }, "after")).toBe("c");
  });

  test.each([
    { has_more: false, next_cursor: "c" },
    { has_more: true, next_cursor: null },
    { has_more: true },
    undefined,
  ])("ends at pagination %j", (pagination) => {
    expect(logSearchStyle.next({ data: { events: [1], pagination } }, {}, "after")).toBeUndefined();
  });

  test("has no backward walk", () => {
    expect(logSearchStyle.walksBackward).toBe(false);
    expect(logSearchStyle.positionName).toBe("cursor");
  });
});
