import { pathOf } from "./url.js";

/**
 * The operations whose server deduplicates on an `Idempotency-Key` header: the method, and the end of
 * the request path. The spec test (`idempotency.test.ts`) checks this list against every operation of
 * the shipped spec that declares the header, so it cannot drift from it.
 */
export const TAKES_IDEMPOTENCY_KEY: ReadonlyArray<{ method: string; path: RegExp }> = [
  { method: "POST", path: /\/whatsapp\/portfolios\/[^/]+\/funding\/revoke$/ },
];

/**
 * Gives a request of an operation that takes an `Idempotency-Key` a fresh one, unless the caller set
 * one. It is set once per call, before the first attempt, so every retry sends the same key and the
 * server answers a repeat with the first result.
 */
export function addIdempotencyKey(request: Request): void {
  const takesKey = TAKES_IDEMPOTENCY_KEY.some(
    ({ method, path }) => method === request.method && path.test(pathOf(request.url)),
  );
  if (takesKey && !request.headers.has("idempotency-key")) {
    request.headers.set("Idempotency-Key", crypto.randomUUID());
  }
}
