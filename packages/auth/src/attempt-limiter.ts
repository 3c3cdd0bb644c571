import {
  CounterStoreFullError,
  type Counters,
  retryAfterSeconds,
  type Window,
} from "./counters.js";

/** One attempt counted against a limit: whether it may go ahead, and the window it landed in. */
export interface Attempt extends Window {
  readonly allowed: boolean;
  /** Refused because the memory store was full, not because this key used up its limit. */
  readonly storeFull: boolean;
}

/** A limit of `limit` attempts per key per window, counted before the work it guards. */
export interface AttemptLimiter {
  /**
   * Counts one attempt and says whether it is within the limit, in one atomic step (one MULTI in
   * Redis, one synchronous update in memory): of N concurrent attempts on a fresh key, exactly
   * `limit` are allowed. A full memory store refuses (fails closed).
   */
  consume(key: string): Promise<Attempt>;
  /** Forgets the key's attempts (a successful sign-in). */
  reset(key: string): Promise<void>;
}

let lastFullReport = Number.NEGATIVE_INFINITY;
/** A flood fills the store: one log line every 10 seconds says so, not one per refusal. */
function reportFull(error: CounterStoreFullError): void {
  if (Date.now() - lastFullReport < 10_000) return;
  lastFullReport = Date.now();
  console.error(JSON.stringify({ level: 50, time: Date.now(), msg: error.message }));
}

export function attemptLimiter(
  counters: Counters,
  options: { readonly limit: number; readonly windowMs: number },
): AttemptLimiter {
  const { limit, windowMs } = options;
  return {
    async consume(key) {
      try {
        const window = await counters.hit(key, windowMs);
        return { ...window, allowed: window.count <= limit, storeFull: false };
      } catch (error) {
        if (!(error instanceof CounterStoreFullError)) throw error;
        reportFull(error);
        return { count: limit + 1, resetMs: windowMs, allowed: false, storeFull: true };
      }
    },
    reset: (key) => counters.reset(key),
  };
}

/** Better Auth's per-address limiter on top of our counters (its windows are in seconds). */
export function rateLimitStorage(counters: Counters) {
  return {
    async consume(key: string, rule: { window: number; max: number }) {
      const attempt = await attemptLimiter(counters, {
        limit: rule.max,
        windowMs: rule.window * 1000,
      }).consume(`ip:${key}`);
      return attempt.allowed
        ? { allowed: true, retryAfter: null }
        : { allowed: false, retryAfter: retryAfterSeconds(attempt) };
    },
  };
}
