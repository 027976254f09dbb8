import { json, type LoopbackServer, startLoopbackServer } from "@kapso/test-support";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { KapsoConfigError } from "./errors.js";
import { loopbackClient, rejection } from "./test-setup.js";

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());
beforeEach(() => server.handle((_req, res) => json(res, 200, { data: [] })));

describe("path parameters that would change the route", () => {
  const routes = [
    ["DELETE", "/functions/{function_id}", "function_id"],
    ["DELETE", "/whatsapp/phone_numbers/{phone_number_id}/webhooks/{webhook_id}", "phone_number_id"],
    ["GET", "/workflows/{workflow_id}/executions", "workflow_id"],
  ] as const;
  const values = [".", "..", "", null, undefined];
  const cases = routes.flatMap(([method, path, name]) =>
    values.map((value) => [method, path, name, value] as const),
  );

  it.each(cases)(
    "%s %s with %s = %j is refused before anything is sent",
    async (method, path, name, value) => {
      const params = {
        function_id: "fn_1",
        phone_number_id: "pn_1",
        webhook_id: "wh_1",
        workflow_id: "wf_1",
        [name]: value,
      };
      const error = await rejection(loopbackClient(server)[method](path, { params: { path: params } }));
      expect(error).toBeInstanceOf(KapsoConfigError);
      expect(error.message).toContain(`path parameter ${name} is`);
      expect(server.requests).toHaveLength(0);
    },
  );

  it("percent-encodes everything else", async () => {
    const kapso = loopbackClient(server);
    for (const id of ["a/b", "..%2f", "%2e%2e", "...", "a b", "é", " .. "]) {
      await kapso.DELETE("/functions/{function_id}", { params: { path: { function_id: id } } });
    }
    expect(server.requests.map((r) => r.url)).toEqual([
      "/platform/v1/functions/a%2Fb",
      "/platform/v1/functions/..%252f",
      "/platform/v1/functions/%252e%252e",
      "/platform/v1/functions/...",
      "/platform/v1/functions/a%20b",
      "/platform/v1/functions/%C3%A9",
      "/platform/v1/functions/%20..%20",
    ]);
  });
});

describe("query values", () => {
  it("sends a Date as its ISO time and a bigint as its digits", async () => {
    const since = new Date("2026-01-02T03:04:05.000Z");
    await loopbackClient(server).GET("/workflows", {
      params: { query: { since, big: 12345678901234567890n } },
    });
    expect(server.requests[0]?.query.get("since")).toBe("2026-01-02T03:04:05.000Z");
    expect(server.requests[0]?.query.get("big")).toBe("12345678901234567890");
  });

  it("sends one level of object as deepObject and arrays as repeated keys", async () => {
    await loopbackClient(server).GET("/workflows", {
      params: { query: { filter: { at: new Date(0), n: 1 }, ids: ["a", "b"] } },
    });
    expect(server.requests[0]?.url).toBe(
      "/platform/v1/workflows?filter[at]=1970-01-01T00%3A00%3A00.000Z&filter[n]=1&ids=a&ids=b",
    );
  });

  it.each([
    ["a symbol", { tag: Symbol("x") }, "tag"],
    ["a function", { tag: () => 1 }, "tag"],
    ["an object in an object", { filter: { deep: { er: 1 } } }, "filter[deep]"],
    ["an object in an array", { ids: [{ id: 1 }] }, "ids[0]"],
    ["an invalid Date", { since: new Date(Number.NaN) }, "since"],
    ["NaN", { page: Number.NaN }, "page"],
  ])("refuses %s naming the parameter", async (_what, query, name) => {
    const error = await rejection(loopbackClient(server).GET("/workflows", { params: { query } }));
    expect(error).toBeInstanceOf(KapsoConfigError);
    expect(error.message).toContain(`query parameter ${name} cannot be sent`);
    expect(server.requests).toHaveLength(0);
  });
});

describe("request bodies", () => {
  it.each([
    ["a Blob", new Blob(["x"])],
    ["an ArrayBuffer", new ArrayBuffer(4)],
    ["a ReadableStream", new ReadableStream()],
    ["URLSearchParams", new URLSearchParams("a=1")],
    ["a Uint8Array", new Uint8Array([1, 2])],
  ])("refuses %s instead of sending something else", async (name, body) => {
    const error = await rejection(loopbackClient(server).POST("/workflows", { body }));
    expect(error).toBeInstanceOf(KapsoConfigError);
    expect(error.message).toBe(`body is ${name}; Kapso's endpoints take JSON: pass a plain object`);
    expect(server.requests).toHaveLength(0);
  });

  it("refuses a body JSON cannot hold with a KapsoConfigError", async () => {
    const error = await rejection(loopbackClient(server).POST("/workflows", { body: { n: 1n } }));
    expect(error).toBeInstanceOf(KapsoConfigError);
    expect(error.message).toMatch(/^body cannot be sent as JSON: /);
  });

  it("still sends url-encoded forms and FormData as openapi-fetch does", async () => {
    const kapso = loopbackClient(server);
    await kapso.POST("/workflows", {
      body: new URLSearchParams("a=1&b=2"),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const form = new FormData();
    form.set("file", new Blob(["hi"]), "hi.txt");
    await kapso.POST("/workflows", { body: form });
    expect(server.requests[0]?.body).toBe("a=1&b=2");
    expect(server.requests[1]?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
  });
});
