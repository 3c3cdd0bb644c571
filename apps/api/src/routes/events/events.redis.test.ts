import { Writable } from "node:stream";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { postgresAvailable, testDatabaseKind } from "../../test/database.js";
import { type EventStreamClient, listenOnLoopback, openEvents } from "../../test/event-client.js";
import { startTestApp, type TestContext, type TestUser } from "../../test/helper.js";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

async function redisAvailable(): Promise<boolean> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, retryStrategy: () => null });
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

const here =
  (await redisAvailable()) && (testDatabaseKind() === "sqlite" || (await postgresAvailable()));

/** Two API instances on one database, each with its own Redis connections, as two processes. */
describe.skipIf(!here)(
  `GET /api/events across two instances through Redis [${testDatabaseKind()}]`,
  () => {
    let first: TestContext;
    let second: Awaited<ReturnType<typeof buildApp>>;
    const bases: string[] = [];
    const open: EventStreamClient[] = [];
    beforeAll(async () => {
      first = await startTestApp({ redisUrl: REDIS_URL });
      const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
      second = await buildApp(first.config, {
        database: first.db.database,
        logger: { level: "info", stream: quiet },
      });
      bases.push(await listenOnLoopback(first.app), await listenOnLoopback(second));
    });
    afterAll(async () => {
      for (const stream of open) stream.close();
      await second?.close();
      await first?.close();
    });
    const events = async (base: string, headers: Record<string, string>) => {
      const stream = await openEvents(base, headers);
      open.push(stream);
      return stream;
    };
    const create = async (base: string, user: TestUser, title: string) => {
      const response = await fetch(`${base}/api/tasks`, {
        method: "POST",
        headers: { ...user.headers, "content-type": "application/json" },
        body: JSON.stringify({ title }),
      });
      expect(response.status).toBe(201);
      return (await response.json()) as { id: string };
    };

    it("delivers every event exactly once to every stream of the user, whichever instance wrote it", async () => {
      const user = await first.createUser();
      const [one = "", two = ""] = bases;
      const streams = [
        await events(one, user.headers),
        await events(one, user.headers),
        await events(two, user.headers),
        await events(two, user.headers),
      ];
      for (const stream of streams) expect((await stream.next()).event).toBe("ready");
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push((await create(i % 2 ? two : one, user, `t${i}`)).id);
      for (const stream of streams) {
        const received: string[] = [];
        for (let i = 0; i < 10; i++) received.push(JSON.parse((await stream.next()).data).id);
        expect(received).toEqual(ids);
      }
      // Nothing more arrives: no event was delivered twice.
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const stream of streams) expect(stream.messages).toHaveLength(11);
    });

    it("resumes on the other instance from an id the first one sent (one shared history)", async () => {
      const user = await first.createUser();
      const [one = "", two = ""] = bases;
      const stream = await events(one, user.headers);
      await stream.next();
      const task = await create(one, user, "seen on one");
      const seen = await stream.next();
      stream.close();
      const missed = await create(two, user, "missed");
      const again = await events(two, { ...user.headers, "last-event-id": seen.id });
      expect(JSON.parse((await again.next()).data).id).toBe(missed.id);
      expect((await again.next()).event).toBe("ready");
      expect(again.text()).not.toContain(task.id);
    });

    it("answers reload when the user's history is gone from Redis (expired, or Redis restarted empty)", async () => {
      const user = await first.createUser();
      const [one = ""] = bases;
      const stream = await events(one, user.headers);
      await stream.next();
      await create(one, user, "kept until the history is dropped");
      const seen = await stream.next();
      stream.close();
      const redis = new Redis(REDIS_URL);
      try {
        await redis.del(`todo-api:changes:${user.id}`);
      } finally {
        redis.disconnect();
      }
      const again = await events(one, { ...user.headers, "last-event-id": seen.id });
      expect((await again.next()).event).toBe("reload");
    });
  },
);

describe.skipIf(!here)(
  `GET /api/events with a short history in Redis [${testDatabaseKind()}]`,
  () => {
    it("answers a Last-Event-ID trimmed from the user's stream with reload", async () => {
      const context = await startTestApp({
        redisUrl: REDIS_URL,
        events: {
          history: 3,
          retentionMs: 60_000,
          heartbeatMs: 15_000,
          limits: { perUser: 5, perAddress: 50 },
        },
      });
      try {
        const base = await listenOnLoopback(context.app);
        const user = await context.createUser();
        const first = await openEvents(base, user.headers);
        const ready = await first.next();
        first.close();
        for (let i = 0; i < 4; i++) {
          const response = await fetch(`${base}/api/tasks`, {
            method: "POST",
            headers: { ...user.headers, "content-type": "application/json" },
            body: JSON.stringify({ title: `task ${i}` }),
          });
          expect(response.status).toBe(201);
        }
        const again = await openEvents(base, { ...user.headers, "last-event-id": ready.id });
        expect((await again.next()).event).toBe("reload");
        again.close();
      } finally {
        await context.close();
      }
    });
  },
);
