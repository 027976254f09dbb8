import { LONGEST_TIMER_MS, parseRetryAfter } from "./retry.js";

/** Where an API key stands, as a response's headers say. */
export interface RateLimit {
  /** Requests the key may make per window (`X-RateLimit-Limit`; per minute on Kapso). */
  limit: number;
  /** Requests left in the current window (`X-RateLimit-Remaining`). */
  remaining: number;
  /** The per-workflow burst limit of starting executions, per second (`X-Burst-RateLimit-Limit`). */
  burstLimit?: number;
  /** Starts left in the current second (`X-Burst-RateLimit-Remaining`). */
  burstRemaining?: number;
  /** How long the server asked to wait (`Retry-After`), in milliseconds. */
  retryAfterMs?: number;
}

function count(headers: Headers, name: string): number | undefined {
  const value = headers.get(name)?.trim();
  // Only a plain non-negative integer counts: a proxy's "20, 20" or a "-1" says nothing reliable.
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * Reads the rate-limit headers of a response: undefined unless it has both `X-RateLimit-Limit` and
 * `X-RateLimit-Remaining` as integers. A malformed header counts as absent; nothing here throws.
 *
 * @example
 * ```ts
 * import { createKapsoClient, getRateLimit } from "@kapso/client";
 *
 * const kapso = createKapsoClient();
 * const { response } = await kapso.GET("/workflows");
 * const rateLimit = getRateLimit(response);
 * if (rateLimit) console.log(`${rateLimit.remaining} of ${rateLimit.limit} requests left`);
 * ```
 */
export function getRateLimit(response: { readonly headers: Headers }): RateLimit | undefined {
  const { headers } = response;
  const limit = count(headers, "x-ratelimit-limit");
  const remaining = count(headers, "x-ratelimit-remaining");
  if (limit === undefined || remaining === undefined) return undefined;
  const rateLimit: RateLimit = { limit, remaining };
  const burstLimit = count(headers, "x-burst-ratelimit-limit");
  const burstRemaining = count(headers, "x-burst-ratelimit-remaining");
  const retryAfterMs = parseRetryAfter(headers.get("retry-after"));
  if (burstLimit !== undefined) rateLimit.burstLimit = burstLimit;
  if (burstRemaining !== undefined) rateLimit.burstRemaining = burstRemaining;
  if (retryAfterMs !== undefined) rateLimit.retryAfterMs = retryAfterMs;
  return rateLimit;
}

/** The rate-limit part of an attempt's log line, e.g. `; rate limit 19 of 20 left, burst 4 of 5 left`. */
export function describeRateLimit(response: Response): string {
  const rateLimit = getRateLimit(response);
  if (!rateLimit) return "";
  const { limit, remaining, burstLimit, burstRemaining } = rateLimit;
  const burst = burstRemaining === undefined ? "" : `, burst ${burstRemaining} of ${burstLimit ?? "?"} left`;
  return `; rate limit ${remaining} of ${limit} left${burst}`;
}

/** The clock the state waits on; tests replace it. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Attempts in flight before any answer: the smallest limit Kapso documents (a workflow's 5 starts a second). */
const FIRST_WAVE = 5;

/** What the state needs of the call asking for a turn. */
export interface Turn {
  /** Aborting it takes the call out of the line at once. */
  signal: AbortSignal;
  /**
   * The longest pause a 429 of this call imposes on the client: its `maxRetryAfterMs`. A client that
   * does not wait for a long `Retry-After` itself does not make its other calls wait for it either.
   */
  maxPauseMs: number;
}

/** A call waiting for its turn to send an attempt. */
interface Waiter {
  go(sentAfter: number): void;
  onAbort(): void;
}

/**
 * The rate-limit state of one client, shared by all its `withOptions` children and so by every walk
 * of the paginator. Every attempt asks for a turn (`run`); the answer it gets is read back in.
 *
 * - Nothing is known before the first answer, so at most `FIRST_WAVE` attempts go before it, and the
 *   others wait for it: firing a whole first wave blind is what turns one exhausted window into a
 *   storm of 429s. More than one, so that a first attempt that hangs does not hold up every call.
 * - Once an answer said `X-RateLimit-Remaining`, attempts go out at once while fewer are in flight
 *   than remain; a call is never slowed while the window has room. When none remain, one attempt at a
 *   time goes to find out whether the window has moved on.
 * - A 429 pauses every attempt until its `Retry-After` has passed (at most the `maxRetryAfterMs` of
 *   the client whose call got it, which no longer waits that long itself); then the waiting calls go out one
 *   every `Retry-After / limit` ms (Kapso's `Retry-After` is the length of the window it counts in),
 *   in order, until none are waiting.
 * - An answer without the headers leaves the client unthrottled (a server that sends none).
 */
export class RateLimitState {
  private answered = false;
  /** The lower of the key's and the burst's remaining, from the newest reading; undefined when none was given. */
  private remaining: number | undefined;
  /** Which reading `remaining` came from; a reading counts as newer only if sent after it arrived. */
  private readings = 0;
  private inFlight = 0;
  private pausedUntil = 0;
  /** The spacing of attempts after a 429; 0 while not pacing. */
  private intervalMs = 0;
  private nextSendAt = 0;
  private readonly waiters: Waiter[] = [];
  private wake: AbortController | undefined;

  constructor(private readonly clock: Clock) {}

  /** Runs one attempt when the limits allow it; the attempt's response (if any) is read when it ends. */
  async run<T extends object>(turn: Turn, attempt: () => Promise<T>): Promise<T> {
    const { signal } = turn;
    // Which reading was the newest when this attempt was sent (see `observe`).
    const sentAfter =
      this.waiters.length > 0 || this.delay() > 0 ? await this.waitInLine(signal) : this.grant();
    let outcome: T | undefined;
    try {
      outcome = await attempt();
      return outcome;
    } finally {
      this.inFlight--;
      const response = (outcome as { response?: Response } | undefined)?.response;
      if (response) this.observe(response, sentAfter, turn.maxPauseMs);
      this.pump();
    }
  }

  /** How long before the next attempt may go: 0 now, Infinity until an answer arrives. */
  private delay(): number {
    const now = this.clock.now();
    if (now < this.pausedUntil) return this.pausedUntil - now;
    if (this.intervalMs > 0 && now < this.nextSendAt) return this.nextSendAt - now;
    // With nothing in flight the next attempt goes: it is how the client learns where the window stands.
    if (this.inFlight === 0) return 0;
    if (!this.answered) return this.inFlight < FIRST_WAVE ? 0 : Number.POSITIVE_INFINITY;
    if (this.remaining === undefined || this.remaining > this.inFlight) return 0;
    return Number.POSITIVE_INFINITY;
  }

  /** Counts an attempt in flight from now on; returns the number of the newest reading. */
  private grant(): number {
    this.inFlight++;
    if (this.intervalMs > 0) this.nextSendAt = this.clock.now() + this.intervalMs;
    return this.readings;
  }

  /** Waits in line until `pump` grants this call its attempt. */
  private waitInLine(signal: AbortSignal): Promise<number> {
    return new Promise((resolve, reject) => {
      signal.throwIfAborted();
      const waiter: Waiter = {
        go: (sentAfter) => {
          signal.removeEventListener("abort", waiter.onAbort);
          resolve(sentAfter);
        },
        // A caller who gives up leaves the line at once; the others keep their places.
        onAbort: () => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          if (this.waiters.length === 0) this.wake?.abort();
          reject(signal.reason);
        },
      };
      signal.addEventListener("abort", waiter.onAbort);
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** Lets waiting calls go, in order, as far as the limits allow, and sets a timer for the rest. */
  private pump(): void {
    while (this.waiters.length > 0) {
      const delay = this.delay();
      if (delay === Number.POSITIVE_INFINITY) return;
      if (delay > 0) {
        this.wakeIn(delay);
        return;
      }
      // Granted here, not when the waiter resumes, so that the next delay() already counts it.
      const waiter = this.waiters.shift() as Waiter;
      waiter.go(this.grant());
      // Pacing ends with the line: a call that finds nobody waiting goes as soon as the window allows.
      if (this.waiters.length === 0) this.intervalMs = 0;
    }
  }

  private wakeIn(ms: number): void {
    if (this.wake) return;
    const wake = new AbortController();
    this.wake = wake;
    this.clock.sleep(Math.min(ms, LONGEST_TIMER_MS), wake.signal).then(
      () => {
        this.wake = undefined;
        this.pump();
      },
      () => {
        if (this.wake === wake) this.wake = undefined;
      },
    );
  }

  private observe(response: Response, sentAfter: number, maxPauseMs: number): void {
    this.answered = true;
    const rateLimit = getRateLimit(response);
    if (response.status === 429) {
      this.readings++;
      this.remaining = 0;
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      if (retryAfterMs === undefined) return;
      this.pausedUntil = Math.max(
        this.pausedUntil,
        this.clock.now() + Math.min(retryAfterMs, maxPauseMs, LONGEST_TIMER_MS),
      );
      // Paced by whichever limit ran out: the burst (per second) or the key's (per minute).
      const limit = rateLimit?.burstRemaining === 0 ? rateLimit.burstLimit : rateLimit?.limit;
      if (limit) this.intervalMs = retryAfterMs / limit;
      return;
    }
    // A limit of 0 would have refused this very request: it is a placeholder (a mock sends 0 for
    // headers it has no example of), not a reading.
    if (!rateLimit || rateLimit.limit === 0) {
      // An answer that is not a 429 and says nothing of the limit, sent after the newest reading:
      // the window had room, and with nothing to count down from the client goes unthrottled again
      // (rather than one attempt at a time for good, behind a server that stopped sending headers).
      if (sentAfter >= this.readings && this.remaining !== undefined) {
        this.readings++;
        this.remaining = undefined;
      }
      return;
    }
    const burstRemaining = rateLimit.burstLimit === 0 ? undefined : rateLimit.burstRemaining;
    const remaining = Math.min(rateLimit.remaining, burstRemaining ?? Number.POSITIVE_INFINITY);
    // Answers arrive out of order: a higher count from an attempt sent before the current reading
    // arrived may have been counted before it, so only a lower count, or a later attempt's, replaces it.
    if (this.remaining === undefined || remaining <= this.remaining || sentAfter >= this.readings) {
      this.readings++;
      this.remaining = remaining;
    }
  }
}
