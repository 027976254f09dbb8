interface Watched {
  controller: AbortController | undefined;
  deadline: number;
}

type Timer = ReturnType<typeof setTimeout>;

/**
 * Aborts attempts that outlive `timeoutMs`, with one timer per client instead of one per attempt:
 * arming and clearing a timer per request costs a few microseconds in Node, a visible share of a
 * loopback round trip. Every attempt of a client has the same timeout, so deadlines come in start
 * order and a FIFO queue is enough.
 */
export function createWatchdog(timeoutMs: number) {
  const queue: Watched[] = [];
  let head = 0;
  let timer: Timer | undefined;
  // Where timers can be unref'd (Node, Bun) a pending one does not hold a finished program open, so it
  // may stay armed between requests; elsewhere it is cleared whenever nothing is in flight.
  let unrefs = false;

  const arm = () => {
    const first = queue[head];
    if (timer !== undefined || !first) return;
    timer = setTimeout(fire, first.deadline - performance.now());
    const { unref } = timer as { unref?: () => void };
    if (unref) {
      unref.call(timer);
      unrefs = true;
    }
  };

  const fire = () => {
    timer = undefined;
    const now = performance.now();
    for (let next = queue[head]; next && next.deadline <= now; next = queue[++head]) next.controller?.abort();
    settle();
    arm();
  };

  // Drops finished attempts from the front; the queue stays as long as the oldest attempt in flight.
  const settle = () => {
    while (head < queue.length && !queue[head]?.controller) head++;
    if (head === queue.length) {
      queue.length = head = 0;
    } else if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
  };

  return {
    watch(controller: AbortController): Watched {
      const entry = { controller, deadline: performance.now() + timeoutMs };
      queue.push(entry);
      arm();
      return entry;
    },
    release(entry: Watched): void {
      entry.controller = undefined;
      settle();
      if (!unrefs && head === queue.length && timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
      }
    },
  };
}
