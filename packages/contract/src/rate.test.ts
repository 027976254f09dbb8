import { afterEach, describe, expect, it, vi } from "vitest";
import { politeFetch } from "./rate.js";
import { runContract } from "./run.js";
import { loadSpec, shippedSpecPath } from "./spec.js";

// The waits run on a fake clock: setTimeout fires and Date moves only when a test says so.
const fakeClock = () => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
afterEach(() => {
  vi.useRealTimers();
});

/** politeFetch at `rps` on the fake clock, recording when each request started (ms after the call). */
function timedPoliteFetch(rps: number) {
  fakeClock();
  const started = Date.now();
  const starts: number[] = [];
  const fetch = politeFetch(rps, async () => {
    starts.push(Date.now() - started);
    return new Response("{}");
  });
  return { fetch, starts };
}

describe("politeFetch", () => {
  it("refuses anything but GET before it reaches the network", async () => {
    const sent: string[] = [];
    const fetch = politeFetch(0, async (input) => {
      sent.push(String(input));
      return new Response("{}");
    });
    await expect(fetch("http://127.0.0.1/workflows", { method: "POST" })).rejects.toThrow(
      "refused to send POST: the contract run only reads",
    );
    await expect(fetch(new Request("http://127.0.0.1/workflows/1", { method: "DELETE" }))).rejects.toThrow(
      "refused to send DELETE",
    );
    expect(sent).toEqual([]);
    await fetch("http://127.0.0.1/workflows", { method: "GET" });
    expect(sent).toEqual(["http://127.0.0.1/workflows"]);
  });

  it("starts concurrent requests 1000 / rps ms apart", async () => {
    const { fetch, starts } = timedPoliteFetch(20);
    const all = Promise.all(Array.from({ length: 4 }, () => fetch("http://127.0.0.1/x")));
    await vi.advanceTimersByTimeAsync(0);
    expect(starts).toEqual([0]);
    await vi.advanceTimersByTimeAsync(49);
    expect(starts).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(starts).toEqual([0, 50]);
    await vi.advanceTimersByTimeAsync(100);
    await all;
    expect(starts).toEqual([0, 50, 100, 150]);
  });

  it("lets a request through at once when its slot has passed", async () => {
    const { fetch, starts } = timedPoliteFetch(20);
    await fetch("http://127.0.0.1/x");
    await vi.advanceTimersByTimeAsync(80);
    await fetch("http://127.0.0.1/x");
    expect(starts).toEqual([0, 80]);
  });
});

describe("the pace of a contract run", () => {
  const spec = loadSpec(shippedSpecPath());
  const only = ["listCustomers", "listWebhooks", "listWhatsappFlows"];

  /** Runs the contract on answers made here, recording when each request started on the fake clock. */
  async function paced(rps: number, answer: (attempt: number) => Response) {
    fakeClock();
    const started = Date.now();
    const starts: number[] = [];
    const run = runContract({
      baseUrl: "https://contract.test/platform/v1",
      apiKey: "kapso-pace-test-key",
      spec,
      ids: "examples",
      rps,
      only,
      fetch: async () => {
        starts.push(Date.now() - started);
        return answer(starts.length);
      },
    });
    await vi.runAllTimersAsync();
    return { report: await run, starts };
  }

  it("keeps to rps: requests start 1000 / rps ms apart, or all at once with 0", async () => {
    const { report, starts } = await paced(4, () => Response.json({ data: [] }));
    expect(report.results.map((result) => result.operationId)).toEqual(only);
    // 4 a second is 250 ms apart; uncapped they would all start at 0.
    expect(starts).toEqual([0, 250, 500]);
    expect((await paced(0, () => Response.json({ data: [] }))).starts).toEqual([0, 0, 0]);
  });

  it("a 429 is retried after its Retry-After", async () => {
    const { report, starts } = await paced(0, (attempt) =>
      attempt === 1
        ? Response.json({ error: "Rate limit exceeded" }, { status: 429, headers: { "retry-after": "1" } })
        : Response.json({ data: [] }),
    );
    expect(report.results[0]?.statuses).toEqual([200]);
    expect(starts).toEqual([0, 1000, 1000, 1000]);
  });
});
