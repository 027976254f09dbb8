// The proxy in-process, in front of a small fake of Prism: no Prism is started here.
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from "@kapso/test-support";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WHATSAPP_MOUNT } from "./apis.js";
import { ExampleChains } from "./example-chains.js";
import type { PrismExit } from "./protocol.js";
import { MockProxy, type MockProxyOptions, type ProxyClock } from "./proxy.js";
import { getWithExamples } from "./test-helpers.js";

interface Seen {
  method: string;
  url: string;
  prefer: string | undefined;
  body: string;
}

type Answer = (request: Seen) => { status: number; headers?: Record<string, string>; body: string };

const seenOf = (request: RecordedRequest): Seen => ({
  method: request.method,
  url: request.url,
  prefer: request.headers.prefer as string | undefined,
  body: request.body,
});

/** A stand-in for Prism on the shared loopback server: records what reaches it and answers with `answer`. */
class FakePrism {
  answer: Answer = () => ({ status: 200, headers: { "content-type": "application/json" }, body: "{}" });
  private server: LoopbackServer | undefined;

  /**
   * What the proxy sent here. A real Prism started by another test file probes its port with
   * `GET /` until it listens; if that port was just given to this fake, the probe lands here, so the
   * probe's request (no test sends `/`) is not counted as the proxy's.
   */
  get seen(): Seen[] {
    return (this.server?.requests ?? []).map(seenOf).filter((seen) => seen.url !== "/");
  }

  async listen(port = 0): Promise<number> {
    this.server = await startLoopbackServer(
      (request, response) => {
        const { status, headers, body } = this.answer(seenOf(request));
        response.writeHead(status, headers).end(body);
      },
      { port },
    );
    return Number(new URL(this.server.origin).port);
  }

  /** Forgets what reached it so far. */
  reset(): void {
    this.server?.reset();
  }

  async close(): Promise<void> {
    await this.server?.close();
  }
}

/** A clock the test moves by hand: a retry the proxy plans runs only when the test says so. */
class ManualClock implements ProxyClock {
  time = 0;
  /** How many retries the proxy has planned so far. */
  planned = 0;
  private readonly queue: Array<{ at: number; callback: () => void }> = [];
  private waiting: Array<() => void> = [];

  now(): number {
    return this.time;
  }

  later(callback: () => void, ms: number): void {
    this.queue.push({ at: this.time + ms, callback });
    this.queue.sort((a, b) => a.at - b.at);
    this.planned++;
    for (const resolve of this.waiting) resolve();
    this.waiting = [];
  }

  /** Resolves once a retry is planned and waiting to run. */
  retryPlanned(): Promise<void> {
    if (this.queue.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Moves the clock to the earliest planned retry and runs it. */
  runNext(): void {
    const next = this.queue.shift();
    if (!next) throw new Error("no retry is planned");
    this.time = next.at;
    next.callback();
  }
}

/** What the proxy reads of Prism's state; the tests change it as Prism would. */
const upstream: { port: number; exit: PrismExit | undefined } = { port: 0, exit: undefined };
let prism: FakePrism;
let proxy: MockProxy | undefined;

async function startProxy(options: Partial<MockProxyOptions> = {}): Promise<string> {
  proxy = new MockProxy({ upstream, rawErrors: false, exampleChains: undefined, ...options });
  const port = await proxy.listen(0, "127.0.0.1");
  return `http://127.0.0.1:${port}`;
}

beforeEach(async () => {
  prism = new FakePrism();
  upstream.port = await prism.listen();
  upstream.exit = undefined;
});

afterEach(async () => {
  proxy?.close();
  proxy = undefined;
  await prism.close();
});

describe("forwarding", () => {
  it("passes method, path, query, headers and body through, and the answer back", async () => {
    prism.answer = (seen) => ({
      status: 201,
      headers: { "content-type": "application/json", "x-from": "prism" },
      body: JSON.stringify({ echoed: seen.body }),
    });
    const url = await startProxy();
    const response = await fetch(`${url}/things/1?limit=2`, {
      method: "POST",
      headers: { "content-type": "application/json", Prefer: "code=201" },
      body: '{"name":"a"}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-from")).toBe("prism");
    expect(await response.json()).toEqual({ echoed: '{"name":"a"}' });
    expect(prism.seen).toEqual([
      { method: "POST", url: "/things/1?limit=2", prefer: "code=201", body: '{"name":"a"}' },
    ]);
  });
});

describe("two APIs behind one port", () => {
  let whatsapp: FakePrism;
  const whatsappUpstream: { port: number; exit: PrismExit | undefined } = { port: 0, exit: undefined };
  const mounts = (served: boolean) =>
    WHATSAPP_MOUNT.map((mount) => ({
      ...mount,
      api: "whatsapp" as const,
      upstream: served ? whatsappUpstream : undefined,
      exampleChains: undefined,
    }));

  beforeEach(async () => {
    whatsapp = new FakePrism();
    whatsappUpstream.port = await whatsapp.listen();
    whatsappUpstream.exit = undefined;
  });
  afterEach(() => whatsapp.close());

  it("sends the WhatsApp API's requests to its own Prism without the prefix, the rest to the Platform's", async () => {
    const url = await startProxy({ mounts: mounts(true) });
    await fetch(`${url}/meta/whatsapp/v24.0/123/messages?limit=2`);
    await fetch(`${url}/meta/whatsapp/media_download?token=t`);
    await fetch(`${url}/workflows`);
    expect(whatsapp.seen.map((seen) => seen.url)).toEqual([
      "/123/messages?limit=2",
      "/media_download?token=t",
    ]);
    expect(prism.seen.map((seen) => seen.url)).toEqual(["/workflows"]);
  });

  it("refuses the media download under the versioned path, naming where it is served", async () => {
    const url = await startProxy({ mounts: mounts(true) });
    const response = await fetch(`${url}/meta/whatsapp/v24.0/media_download?token=t`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toBe(
      "Kapso mock: /meta/whatsapp/v24.0/media_download is served at /meta/whatsapp/media_download (the WhatsApp API's other server)",
    );
    expect(whatsapp.seen).toEqual([]);
  });

  it("answers a 404 naming the API when it was not started", async () => {
    const url = await startProxy({ mounts: mounts(false) });
    const response = await fetch(`${url}/meta/whatsapp/v24.0/123/messages`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toContain(
      "the WhatsApp API is not served by this mock",
    );
    expect(whatsapp.seen).toEqual([]);
  });

  it("names the API whose Prism died", async () => {
    whatsappUpstream.exit = { code: 3, signal: null, fatal: [], output: [] };
    const url = await startProxy({ mounts: mounts(true) });
    const response = await fetch(`${url}/meta/whatsapp/v24.0/123/messages`);
    expect(response.status).toBe(502);
    expect(((await response.json()) as { message: string }).message).toBe(
      "Kapso mock: Prism exited with code 3 while serving requests to the WhatsApp API",
    );
    expect((await fetch(`${url}/workflows`)).status).toBe(200);
  });

  it("puts Prism's description of the problem into a Meta-style error's `error.message`", async () => {
    whatsapp.answer = () => ({
      status: 422,
      headers: {
        "content-type": "application/json",
        "sl-violations": JSON.stringify([
          { location: ["request", "body"], severity: "Error", message: "must have required property 'text'" },
        ]),
      },
      body: JSON.stringify({
        error: { message: "the example's own text", type: "OAuthException", code: 100 },
      }),
    });
    const url = await startProxy({ mounts: mounts(true) });
    const response = await fetch(`${url}/meta/whatsapp/v24.0/123/messages`, { method: "POST", body: "{}" });
    expect(await response.json()).toEqual({
      error: { message: "must have required property 'text'", type: "OAuthException", code: 100 },
    });
  });
});

describe("validation errors", () => {
  const documented422 = {
    status: 422,
    headers: {
      "content-type": "application/json",
      "sl-violations": JSON.stringify([
        { location: ["request", "query", "limit"], severity: "Error", message: "limit must be >= 1" },
        { location: ["request", "query", "x"], severity: "Warning", message: "not an error" },
        { location: ["response", "body"], severity: "Error", message: "about the response" },
      ]),
    },
    body: JSON.stringify({ error: "Unprocessable entity", message: "the example's own text" }),
  };

  it("puts Prism's description of the request's problem into `message`", async () => {
    prism.answer = () => documented422;
    const url = await startProxy();
    const response = await fetch(`${url}/things?limit=0`);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: "Unprocessable entity", message: "limit must be >= 1" });
    expect(response.headers.get("sl-violations")).toBe(documented422.headers["sl-violations"]);
  });

  it("says that the API key is missing in Prism's own 401, and leaves a documented 401 alone", async () => {
    const prismOwn = {
      type: "https://stoplight.io/prism/errors#UNAUTHORIZED",
      title: "Invalid security scheme used",
      status: 401,
      detail: "Your request does not fullfil the security requirements",
    };
    const documented = { error: { message: "The API key is missing or not valid", code: 190 } };
    let answer: unknown = prismOwn;
    prism.answer = () => ({
      status: 401,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(answer),
    });
    const url = await startProxy();
    expect(await (await fetch(`${url}/things`)).json()).toEqual({
      ...prismOwn,
      detail: "The request has no valid API key: send it in the X-API-Key header.",
    });
    answer = documented;
    expect(await (await fetch(`${url}/things`)).json()).toEqual(documented);
  });

  it("puts the `validation` list of Prism's own problem document into `detail`", async () => {
    prism.answer = () => ({
      status: 422,
      headers: { "content-type": "application/problem+json" },
      body: JSON.stringify({
        title: "Invalid request",
        detail: "Your request is not valid",
        validation: [
          { location: ["path", "id"], severity: "Error", message: "id must match format uuid" },
          { location: ["query", "q"], severity: "Error", message: "q is required" },
        ],
      }),
    });
    const url = await startProxy();
    const body = (await (await fetch(`${url}/things/x`)).json()) as { detail: string; title: string };
    expect(body.title).toBe("Invalid request");
    expect(body.detail).toBe("id must match format uuid; q is required");
  });

  it("leaves the answer untouched with rawErrors, for other statuses and for bodies that are not JSON", async () => {
    prism.answer = () => documented422;
    const raw = await startProxy({ rawErrors: true });
    expect(await (await fetch(`${raw}/things`)).json()).toEqual({
      error: "Unprocessable entity",
      message: "the example's own text",
    });
    proxy?.close();

    const url = await startProxy();
    prism.answer = () => ({ ...documented422, status: 404 });
    expect(((await (await fetch(`${url}/things`)).json()) as { message: string }).message).toBe(
      "the example's own text",
    );
    prism.answer = () => ({ status: 422, headers: { "content-type": "text/plain" }, body: "not json" });
    expect(await (await fetch(`${url}/things`)).text()).toBe("not json");
  });
});

describe("example chains", () => {
  const cursor = (name: string) => Buffer.from(name).toString("base64");
  const page = (number: number, data: number[]) => ({ value: { data, meta: { page: number } } });
  const chains = new ExampleChains({
    openapi: "3.1.0",
    paths: {
      "/things": {
        ...getWithExamples({
          first_page: { $ref: "#/components/examples/first" },
          second_page: { value: { data: [2] } },
          last_page: { value: { data: [3] } },
          empty: { value: { data: [] } },
        }),
        post: { responses: { "201": { content: { "application/json": { example: {} } } } } },
      },
      // `empty` says page 1 as well, and comes first: the page with items wins.
      "/numbered": getWithExamples({ empty: page(1, []), first_page: page(1, [1]), last_page: page(2, [2]) }),
      "/things/{thing_id}/parts": {
        get: { responses: { "200": { $ref: "#/components/responses/Parts" } } },
      },
    },
    components: {
      examples: { first: { value: { data: [1] } } },
      responses: {
        Parts: {
          content: { "application/json": { examples: { parts_first: {}, parts_more: { value: {} } } } },
        },
      },
    },
  });

  async function preferSent(path: string, init: RequestInit = {}): Promise<string | undefined> {
    prism.reset();
    await (await fetch(`${url}${path}`, init)).text();
    return prism.seen[0]?.prefer;
  }
  let url: string;
  beforeEach(async () => {
    url = await startProxy({ exampleChains: chains });
  });

  it("asks Prism for the example an after or before cursor names", async () => {
    expect(await preferSent(`/things?after=${cursor("second_page")}&limit=2`)).toBe("example=second_page");
    expect(await preferSent(`/things?before=${cursor("first_page")}`)).toBe("example=first_page");
    expect(await preferSent(`/things?after=${encodeURIComponent(cursor("empty"))}`)).toBe("example=empty");
    // Through a $ref'd response, on a path with a parameter.
    expect(await preferSent(`/things/abc/parts?after=${cursor("parts_more")}`)).toBe("example=parts_more");
  });

  it("asks Prism for the example showing the requested page number", async () => {
    expect(await preferSent("/numbered?page=2")).toBe("example=last_page");
    expect(await preferSent("/numbered?page=1")).toBe("example=first_page");
  });

  it("overrides the caller's example but keeps their other preferences", async () => {
    const headers = { Prefer: "example=last_page, dynamic=false" };
    expect(await preferSent(`/things?after=${cursor("second_page")}`, { headers })).toBe(
      "dynamic=false, example=second_page",
    );
  });

  it("leaves the request alone when there is nothing to select", async () => {
    // No cursor or page: Prism's default, or the caller's own choice.
    expect(await preferSent("/things")).toBeUndefined();
    expect(await preferSent("/things", { headers: { Prefer: "example=last_page" } })).toBe(
      "example=last_page",
    );
    // A cursor that names no example of this operation, as real cursors do not.
    expect(await preferSent(`/things?after=${cursor("no_such_example")}`)).toBeUndefined();
    expect(await preferSent("/things?after=opaque-cursor-123")).toBeUndefined();
    expect(await preferSent(`/things/abc/parts?after=${cursor("second_page")}`)).toBeUndefined();
    // A page no example shows, or not a page number.
    expect(await preferSent("/numbered?page=3")).toBeUndefined();
    expect(await preferSent("/numbered?page=two")).toBeUndefined();
    // Another method of the same path, and a path of no operation.
    expect(await preferSent(`/things?after=${cursor("second_page")}`, { method: "POST" })).toBeUndefined();
    expect(await preferSent(`/elsewhere?after=${cursor("second_page")}`)).toBeUndefined();
  });

  it("leaves a request that asks for a status code alone: its examples are another response's", async () => {
    const headers = { Prefer: "code=404" };
    expect(await preferSent(`/things?after=${cursor("second_page")}`, { headers })).toBe("code=404");
  });

  it("does nothing when the chains are off", async () => {
    proxy?.close();
    url = await startProxy({ exampleChains: undefined });
    expect(await preferSent(`/things?after=${cursor("second_page")}`)).toBeUndefined();
  });
});

describe("when Prism dies", () => {
  const crash: PrismExit = {
    code: 3,
    signal: null,
    fatal: [],
    output: [
      "[12:00:00] info     Prism is listening",
      "Error: something broke inside Prism",
      "    at x.js:1",
    ],
  };

  it("answers every request with a 502 naming the exit code and Prism's last lines", async () => {
    const url = await startProxy();
    upstream.exit = crash;
    const response = await fetch(`${url}/things`);
    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe("Bad gateway");
    expect(body.message.split("\n")[0]).toBe("Kapso mock: Prism exited with code 3 while serving requests");
    expect(body.message).toContain("Error: something broke inside Prism");
    expect(prism.seen).toEqual([]);
  });

  it("names the signal when Prism was killed", async () => {
    const url = await startProxy();
    upstream.exit = { ...crash, code: null, signal: "SIGKILL" };
    const body = (await (await fetch(`${url}/things`)).json()) as { message: string };
    expect(body.message).toMatch(/^Kapso mock: Prism was killed by SIGKILL/);
  });

  it("tells a request that was waiting for Prism why it will not answer", async () => {
    await prism.close();
    const clock = new ManualClock();
    const url = await startProxy({ clock });
    const pending = fetch(`${url}/things`);
    // Refused once, the request waits for its retry when Prism dies.
    await clock.retryPlanned();
    upstream.exit = crash;
    clock.runNext();
    const response = await pending;
    expect(response.status).toBe(502);
    expect(((await response.json()) as { message: string }).message).toContain("Prism exited with code 3");
  });
});

describe("while Prism reloads", () => {
  it("sends a refused request again until Prism listens", async () => {
    await prism.close();
    const clock = new ManualClock();
    const url = await startProxy({ clock });
    const pending = fetch(`${url}/things`, { method: "POST", body: "kept" });
    // Refused twice while Prism is away.
    await clock.retryPlanned();
    clock.runNext();
    await clock.retryPlanned();
    prism = new FakePrism();
    await prism.listen(upstream.port);
    clock.runNext();
    const response = await pending;
    expect(response.status).toBe(200);
    expect(prism.seen.map((seen) => seen.body)).toEqual(["kept"]);
    expect(clock.planned).toBe(2);
  });

  it("gives up after the retry window with a 502 that says Prism did not answer", async () => {
    await prism.close();
    const clock = new ManualClock();
    const url = await startProxy({ retryWindowMs: 300, clock });
    const pending = fetch(`${url}/things`);
    // Runs every retry the proxy plans, until it answers.
    for (;;) {
      const next = await Promise.race([
        clock.retryPlanned().then(() => "retry"),
        pending.then(() => "answered"),
      ]);
      if (next === "answered") break;
      clock.runNext();
    }
    const response = await pending;
    expect(response.status).toBe(502);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /^Kapso mock: Prism did not answer \(.*ECONNREFUSED/,
    );
    // Refused at 0, 100 and 200 ms and sent again each time; refused at 300 ms, the window is over.
    expect(clock.planned).toBe(3);
    expect(clock.time).toBe(300);
    prism = new FakePrism();
    upstream.port = await prism.listen();
  });
});
