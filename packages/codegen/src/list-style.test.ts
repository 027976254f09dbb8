import { describe, expect, it } from "vitest";
import { listStyle } from "./list-style.js";

const doc = { openapi: "3.1.0", paths: {} };
const answering = (schema: unknown) => ({
  responses: { "200": { content: { "application/json": { schema } } } },
});
const list = (extra: Record<string, unknown>) => ({
  type: "object",
  properties: { data: { type: "array", items: { type: "string" } }, ...extra },
});

describe("listStyle", () => {
  it("reads cursor, page-number and log-search lists, and lists without pages", () => {
    expect(listStyle(doc, answering(list({ paging: { type: "object" } })))).toBe("cursor");
    expect(listStyle(doc, answering(list({ meta: { type: "object" } })))).toBe("page");
    expect(listStyle(doc, answering(list({})))).toBe("unpaginated");
    const search = {
      type: "object",
      properties: {
        data: {
          type: "object",
          properties: { events: { type: "array" }, pagination: { type: "object" } },
        },
      },
    };
    expect(listStyle(doc, answering(search))).toBe("log-search");
  });

  it("says a single resource is no list", () => {
    const single = { type: "object", properties: { data: { type: "object", properties: { id: {} } } } };
    expect(listStyle(doc, answering(single))).toBeUndefined();
  });
});
