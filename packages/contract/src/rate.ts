/** A `fetch` for the client that keeps the run polite: at most `rps` requests a second, and GETs only. */
export type Fetch = (input: Request | string, init?: RequestInit) => Promise<Response>;

/**
 * Wraps `fetch` so requests start at least `1000 / rps` ms apart (0 turns the cap off). It sits
 * below the client's retries, so a retried attempt waits its turn too. Anything but a GET is
 * refused before it leaves the process: the run is read-only whatever the spec lists.
 */
export function politeFetch(rps: number, fetch: Fetch = globalThis.fetch): Fetch {
  const gapMs = rps > 0 ? 1000 / rps : 0;
  let nextStart = 0;
  return async (input, init) => {
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    if (method !== "GET") throw new Error(`refused to send ${method}: the contract run only reads`);
    if (gapMs > 0) {
      // Each caller books the next free slot before waiting, so concurrent requests queue up too.
      const now = Date.now();
      const start = Math.max(now, nextStart);
      nextStart = start + gapMs;
      if (start > now) await new Promise((resolve) => setTimeout(resolve, start - now));
    }
    return fetch(input, init);
  };
}
