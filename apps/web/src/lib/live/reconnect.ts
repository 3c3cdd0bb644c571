/** Time as the event stream sees it; tests pass their own. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  wait(ms: number, signal: AbortSignal): Promise<void>;
}

export const timerClock: Clock = {
  now: () => Date.now(),
  wait: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const wake = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      signal.addEventListener("abort", wake);
    }),
};

/** The longest wait after failures in a row, and for a `retry:` the stream asks for. */
const MAX_BACKOFF_MS = 30_000;
/** A `Retry-After` beyond this (a misconfigured proxy) is cut to it. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;
/** A stream that ends sooner than this after it opened counts as a failure. */
const SHORT_LIVED_MS = 2000;

/** `Retry-After` in seconds or as an HTTP date, in ms from `now`; 0 when absent or unreadable. */
function retryAfterMs(header: string | null, now: number): number {
  if (header === null) return 0;
  const ms = /^\s*\d+\s*$/.test(header) ? Number(header) * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : 0;
}

/**
 * How long to wait before the next connection. Failures in a row wait 1, 2, 4 … 30 s, or what
 * the API's `Retry-After` asks when that is longer; a stream that lived a while ends the run and
 * is followed at once, one that ended at once is a failure like any other, so a failing server is
 * not hammered.
 */
export class ReconnectDelays {
  #failures = 0;
  #retryMs = 1000;
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** The stream's opening `retry:`: the least wait after it ends at once. */
  set retry(ms: number) {
    this.#retryMs = Math.min(ms, MAX_BACKOFF_MS);
  }

  /** No stream: the network failed, or the API answered an error (with its `Retry-After`). */
  failed(retryAfter: string | null = null, atLeastMs = 0): number {
    const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(this.#failures++, 5));
    return Math.max(backoff, atLeastMs, retryAfterMs(retryAfter, this.#now()));
  }

  /** A stream opened at `openedAt` has ended, with a `retry:` sent after its first message or not. */
  ended(openedAt: number, hintMs: number | undefined): number {
    const hint = hintMs === undefined ? undefined : Math.min(hintMs, MAX_BACKOFF_MS);
    if (this.#now() - openedAt >= SHORT_LIVED_MS) {
      this.#failures = 0;
      return hint ?? 0;
    }
    return hint ?? this.failed(null, this.#retryMs);
  }
}
