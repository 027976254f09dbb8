import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cursorOf,
  dropBeforeHeaders,
  json,
  type LoopbackServer,
  listFixture,
  startLoopbackServer,
} from "./index.js";

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());

describe("the loopback server", () => {
  it("records method, target, path, query, headers and body, and counts attempts", async () => {
    const attempts: number[] = [];
    server.handle((_request, res, attempt) => {
      attempts.push(attempt);
      json(res, 201, { ok: true }, { "x-extra": "1" });
    });
    const response = await fetch(`${server.origin}/a/b?x=1`, {
      method: "POST",
      headers: { "x-test": "yes" },
      body: "hello",
    });
    await fetch(`${server.origin}/c`);
    expect(response.status).toBe(201);
    expect(response.headers.get("x-extra")).toBe("1");
    expect(await response.json()).toEqual({ ok: true });
    expect(attempts).toEqual([1, 2]);
    const [first] = server.requests;
    expect(first).toMatchObject({ method: "POST", url: "/a/b?x=1", path: "/a/b", body: "hello" });
    expect(first?.query.get("x")).toBe("1");
    expect(first?.headers["x-test"]).toBe("yes");
    server.reset();
    expect(server.requests).toHaveLength(0);
  });

  it("answers 404 without a handler", async () => {
    const bare = await startLoopbackServer();
    expect((await fetch(`${bare.origin}/`)).status).toBe(404);
    await bare.close();
  });
});

describe("the list fixture", () => {
  it("serves the cursor style", async () => {
    server.handle(listFixture());
    const page = await (await fetch(`${server.origin}/items?total=5&limit=2&after=${cursorOf(1)}`)).json();
    expect(page).toEqual({
      data: [
        { n: 2, id: "2" },
        { n: 3, id: "3" },
      ],
      paging: {
        cursors: { before: cursorOf(2), after: cursorOf(3) },
        next: cursorOf(3),
        previous: cursorOf(2),
      },
    });
  });

  it("serves the page-number style and fails from fail_from", async () => {
    server.handle(listFixture());
    const page = await (await fetch(`${server.origin}/pages?total=5&per_page=2&page=3`)).json();
    expect(page).toEqual({
      data: [{ n: 4, id: "4" }],
      meta: { page: 3, per_page: 2, total_pages: 3, total_count: 5 },
    });
    const failed = await fetch(`${server.origin}/pages?per_page=2&page=2&fail_from=2`);
    expect(failed.status).toBe(500);
    expect(failed.headers.get("x-request-id")).toBe("req-2");
  });
});

describe("faults", () => {
  it("drops the connection before any response: the fetch itself fails", async () => {
    server.handle((_request, res) => dropBeforeHeaders(res));
    await expect(fetch(server.origin)).rejects.toThrow();
  });
});
