/**
 * At most `max` calls of a client at a time (`maxConcurrency`); the others wait in line, in the order
 * they came. A call holds its place from its first attempt to its result, retries and body included.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Array<{ start(): void; onAbort(): void }> = [];

  constructor(private readonly max: number) {}

  /** Resolves with the function that ends the call, once the call may start. */
  acquire(signal: AbortSignal | undefined): Promise<() => void> {
    return new Promise((resolve, reject) => {
      signal?.throwIfAborted();
      if (this.running < this.max) {
        this.running++;
        resolve(this.release);
        return;
      }
      const entry = {
        start: () => {
          signal?.removeEventListener("abort", entry.onAbort);
          resolve(this.release);
        },
        // An aborted call leaves the line at once and rejects with the caller's reason.
        onAbort: () => {
          this.waiting.splice(this.waiting.indexOf(entry), 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener("abort", entry.onAbort);
      this.waiting.push(entry);
    });
  }

  private readonly release = () => {
    // The place passes straight to the next in line, so a newcomer cannot overtake it.
    const next = this.waiting.shift();
    if (next) next.start();
    else this.running--;
  };
}
