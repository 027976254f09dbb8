// What openapi-fetch documents about `fetch` and middleware, checked through createKapsoClient.
import { json, type LoopbackServer, startLoopbackServer } from "@kapso/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KapsoConnectionError } from "./errors.js";
import { KEY, loopbackClient, rejection } from "./test-setup.js";

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());

describe("a custom fetch gets a complete, readable Request", () => {
  const readers = {
    "req.text()": (req: Request) => req.text(),
    "req.clone().text()": (req: Request) => req.clone().text(),
    "new Request(req).text()": (req: Request) => new Request(req).text(),
  };

  it.each(Object.entries(readers))("on every attempt, read with %s", async (_name, read) => {
    server.handle((_req, res, attempt) => json(res, attempt === 1 ? 503 : 201, { id: "wf_1" }));
    const bodies: string[] = [];
    const readingFetch = async (req: Request) => {
      bodies.push(await read(req));
      return fetch(new Request(req.url, { method: req.method, headers: req.headers, body: bodies.at(-1) }));
    };
    const kapso = loopbackClient(server, { fetch: readingFetch });
    const { data } = await kapso.PUT("/workflows/wf_1", { body: { name: "a" } });
    expect(data).toEqual({ id: "wf_1" });
    expect(bodies).toEqual(['{"name":"a"}', '{"name":"a"}']);
    expect(server.requests.map((r) => r.body)).toEqual(['{"name":"a"}', '{"name":"a"}']);
  });

  it("on every redirect hop, with the key, the method and the body", async () => {
    server.handle((req, res) =>
      req.path.endsWith("/moved")
        ? json(res, 200, { ok: true })
        : res.writeHead(307, { location: `${req.path}/moved` }).end(),
    );
    const seen: string[] = [];
    const readingFetch = async (req: Request, init: RequestInit) => {
      seen.push(
        `${req.method} ${new URL(req.url).pathname} ${req.headers.get("x-api-key")} ${await req.clone().text()}`,
      );
      return fetch(req, init);
    };
    await loopbackClient(server, { fetch: readingFetch }).POST("/workflows", { body: { a: 1 } });
    expect(seen).toEqual([
      `POST /platform/v1/workflows ${KEY} {"a":1}`,
      `POST /platform/v1/workflows/moved ${KEY} {"a":1}`,
    ]);
  });
});

describe("onError middleware", () => {
  const boom = new Error("socket hang up");
  const failing = async () => {
    throw boom;
  };

  it("receives the error fetch threw; returning nothing rethrows it, typed, with that error as cause", async () => {
    const seen: unknown[] = [];
    const kapso = loopbackClient(server, { fetch: failing, maxRetries: 0 });
    kapso.use({ onError: ({ error }: { error: unknown }) => void seen.push(error) });
    const error = await rejection(kapso.GET("/workflows"));
    expect(seen).toEqual([boom]);
    expect(seen[0]).toBe(boom);
    expect(error).toBeInstanceOf(KapsoConnectionError);
    expect(error.cause).toBe(boom);
  });

  it("returning an Error throws that Error as it is", async () => {
    const mine = new RangeError("mine");
    const kapso = loopbackClient(server, { fetch: failing, maxRetries: 0 });
    kapso.use({ onError: () => mine });
    expect(await rejection(kapso.GET("/workflows"))).toBe(mine);
  });

  it("returning a Response makes it the result", async () => {
    const kapso = loopbackClient(server, { fetch: failing, maxRetries: 0 });
    kapso.use({ onError: () => Response.json({ cached: true }) });
    const { data } = await kapso.GET("/workflows");
    expect(data).toEqual({ cached: true });
  });
});

describe("onRequest and onResponse", () => {
  it("see the request as openapi-fetch built it, without the key, and the response with its body unread", async () => {
    server.handle((_req, res) => json(res, 200, { data: [] }));
    const kapso = loopbackClient(server);
    const seen: unknown[] = [];
    kapso.use({
      onRequest: async ({ request }: { request: Request }) => {
        seen.push(request.headers.get("x-api-key"), await request.clone().text());
      },
      onResponse: async ({ response }: { response: Response }) => {
        seen.push(response.bodyUsed, await response.clone().json(), new URL(response.url).pathname);
      },
    });
    await kapso.POST("/workflows", { body: { a: 1 } });
    expect(seen).toEqual([null, '{"a":1}', false, { data: [] }, "/platform/v1/workflows"]);
  });
});
