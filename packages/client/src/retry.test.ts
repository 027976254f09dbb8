import { afterEach, describe, expect, it, vi } from "vitest";
import { LONGEST_TIMER_MS, parseRetryAfter, retryWait } from "./retry.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds and an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(" 0.2 ")).toBe(200);
    // A frozen clock on a whole second (an HTTP date has no milliseconds) makes the wait exact.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2026, 11, 7, 6, 0, 0) });
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    expect(parseRetryAfter(inTenSeconds)).toBe(10_000);
    // The three forms RFC 9110 has recipients accept, all in the past here.
    expect(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT")).toBe(0);
    expect(parseRetryAfter("Sunday, 06-Nov-94 08:49:37 GMT")).toBe(0);
    expect(parseRetryAfter("Sun Nov  6 08:49:37 1994")).toBe(0);
    const asctime = new Date(Date.now() + 10_000)
      .toUTCString()
      .replace(/^(\w+), (\d+) (\w+) (\d+) (\S+) GMT$/, "$1 $3 $2 $5 $4");
    expect(parseRetryAfter(asctime)).toBe(10_000);
  });

  it.each(["2, 2", "-1", "+5", "1.5.5", "soon", "2026-12-02", "Sun, 06 Nov 1994 08:49:37 +0100"])(
    "counts %j as absent, not as a date in the past that would retry at once",
    (value) => {
      expect(parseRetryAfter(value)).toBeUndefined();
    },
  );
});

describe("retryWait", () => {
  const limits = (maxRetryAfterMs: number) => ({ maxRetries: 2, maxRetryAfterMs, random: () => 0.5 });
  const answer = (retryAfter: string) => ({
    response: new Response(null, { status: 429, headers: { "retry-after": retryAfter } }),
  });

  const post = { method: "POST", headers: new Headers() };
  const get = { method: "GET", headers: new Headers() };

  it("waits what Retry-After asks, up to maxRetryAfterMs", () => {
    expect(retryWait(post, answer("3"), 0, limits(60_000))).toBe(3000);
    expect(retryWait(post, answer("120"), 0, limits(60_000))).toBeUndefined();
  });

  it("does not wait longer than a timer can hold, even with maxRetryAfterMs Infinity", () => {
    // 24.9 days: a timer that long would fire at once, and the client would hammer the server.
    const days = String(Math.ceil((LONGEST_TIMER_MS + 1000) / 1000));
    expect(retryWait(get, answer(days), 0, limits(Number.POSITIVE_INFINITY))).toBeUndefined();
    expect(retryWait(get, answer("86400"), 0, limits(Number.POSITIVE_INFINITY))).toBe(86_400_000);
  });
});
