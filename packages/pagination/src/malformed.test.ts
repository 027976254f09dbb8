import { createKapsoClient, KapsoConfigError, KapsoResponseError } from "@kapso/client";
import { json, type LoopbackServer, sendBytes, startLoopbackServer } from "@kapso/test-support";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { KapsoPaginationError } from "./index.js";
import { collect, paginate } from "./test-setup.js";

let server: LoopbackServer;
let other: LoopbackServer;
beforeAll(async () => {
  [server, other] = await Promise.all([startLoopbackServer(), startLoopbackServer()]);
});
afterAll(() => Promise.all([server.close(), other.close()]));

const kapso = () =>
  createKapsoClient({
    apiKey: "kapso_test_key_1234",
    baseUrl: `${server.origin}/platform/v1`,
    maxRetries: 0,
  });
const walk = (path = "/workflows") => collect(kapso(), path, {}, { maxItems: 100 });

describe("page metadata of the wrong type is a malformed page", () => {
  test.each([
    [
      { data: [1], meta: { page: 1, total_pages: 3, has_next: "false" } },
      '`meta.has_next` is "false", not a boolean',
    ],
    [{ data: [1], meta: { page: 1.5, total_pages: 3 } }, "`meta.page` is 1.5, not a positive integer"],
    [{ data: [1], meta: { page: 0, total_pages: 3 } }, "`meta.page` is 0, not a positive integer"],
    [{ data: [1], meta: { page: 1, total_pages: "3" } }, '`meta.total_pages` is "3", not an integer'],
    [
      { data: [1], paging: { cursors: { after: 42 }, next: "n" } },
      "`paging.cursors.after` is 42, not a string",
    ],
    [
      { data: [1], paging: { cursors: { after: { id: 1 } }, next: "n" } },
      "`paging.cursors.after` is an object, not a string",
    ],
    [{ data: [1], paging: { cursors: "abc", next: "n" } }, '`paging.cursors` is "abc", not an object'],
    [{ data: [1], paging: { cursors: { after: "a" }, next: true } }, "`paging.next` is true, not a string"],
    [
      { data: { events: [1], pagination: { has_more: "yes", next_cursor: "c" } } },
      '`data.pagination.has_more` is "yes", not a boolean',
    ],
    [
      { data: { events: [1], pagination: { has_more: true, next_cursor: 7 } } },
      "`data.pagination.next_cursor` is 7, not a string",
    ],
    [{ data: { events: [1], pagination: "more" } }, '`data.pagination` is "more", not an object'],
  ])("%j: %s", async (body, problem) => {
    server.handle((_req, res) => json(res, 200, body));
    const error = await walk().catch((e) => e);
    expect(error).toBeInstanceOf(KapsoPaginationError);
    expect(error.message).toContain(problem);
    expect(server.requests).toHaveLength(1);
  });
});

describe("a body that is not JSON", () => {
  test.each([
    ["cut JSON", '{"data": [1, 2'],
    ["NaN", "NaN"],
    ["HTML", "<html>maintenance</html>"],
  ])("is a KapsoResponseError from paginate too: %s", async (_what, body) => {
    server.handle((_req, res) => sendBytes(res, body));
    const error = await walk().catch((e) => e);
    expect(error).toBeInstanceOf(KapsoResponseError);
    expect(error.status).toBe(200);
  });
});

describe("the walk keeps to the client's origin", () => {
  test.each([
    [
      "collect",
      () =>
        collect(
          kapso(),
          "/workflows",
          { baseUrl: `${other.origin}/v1` },
          {
            all: true,
          },
        ),
    ],
    [
      "paginate",
      async () => {
        for await (const _ of paginate(kapso(), "/workflows", { baseUrl: `${other.origin}/v1` })) {
          // nothing: the first request is refused
        }
      },
    ],
  ])("%s with another origin's baseUrl is refused before anything is sent", async (_name, run) => {
    other.handle((_req, res) => json(res, 200, { data: [], paging: {} }));
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KapsoConfigError);
    expect(other.requests).toHaveLength(0);
  });
});
