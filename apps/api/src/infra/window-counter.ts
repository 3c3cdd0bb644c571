import type { Redis } from "ioredis";

/** A key's count in its current window, and the milliseconds until the window ends. */
export interface WindowCount {
  readonly count: number;
  readonly resetInMs: number;
}

/**
 * Fixed-window request counters: a key's window starts at its first request and lasts
 * `windowMs`. `hit` counts one request and calls back with the count, or with `undefined` when
 * the counter store failed (the caller lets the request through rather than take the API down).
 * The in-memory counter calls back before `hit` returns, so the request path stays synchronous.
 */
export interface WindowCounter {
  hit(key: string, done: (count: WindowCount | undefined) => void): void;
}

/** At most this many live windows in memory (the same bound as the web app's counters). */
const MAX_KEYS = 100_000;

interface Window {
  count: number;
  endsAt: number;
}

/**
 * One process's counters in a Map kept in order of window start: a key whose window restarts is
 * moved to the end, so expired windows gather at the front and are dropped from there as
 * requests come in (no timer, no scan). A full map fails closed, as the web app's counters do
 * (docs/security.md): a live window is never evicted to make room, since a flood of fresh
 * addresses would otherwise wipe a victim's count; a key that needs a new window while every
 * slot is live gets an infinite count (refused) until the oldest window ends. Keys already
 * counting keep working.
 */
export function memoryWindowCounter(windowMs: number): WindowCounter {
  const windows = new Map<string, Window>();
  return {
    hit(key, done) {
      const now = Date.now();
      // Each request adds at most one key and drops up to two expired ones: no sweep needed.
      let dropped = 0;
      for (const [oldest, window] of windows) {
        if (window.endsAt > now || dropped === 2) break;
        windows.delete(oldest);
        dropped += 1;
      }
      let window = windows.get(key);
      if (window === undefined || window.endsAt <= now) {
        windows.delete(key);
        if (windows.size >= MAX_KEYS) {
          const oldest = windows.values().next().value as Window;
          done({ count: Number.POSITIVE_INFINITY, resetInMs: oldest.endsAt - now });
          return;
        }
        window = { count: 0, endsAt: now + windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      done({ count: window.count, resetInMs: window.endsAt - now });
    },
  };
}

// One round trip: count, start the window's expiry on its first request, report what is left.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

type CountingRedis = Redis & {
  todoWindowHit(key: string, windowMs: number): Promise<[number, number]>;
};

/** Counters shared by every instance through Redis (one Lua script per request, atomic). */
export function redisWindowCounter(redis: Redis, windowMs: number, prefix: string): WindowCounter {
  if (!("todoWindowHit" in redis)) {
    redis.defineCommand("todoWindowHit", { numberOfKeys: 1, lua: HIT_SCRIPT });
  }
  const counting = redis as CountingRedis;
  return {
    hit(key, done) {
      counting.todoWindowHit(`${prefix}${key}`, windowMs).then(
        ([count, resetInMs]) => done({ count, resetInMs }),
        () => done(undefined),
      );
    },
  };
}
