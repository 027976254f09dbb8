/**
 * Where a handler records the `X-Idempotency-Key`s it has processed. `claim` resolves true the first
 * time it sees a key and false after that; make it atomic (Redis `SET key 1 NX EX 86400`, a unique
 * insert) so two instances receiving the same retry cannot both win. `release` undoes a claim when a
 * handler failed, so that Kapso's retry of the delivery runs the handlers again; a store without it
 * answers that retry 200 without running them.
 */
export interface WebhookDedupeStore {
  /** Records `key`: true if it was new, false if already claimed. A rejection is answered with 500. */
  claim(key: string): Promise<boolean>;
  /** Forgets a claimed `key` after a handler failed, so Kapso's retry runs them again (errors ignored). */
  release?(key: string): Promise<void>;
}

/** Options of {@link createMemoryDedupeStore}. */
export interface MemoryDedupeStoreOptions {
  /** How many keys to remember; the oldest are forgotten first. Default 10 000. */
  maxKeys?: number;
}

/**
 * The default store: the most recent keys in this process's memory. Enough for one instance (Kapso
 * retries within about two and a half minutes); several instances need a shared store.
 */
export function createMemoryDedupeStore(options: MemoryDedupeStoreOptions = {}): WebhookDedupeStore {
  const maxKeys = options.maxKeys ?? 10_000;
  if (!Number.isInteger(maxKeys) || maxKeys < 1) {
    throw new RangeError(`maxKeys must be a positive integer, got ${String(options.maxKeys)}`);
  }
  // A Set keeps insertion order, so its first key is the oldest.
  const keys = new Set<string>();
  return {
    async claim(key) {
      if (keys.has(key)) return false;
      keys.add(key);
      if (keys.size > maxKeys) keys.delete(keys.values().next().value as string);
      return true;
    },
    async release(key) {
      keys.delete(key);
    },
  };
}
