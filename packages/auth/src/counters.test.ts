import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { attemptLimiter } from "./attempt-limiter.js";
import {
  CounterStoreFullError,
  type Counters,
  memoryCounters,
  redisCounters,
  withFallback,
} from "./counters.js";
import { anotherTestRedis, connectTestRedis } from "./test-redis.js";

/** The behaviour every implementation shares, on fresh keys. */
function behavesAsCounters(make: () => Counters) {
  it("counts hits in a window, peeks without counting, and resets", async () => {
    const counters = make();
    const key = randomUUID();
    expect(await counters.peek(key)).toEqual({ count: 0, resetMs: 0 });
    expect((await counters.hit(key, 60_000)).count).toBe(1);
    const second = await counters.hit(key, 60_000);
    expect(second.count).toBe(2);
    expect(second.resetMs).toBeGreaterThan(50_000);
    expect(second.resetMs).toBeLessThanOrEqual(60_000);
    expect((await counters.peek(key)).count).toBe(2);
    await counters.reset(key);
    expect((await counters.peek(key)).count).toBe(0);
  });

  it("allow exactly the limit out of a concurrent burst of attempts", async () => {
    const limiter = attemptLimiter(make(), { limit: 10, windowMs: 60_000 });
    const key = randomUUID();
    const attempts = await Promise.all(Array.from({ length: 50 }, () => limiter.consume(key)));
    expect(attempts.filter((a) => a.allowed)).toHaveLength(10);
    await limiter.reset(key);
    expect((await limiter.consume(key)).allowed).toBe(true);
  });

  it("keeps keys apart", async () => {
    const counters = make();
    const [a, b] = [randomUUID(), randomUUID()];
    await counters.hit(a, 60_000);
    await counters.hit(a, 60_000);
    expect((await counters.hit(b, 60_000)).count).toBe(1);
  });
}

describe("memory counters", () => {
  behavesAsCounters(() => memoryCounters());

  it("starts a new window once the old one has passed", async () => {
    let now = 1_000_000;
    const counters = memoryCounters({ now: () => now });
    await counters.hit("k", 1000);
    await counters.hit("k", 1000);
    now += 999;
    expect((await counters.peek("k")).count).toBe(2);
    now += 1;
    expect((await counters.peek("k")).count).toBe(0);
    expect(await counters.hit("k", 1000)).toEqual({ count: 1, resetMs: 1000 });
  });
});

describe("a full memory store", () => {
  it("refuses new keys and never evicts a live window", async () => {
    let now = 1_000_000;
    const counters = memoryCounters({ now: () => now, maxKeys: 3 });
    const limiter = attemptLimiter(counters, { limit: 2, windowMs: 60_000 });
    await limiter.consume("victim");
    await limiter.consume("victim");
    await counters.hit("flood-1", 60_000);
    await counters.hit("flood-2", 60_000);
    await expect(counters.hit("flood-3", 60_000)).rejects.toThrow(CounterStoreFullError);
    // The victim's count survived the flood: the next attempt is over its limit.
    expect((await limiter.consume("victim")).allowed).toBe(false);
    // A new key is refused, not counted (fail closed).
    expect(await limiter.consume("newcomer")).toMatchObject({ allowed: false, storeFull: true });
    // Once windows expire, their room is reused.
    now += 60_000;
    expect((await limiter.consume("newcomer")).allowed).toBe(true);
  });
});

const redis = await connectTestRedis();
afterAll(() => redis?.disconnect());

describe.skipIf(!redis)("Redis counters", () => {
  behavesAsCounters(() => redisCounters(redis as Redis, `todo:test:${randomUUID()}:`));

  it("are shared by every instance that uses the same Redis", async () => {
    const prefix = `todo:test:${randomUUID()}:`;
    const other = anotherTestRedis();
    try {
      const first = redisCounters(redis as Redis, prefix);
      const second = redisCounters(other, prefix);
      await first.hit("shared", 60_000);
      await second.hit("shared", 60_000);
      expect((await first.hit("shared", 60_000)).count).toBe(3);
      expect((await second.peek("shared")).count).toBe(3);
    } finally {
      other.disconnect();
    }
  });

  it("let the window expire in Redis itself", async () => {
    const counters = redisCounters(redis as Redis, `todo:test:${randomUUID()}:`);
    await counters.hit("short", 100);
    // Polls Redis until the key has expired; a window that never ended would time the test out.
    while ((await counters.peek("short")).count > 0) await new Promise((r) => setTimeout(r, 20));
    expect((await counters.hit("short", 100)).count).toBe(1);
  });
});

describe("counters with a fallback", () => {
  it("count in memory while the shared store fails, and report the failure", async () => {
    const failing: Counters = {
      hit: () => Promise.reject(new Error("connection refused")),
      peek: () => Promise.reject(new Error("connection refused")),
      reset: () => Promise.reject(new Error("connection refused")),
    };
    const errors: unknown[] = [];
    const counters = withFallback(failing, memoryCounters(), (error) => errors.push(error));
    await counters.hit("k", 60_000);
    expect((await counters.hit("k", 60_000)).count).toBe(2);
    expect((await counters.peek("k")).count).toBe(2);
    await counters.reset("k");
    expect((await counters.peek("k")).count).toBe(0);
    expect(errors).toHaveLength(5);
  });
});
