import { describe, expect, it } from "vitest";
import { politeFetch } from "./rate.js";

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

  it("starts concurrent requests at least 1000 / rps ms apart", async () => {
    const starts: number[] = [];
    const fetch = politeFetch(20, async () => {
      starts.push(Date.now());
      return new Response("{}");
    });
    await Promise.all(Array.from({ length: 4 }, () => fetch("http://127.0.0.1/x")));
    // Slot i is booked 50 ms · i after the first; timers never fire early (give or take rounding),
    // and a loaded machine only makes them later, so only the lower bound is checked.
    for (let i = 1; i < starts.length; i++) {
      expect((starts[i] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(i * 50 - 5);
    }
  });
});
