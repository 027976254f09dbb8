import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cursorOf,
  dropBeforeHeaders,
  dropMidBody,
  flood,
  json,
  type LoopbackServer,
  listFixture,
  rawResponse,
  stallAfterHeaders,
  startLoopbackServer,
  truncated,
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

  it("until() resolves on the requests received and the responses closed", async () => {
    server.handle(() => {});
    const controllers = [new AbortController(), new AbortController()];
    const calls = controllers.map((controller) =>
      fetch(`${server.origin}/held`, { signal: controller.signal }).catch((error: unknown) => error),
    );
    await server.until(() => server.requests.length === 2);
    expect(server.requests).toHaveLength(2);
    expect(server.aborted).toBe(0);
    for (const controller of controllers) controller.abort();
    await Promise.all(calls);
    await server.until(() => server.aborted === 2);
    expect(server.aborted).toBe(2);
    // A condition that already holds resolves at once.
    await server.until(() => true);
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

  it("drops the connection mid-body: the reader fails after the first bytes", async () => {
    server.handle((_request, res) => dropMidBody(res, '{"data": ['));
    const response = await fetch(server.origin);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it("stalls after the headers until the reader gives up", async () => {
    server.handle((_request, res) => stallAfterHeaders(res, "{"));
    const controller = new AbortController();
    const response = await fetch(server.origin, { signal: controller.signal });
    let settled = false;
    const body = response.text().finally(() => {
      settled = true;
    });
    // A full turn of the event loop: the first byte has long been read, the rest never comes.
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    controller.abort();
    await expect(body).rejects.toThrow();
    await server.until(() => server.aborted === 1);
    expect(server.aborted).toBe(1);
  });

  it("truncates a body, floods one and writes raw heads", async () => {
    server.handle((_request, res) => truncated(res, '{"data": []}', 5, { status: 503 }));
    const cut = await fetch(server.origin);
    expect([cut.status, await cut.text()]).toEqual([503, '{"dat']);

    server.handle((_request, res) => flood(res, { totalBytes: 200_000, prefix: "<" }));
    const big = await (await fetch(server.origin)).text();
    expect([big.length, big[0], big[1]]).toEqual([200_000, "<", "x"]);

    server.handle((_request, res) =>
      rawResponse(res, "HTTP/1.1 200 OK\r\nretry-after: 2\r\nretry-after: 2\r\ncontent-length: 2\r\n\r\nok"),
    );
    const raw = await fetch(server.origin);
    expect([raw.headers.get("retry-after"), await raw.text()]).toEqual(["2, 2", "ok"]);
  });
});
