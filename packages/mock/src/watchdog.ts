// Why the supervisor is a process of its own: the caller can die in ways that run none of its code
// (SIGKILL, an out-of-memory kill, a test runner killed from outside). The one thing the operating
// system always does then is close the caller's end of the supervisor's stdin pipe. The watchdog
// waits for that, or for a signal, and then has Prism taken down, so no mock outlives its caller.

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** Calls `onParentGone` once, when stdin closes (the parent exited or called close()) or on a signal. */
export function watchParent(onParentGone: () => void): void {
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    onParentGone();
  };
  process.stdin.on("end", once);
  process.stdin.on("close", once);
  process.stdin.on("error", once);
  process.stdin.resume();
  for (const signal of SIGNALS) process.on(signal, once);
}
