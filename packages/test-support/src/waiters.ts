/**
 * Waits on conditions over state its owner changes: `until(condition)` resolves once `condition`
 * holds, checked at once and then at every `recheck()`, which the owner calls after each change the
 * conditions read. A test waits on the events themselves this way instead of sleeping; a condition
 * that never comes true is caught by the test's timeout.
 */
export interface ConditionWaiters {
  until(condition: () => boolean): Promise<void>;
  recheck(): void;
}

export function conditionWaiters(): ConditionWaiters {
  let waiters: Array<{ condition: () => boolean; resolve: () => void }> = [];
  return {
    until: (condition) =>
      condition()
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiters.push({ condition, resolve });
          }),
    recheck() {
      const pending = waiters;
      waiters = [];
      for (const waiter of pending) {
        if (waiter.condition()) waiter.resolve();
        else waiters.push(waiter);
      }
    },
  };
}
