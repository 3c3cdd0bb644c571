import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import {
  REVOCATION_CHANNEL,
  recordRevocation,
  sessionRevocation,
  userCutOff,
  userRevocation,
} from "@todo/db/revocations";
import { createAccessTokenIssuer, createKeyRing } from "@todo/token";
import { Redis } from "ioredis";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { createTestDatabase } from "../test/database.js";
import { testConfig } from "../test/helper.js";
import { describeApi } from "../test/suite.js";
import { startRevocationFeed } from "./revocations.js";

describeApi("revoked sessions and accounts", (ctx) => {
  const tasks = (authorization: string) =>
    ctx().app.inject({ url: "/api/tasks", headers: { authorization } });
  const bearer = (token: string) => `Bearer ${token}`;

  it("refuses an unexpired token of an ended session with 401 invalid_token, logged as revoked", async () => {
    const user = await ctx().createUser();
    expect((await tasks(user.headers.authorization)).statusCode).toBe(200);
    await recordRevocation(ctx().db.database, sessionRevocation(user.sessionId));
    await ctx().app.revocations.sync();

    const refused = await tasks(user.headers.authorization);
    expect(refused.statusCode).toBe(401);
    expect(refused.headers["www-authenticate"]).toContain('error="invalid_token"');
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect(ctx().logs.some((line) => line.reason === "revoked")).toBe(true);
  });

  it("leaves the user's other sessions working when one session ends", async () => {
    const user = await ctx().createUser();
    const other = await ctx().issuer.mint({ sub: user.id, sid: "another-session" });
    await recordRevocation(ctx().db.database, sessionRevocation(user.sessionId));
    await ctx().app.revocations.sync();
    expect((await tasks(user.headers.authorization)).statusCode).toBe(401);
    expect((await tasks(bearer(other.token))).statusCode).toBe(200);
  });

  it("refuses every token of a deleted account issued up to the deletion, and none issued after", async () => {
    const user = await ctx().createUser();
    const at = Math.floor(Date.now() / 1000);
    const before = await ctx().issuer.mint({ sub: user.id, sid: "s-before" }, (at - 5) * 1000);
    const same = await ctx().issuer.mint({ sub: user.id, sid: "s-same" }, at * 1000);
    const after = await ctx().issuer.mint({ sub: user.id, sid: "s-after" }, (at + 1) * 1000);
    await recordRevocation(ctx().db.database, userRevocation(user.id, at));
    await ctx().app.revocations.sync();
    expect((await tasks(bearer(before.token))).statusCode).toBe(401);
    expect((await tasks(bearer(same.token))).statusCode).toBe(401);
    expect((await tasks(bearer(after.token))).statusCode).toBe(200);
  });

  it("a cut-off that keeps one session refuses the user's other tokens and spares that session's", async () => {
    const user = await ctx().createUser();
    const nowMs = Date.now();
    const other = await ctx().issuer.mint({ sub: user.id, sid: "other-device" }, nowMs - 5000);
    const stranger = await ctx().createUser();
    await recordRevocation(
      ctx().db.database,
      userCutOff(user.id, { keptSessionId: user.sessionId, nowMs }),
    );
    await ctx().app.revocations.sync();
    expect((await tasks(bearer(other.token))).statusCode).toBe(401);
    expect((await tasks(user.headers.authorization)).statusCode).toBe(200);
    expect((await tasks(stranger.headers.authorization)).statusCode).toBe(200);
    // A later cut-off that keeps nothing refuses the kept session too; the first adds nothing.
    await recordRevocation(ctx().db.database, userCutOff(user.id, { nowMs: Date.now() }));
    await ctx().app.revocations.sync();
    expect((await tasks(user.headers.authorization)).statusCode).toBe(401);
  });

  it("a restarted instance refuses what was revoked before it started", async () => {
    const user = await ctx().createUser();
    await recordRevocation(ctx().db.database, sessionRevocation(user.sessionId));
    const restarted = await buildApp(ctx().config, {
      database: ctx().db.database,
      logger: false,
    });
    try {
      const response = await restarted.inject({ url: "/api/tasks", headers: user.headers });
      expect(response.statusCode).toBe(401);
    } finally {
      await restarted.close();
    }
  });

  it("finds a new entry by polling within a second or two, without being told", async () => {
    const user = await ctx().createUser();
    await recordRevocation(ctx().db.database, sessionRevocation(user.sessionId));
    const deadline = Date.now() + 5000;
    let status = 200;
    while (status !== 401 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await tasks(user.headers.authorization)).statusCode;
    }
    expect(status).toBe(401);
  });

  it("/readyz reports ready while the set is current", async () => {
    const response = await ctx().app.inject({ url: "/readyz" });
    expect(response.statusCode).toBe(200);
  });
});

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** A Redis server of this test's own, so that it can be stopped and started mid-test. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const probe = new Redis(port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0 });
  probe.on("error", () => {});
  for (let i = 0; i < 50; i++) {
    try {
      await probe.connect();
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  probe.disconnect();
  return child;
}

const redisServerPresent = await new Promise<boolean>((resolve) => {
  const child = spawn("redis-server", ["--version"], { stdio: "ignore" });
  child.on("error", () => resolve(false));
  child.on("exit", (code) => resolve(code === 0));
});
if (!redisServerPresent && process.env.CI) throw new Error("redis-server is required in CI");

describe.skipIf(!redisServerPresent || process.env.TEST_DATABASE === "postgres")(
  "revocations pushed through Redis",
  () => {
    it("arrive at once, and none is lost while Redis is stopped and started again", async () => {
      const db = await createTestDatabase("sqlite");
      const port = await freePort();
      let redis = await startRedis(port);
      const url = `redis://127.0.0.1:${port}`;
      // Polling slowed to a minute: only the push (and the reload on reconnect) can be seen here.
      const feed = await startRevocationFeed({
        database: db.database,
        redisUrl: url,
        log: pino({ level: "silent" }),
        pollMs: 60_000,
        fullReloadMs: 60_000,
      });
      const publisher = new Redis(url, { maxRetriesPerRequest: 1 });
      publisher.on("error", () => {});
      const waitUntil = async (condition: () => boolean) => {
        const deadline = Date.now() + 10_000;
        while (!condition() && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        return condition();
      };
      try {
        // Published until seen: the subscriber may still be connecting.
        const pushed = JSON.stringify(sessionRevocation("pushed-session"));
        expect(
          await waitUntil(() => {
            publisher.publish(REVOCATION_CHANNEL, pushed).catch(() => {});
            return feed.isRevoked("pushed-session", "u", 0);
          }),
        ).toBe(true);

        redis.kill("SIGKILL");
        await once(redis, "exit");
        // Written while Redis is away: nobody pushes it, the table still records it.
        await recordRevocation(db.database, sessionRevocation("during-outage"));
        redis = await startRedis(port);
        expect(await waitUntil(() => feed.isRevoked("during-outage", "u", 0))).toBe(true);
        expect(feed.isRevoked("pushed-session", "u", 0)).toBe(true);
      } finally {
        publisher.disconnect();
        await feed.close();
        redis.kill("SIGKILL");
        await db.destroy();
      }
    });
  },
);

describe("the revocation feed at start", () => {
  it("is not loaded, and authentication answers 503, while the table cannot be read", async () => {
    const db = await createTestDatabase("sqlite");
    await db.database.db.schema.dropTable("revocation").execute();
    const config = testConfig(db);
    const app = await buildApp(config, { database: db.database, logger: false });
    const keyRing = await createKeyRing({ secret: config.jwt.secret });
    const { token } = await createAccessTokenIssuer({
      keyRing,
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
    }).mint({ sub: "someone", sid: "some-session" });
    try {
      expect(app.revocations.health().loaded).toBe(false);
      const response = await app.inject({
        url: "/api/tasks",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(503);
      expect(response.headers["retry-after"]).toBe("5");
      expect((await app.inject({ url: "/readyz" })).statusCode).toBe(503);
    } finally {
      await app.close();
      await db.destroy();
    }
  });
});
