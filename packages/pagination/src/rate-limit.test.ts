import { createKapsoClient } from "@kapso/client";
import { type FixturePaths, forward, listAnswer } from "@kapso/test-support";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { collect, paginate } from "./index.js";

const KEY = "kapso_test_secret_9f8e7d6c5b4a";
const BASE = "https://api.kapso.test";

/**
 * A fetch the test answers by hand, from the list fixture: each request waits in `pending` until the
 * test answers it, so the test sees which requests the client let out, and when.
 */
function heldFetch() {
  const pending: Array<{
    path: string;
    answer(extra?: { status: number; headers: Record<string, string> }): void;
  }> = [];
  const paths: string[] = [];
  const fetch = (input: Request | string) => {
    const request = input as Request;
    const url = new URL(request.url);
    paths.push(`${url.pathname}${url.search}`);
    return new Promise<Response>((resolve, reject) => {
      request.signal.addEventListener("abort", () => reject(request.signal.reason));
      pending.push({
        path: url.pathname,
        answer: (override) => {
          const fixture = listAnswer(url.pathname, url.searchParams);
          resolve(
            new Response(JSON.stringify(override ? {} : fixture.body), {
              status: override?.status ?? fixture.status,
              headers: { "content-type": "application/json", ...override?.headers },
            }),
          );
        },
      });
    });
  };
  /** Answers every request in flight, and those they lead to, until none is left. */
  const answerAll = async () => {
    for (;;) {
      await vi.advanceTimersByTimeAsync(0);
      const batch = pending.splice(0);
      if (batch.length === 0) return;
      for (const request of batch) request.answer();
    }
  };
  return { fetch, pending, paths, answerAll };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

beforeAll(() => {
  vi.useFakeTimers();
});
afterAll(() => {
  vi.useRealTimers();
});

describe("a walk shares its client's rate limits", () => {
  it("waits out a 429 that a withOptions child got, then walks every page", async () => {
    const server = heldFetch();
    const kapso = createKapsoClient<FixturePaths>({ apiKey: KEY, baseUrl: BASE, fetch: server.fetch });
    const child = kapso.withOptions({ maxRetries: 0 });
    const refused = child.GET("/things/{id}", { params: { path: { id: "t_1" } } });
    await settle();
    server.pending.shift()?.answer({
      status: 429,
      headers: { "Retry-After": "2", "X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "0" },
    });
    expect((await refused).response.status).toBe(429);

    const walk = collect(kapso, "/items", { params: { query: { total: 45, limit: 20 } } }, { all: true });
    await vi.advanceTimersByTimeAsync(1999);
    expect(server.paths).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.paths).toHaveLength(2);
    await server.answerAll();
    expect((await walk).map((item) => (item as { n: number }).n)).toEqual(forward(45));
  });

  it("pauses a walk under way when another call of the client gets a 429", async () => {
    const server = heldFetch();
    const kapso = createKapsoClient<FixturePaths>({ apiKey: KEY, baseUrl: BASE, fetch: server.fetch });
    const items = paginate(kapso, "/items", { params: { query: { total: 45, limit: 20 } } });
    const first = items.next();
    await settle();
    server.pending.shift()?.answer();
    await first;
    const refused = kapso
      .withOptions({ maxRetries: 0 })
      .GET("/things/{id}", { params: { path: { id: "t_1" } } });
    await settle();
    server.pending.shift()?.answer({ status: 429, headers: { "Retry-After": "1" } });
    await refused;
    // The rest of page 1 is in memory; page 2 waits for the pause.
    for (let i = 1; i < 20; i++) await items.next();
    const second = items.next();
    await vi.advanceTimersByTimeAsync(999);
    expect(server.paths).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.paths).toHaveLength(3);
    await server.answerAll();
    expect((await second).value).toMatchObject({ n: 20 });
    await items.return(undefined);
  });
});

describe("prefetch under maxConcurrency", () => {
  /** A client that sends one request at a time, on a fetch the test answers by hand. */
  const oneAtATime = () => {
    const server = heldFetch();
    const kapso = createKapsoClient<FixturePaths>({
      apiKey: KEY,
      baseUrl: BASE,
      fetch: server.fetch,
      maxConcurrency: 1,
    });
    return { server, kapso };
  };

  it("counts a prefetched page within the limit", async () => {
    const { server, kapso } = oneAtATime();
    let most = 0;
    const walk = (async () => {
      const seen: number[] = [];
      for await (const item of paginate(
        kapso,
        "/items",
        { params: { query: { total: 60, limit: 20 } } },
        { prefetch: true },
      )) {
        seen.push(item.n);
        // The consumer's own call per page waits behind the prefetched page, never beside it.
        if (item.n % 20 === 0) await kapso.GET("/things/{id}", { params: { path: { id: `t_${item.n}` } } });
      }
      return seen;
    })();
    for (;;) {
      await settle();
      most = Math.max(most, server.pending.length);
      const next = server.pending.shift();
      if (!next) break;
      next.answer(next.path.startsWith("/things") ? { status: 200, headers: {} } : undefined);
    }
    expect(await walk).toEqual(forward(60));
    expect(most).toBe(1);
  });

  it("takes a queued prefetch out of the line when the caller leaves the walk", async () => {
    const { server, kapso } = oneAtATime();
    const items = paginate(
      kapso,
      "/items",
      { params: { query: { total: 45, limit: 20 } } },
      { prefetch: true },
    );
    const first = items.next();
    await settle();
    // Another call waits for the one place while page 1 is in flight, so page 2's prefetch queues behind it.
    const other = kapso.GET("/things/{id}", { params: { path: { id: "t_1" } } });
    server.pending.shift()?.answer();
    expect((await first).value).toMatchObject({ n: 0 });
    await items.return(undefined);
    await settle();
    server.pending.shift()?.answer({ status: 200, headers: {} });
    await other;
    await settle();
    expect(server.pending).toHaveLength(0);
    expect(server.paths.filter((path) => path.startsWith("/items"))).toHaveLength(1);
  });
});
