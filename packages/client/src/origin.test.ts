import { json, type LoopbackServer } from "@kapso/test-support";
import { describe, expect, it } from "vitest";
import { createKapsoClient } from "./client.js";
import { KapsoConfigError } from "./errors.js";
import { KEY, loopbackClient, rejection, startLoopbackServerPair } from "./test-setup.js";

let server: LoopbackServer;
let other: LoopbackServer;
startLoopbackServerPair((first, second) => {
  server = first;
  other = second;
});

const ok = () => server.handle((_req, res) => json(res, 200, { data: [] }));

describe("the key goes only to the base URL's origin", () => {
  it("refuses a per-request baseUrl on another origin before anything is sent", async () => {
    ok();
    other.handle((_req, res) => json(res, 200, {}));
    const error = await rejection(
      loopbackClient(server).GET("/workflows", { baseUrl: `${other.origin}/platform/v1` }),
    );
    expect(error).toBeInstanceOf(KapsoConfigError);
    expect(error.message).toContain("the API key goes only to the client's origin");
    expect(other.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(0);
  });

  it("accepts a per-request baseUrl on the same origin", async () => {
    ok();
    await loopbackClient(server).GET("/workflows", { baseUrl: `${server.origin}/platform/v2` });
    expect(server.requests.map((r) => r.path)).toEqual(["/platform/v2/workflows"]);
  });

  it("refuses a request an onRequest middleware moved to another origin", async () => {
    ok();
    other.handle((_req, res) => json(res, 200, {}));
    const kapso = loopbackClient(server);
    kapso.use({
      onRequest: ({ request }: { request: Request }) => new Request(`${other.origin}/steal`, request),
    });
    const error = await rejection(kapso.GET("/workflows"));
    expect(error).toBeInstanceOf(KapsoConfigError);
    expect(error.message).toMatch(/GET request to "http:\/\/127\.0\.0\.1:\d+\/steal" refused/);
    expect(other.requests).toHaveLength(0);
  });

  it("refuses a baseUrl that is not a URL, naming it without its query", async () => {
    const error = await rejection(loopbackClient(server).GET("/workflows", { baseUrl: "not a url?key=1" }));
    expect(error).toBeInstanceOf(KapsoConfigError);
    expect(error.message).not.toContain("key=1");
  });
});

describe("a per-call fetch runs under the client's protections", () => {
  it("gets the key, the retries and the origin rule", async () => {
    server.handle((_req, res, attempt) => json(res, attempt === 1 ? 503 : 200, { data: [] }));
    const seen: string[] = [];
    const mine = async (request: Request, init: RequestInit) => {
      seen.push(`${request.method} ${request.headers.get("x-api-key")}`);
      return fetch(request, init);
    };
    const { response } = await loopbackClient(server).GET("/workflows", { fetch: mine });
    expect(response.status).toBe(200);
    expect(seen).toEqual([`GET ${KEY}`, `GET ${KEY}`]);
  });

  it("is refused when it is not a function", async () => {
    const error = await rejection(loopbackClient(server).GET("/workflows", { fetch: "nope" }));
    expect(error).toBeInstanceOf(KapsoConfigError);
    expect(error.message).toBe("fetch must be a function, got a string");
  });

  it("refuses a numeric apiKey at creation, without quoting it", () => {
    expect(() => createKapsoClient({ apiKey: 12345678 as unknown as string })).toThrow(
      new KapsoConfigError("apiKey must be a string, got a number"),
    );
  });
});
