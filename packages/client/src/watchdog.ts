type Timer = ReturnType<typeof setTimeout>;

/**
 * Aborts attempts that outlive `timeoutMs`, with one timer per client instead of one per attempt:
 * arming and clearing a timer per request costs a few microseconds in Node, a visible share of a
 * loopback round trip. Every attempt of a client has the same timeout, so deadlines come in start
 * order, and a Map (which iterates in insertion order) serves as the queue.
 */
export function createWatchdog(timeoutMs: number) {
  const deadlines = new Map<AbortController, number>();
  let timer: Timer | undefined;
  // Where timers can be unref'd (Node, Bun) a pending one does not hold a finished program open, so it
  // may stay armed between requests; elsewhere it is cleared whenever nothing is in flight.
  let unrefs = false;

  const arm = () => {
    if (timer !== undefined) return;
    for (const deadline of deadlines.values()) {
      timer = setTimeout(fire, deadline - performance.now());
      const { unref } = timer as { unref?: () => void };
      unrefs = !!unref;
      unref?.call(timer);
      return;
    }
  };

  const fire = () => {
    timer = undefined;
    const now = performance.now();
    for (const [controller, deadline] of deadlines) {
      if (deadline > now) break;
      deadlines.delete(controller);
      controller.abort();
    }
    arm();
  };

  return {
    watch(controller: AbortController): void {
      deadlines.set(controller, performance.now() + timeoutMs);
      arm();
    },
    release(controller: AbortController): void {
      deadlines.delete(controller);
      if (!unrefs && !deadlines.size && timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
      }
    },
  };
}
