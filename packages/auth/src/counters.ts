import { Redis } from "ioredis";

/** A fixed window of hits on one key: how many so far, and how long until the window closes. */
export interface Window {
  readonly count: number;
  readonly resetMs: number;
}

/**
 * The web app's rate-limit counters (per address, per account, per user). In memory for a single
 * instance; in Redis when REDIS_URL is set, so that every instance counts against the same limits.
 */
export interface Counters {
  /** Counts one hit on `key`; the window starts with the first hit and lasts `windowMs`. */
  hit(key: string, windowMs: number): Promise<Window>;
  /** The current window without counting (count 0 when there is none). */
  peek(key: string): Promise<Window>;
  reset(key: string): Promise<void>;
}

/** Whole seconds until the window closes, at least 1: the value of a `Retry-After` header. */
export function retryAfterSeconds(window: Window): number {
  return Math.max(1, Math.ceil(window.resetMs / 1000));
}

/** Live windows one instance keeps in memory before it refuses new keys. */
const MAX_MEMORY_KEYS = 100_000;

/**
 * Thrown for a new key when the memory store is full of live windows. Evicting a live window to
 * make room would let a flood of fresh keys (emails, addresses) wipe a victim's count, so the
 * store refuses instead and callers answer 429: it fails closed.
 */
export class CounterStoreFullError extends Error {
  constructor() {
    super(`rate-limit counter store is full (${MAX_MEMORY_KEYS} live windows); new keys refused`);
    this.name = "CounterStoreFullError";
  }
}

export interface MemoryCounterOptions {
  readonly now?: () => number;
  readonly maxKeys?: number;
}

export function memoryCounters(options: MemoryCounterOptions = {}): Counters {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? MAX_MEMORY_KEYS;
  const windows = new Map<string, { count: number; endsAt: number }>();
  let sweptAt = Number.NEGATIVE_INFINITY;
  const current = (key: string) => {
    const entry = windows.get(key);
    if (entry && entry.endsAt > now()) return entry;
    windows.delete(key);
    return undefined;
  };
  /** Room for one more key: expired windows are dropped (at most once a second), live ones never. */
  const makeRoom = () => {
    if (windows.size < maxKeys) return;
    const at = now();
    if (at - sweptAt >= 1000) {
      sweptAt = at;
      for (const [key, entry] of windows) if (entry.endsAt <= at) windows.delete(key);
    }
    if (windows.size >= maxKeys) throw new CounterStoreFullError();
  };
  return {
    async hit(key, windowMs) {
      let entry = current(key);
      if (!entry) {
        makeRoom();
        entry = { count: 0, endsAt: now() + windowMs };
        windows.set(key, entry);
      }
      entry.count += 1;
      return { count: entry.count, resetMs: entry.endsAt - now() };
    },
    async peek(key) {
      const entry = current(key);
      return entry
        ? { count: entry.count, resetMs: entry.endsAt - now() }
        : { count: 0, resetMs: 0 };
    },
    async reset(key) {
      windows.delete(key);
    },
  };
}

/** One INCR, a PEXPIRE that only starts the window, and the time left: atomic in one MULTI. */
export function redisCounters(redis: Redis, prefix = "todo:web:"): Counters {
  return {
    async hit(key, windowMs) {
      const replies = await redis
        .multi()
        .incr(prefix + key)
        .pexpire(prefix + key, windowMs, "NX")
        .pttl(prefix + key)
        .exec();
      const count = Number(replies?.[0]?.[1] ?? 1);
      const ttl = Number(replies?.[2]?.[1] ?? windowMs);
      return { count, resetMs: ttl > 0 ? ttl : windowMs };
    },
    async peek(key) {
      const replies = await redis
        .multi()
        .get(prefix + key)
        .pttl(prefix + key)
        .exec();
      const count = Number(replies?.[0]?.[1] ?? 0);
      const ttl = Number(replies?.[1]?.[1] ?? 0);
      return { count: Number.isFinite(count) ? count : 0, resetMs: Math.max(0, ttl) };
    },
    async reset(key) {
      await redis.del(prefix + key);
    },
  };
}

/**
 * Shared counters that degrade to this instance's memory while Redis is unreachable: limits keep
 * holding (per instance) instead of failing open, and sign-in keeps working.
 */
export function withFallback(
  primary: Counters,
  fallback: Counters,
  onError: (error: unknown) => void,
): Counters {
  async function attempt<R>(use: (counters: Counters) => Promise<R>): Promise<R> {
    try {
      return await use(primary);
    } catch (error) {
      onError(error);
      return use(fallback);
    }
  }
  return {
    hit: (key, windowMs) => attempt((counters) => counters.hit(key, windowMs)),
    peek: (key) => attempt((counters) => counters.peek(key)),
    reset: (key) => attempt((counters) => counters.reset(key)),
  };
}

/**
 * The counters for a web app instance: memory without REDIS_URL; with it, Redis (commands fail
 * fast while it is down, so requests fall back to memory instead of waiting on a reconnect).
 */
export function countersFor(redisUrl: string | undefined, onError: (error: unknown) => void) {
  if (!redisUrl) return memoryCounters();
  const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on("error", onError);
  return withFallback(redisCounters(redis), memoryCounters(), onError);
}
