import { Redis } from "ioredis";
import { expect, it } from "vitest";
import { startTestApp } from "../test/helper.js";
import { describeApi } from "../test/suite.js";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

async function redisAvailable(): Promise<boolean> {
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch (error) {
    if (process.env.CI) throw new Error(`Redis is required in CI: ${String(error)}`);
    console.warn(`NOTICE: Redis at ${REDIS_URL} is unreachable; skipping its tests.`);
    return false;
  } finally {
    client.disconnect();
  }
}

describeApi(
  "rate limit per user",
  (ctx) => {
    it("answers 429 with Retry-After once a user exceeds the limit, and counts users apart", async () => {
      const alice = await ctx().createUser();
      const bob = await ctx().createUser();
      for (let i = 0; i < 3; i++) {
        expect(
          (await ctx().app.inject({ url: "/api/me", headers: alice.headers })).statusCode,
        ).toBe(200);
      }
      const limited = await ctx().app.inject({ url: "/api/me", headers: alice.headers });
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
      expect(limited.json()).toMatchObject({ status: 429, code: "RATE_LIMITED" });
      expect((await ctx().app.inject({ url: "/api/me", headers: bob.headers })).statusCode).toBe(
        200,
      );
      expect(
        ctx().logs.some((line) => line.event === "rate_limit.exceeded" && line.scope === "user"),
      ).toBe(true);
    });
  },
  { rateLimit: { perIp: 1000, perUser: 3, windowMs: 60_000 } },
);

describeApi(
  "rate limit per address",
  (ctx) => {
    it("limits unauthenticated requests by address before any token check, but never the probes", async () => {
      for (let i = 0; i < 4; i++) {
        expect((await ctx().app.inject({ url: "/api/tasks" })).statusCode).toBe(401);
      }
      const limited = await ctx().app.inject({
        url: "/api/tasks",
        headers: { authorization: "Bearer guess.guess.guess" },
      });
      expect(limited.statusCode).toBe(429);
      expect((await ctx().app.inject({ url: "/healthz" })).statusCode).toBe(200);
    });

    it("does not trust X-Forwarded-For when no proxy is configured", async () => {
      const response = await ctx().app.inject({
        url: "/api/tasks",
        headers: { "x-forwarded-for": "203.0.113.9" },
      });
      expect(response.statusCode).toBe(429);
    });
  },
  { rateLimit: { perIp: 4, perUser: 1000, windowMs: 60_000 } },
);

describeApi(
  "rate limit per address behind a trusted proxy",
  (ctx) => {
    it("takes the address the trusted proxy saw, never an entry the client wrote itself", async () => {
      // app.inject connects from 127.0.0.1: the trusted proxy here.
      const from = (forwardedFor: string) =>
        ctx().app.inject({ url: "/api/tasks", headers: { "x-forwarded-for": forwardedFor } });
      expect((await from("203.0.113.1")).statusCode).toBe(401);
      expect((await from("203.0.113.1")).statusCode).toBe(401);
      expect((await from("203.0.113.1")).statusCode).toBe(429);
      // A forged entry on the left changes nothing: the proxy appended the real address.
      expect((await from("198.51.100.77, 203.0.113.1")).statusCode).toBe(429);
      // Another client behind the same proxy has its own count.
      expect((await from("203.0.113.2")).statusCode).toBe(401);
    });
  },
  { trustProxy: ["loopback"], rateLimit: { perIp: 2, perUser: 1000, windowMs: 60_000 } },
);

const redisHere = await redisAvailable();

it.skipIf(!redisHere)("shares the per-user counters between instances through Redis", async () => {
  const limits = { perIp: 100_000, perUser: 3, windowMs: 60_000 };
  const first = await startTestApp({ redisUrl: REDIS_URL, rateLimit: limits });
  try {
    const secret = first.config.jwt.secret;
    const second = await startTestApp({
      redisUrl: REDIS_URL,
      rateLimit: limits,
      jwt: { ...first.config.jwt, secret },
    });
    try {
      const user = await first.createUser();
      const statuses: number[] = [];
      for (const app of [first.app, second.app, first.app, second.app]) {
        statuses.push((await app.inject({ url: "/api/me", headers: user.headers })).statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await second.close();
    }
  } finally {
    await first.close();
  }
});
