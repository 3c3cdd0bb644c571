import { randomBytes, randomUUID } from "node:crypto";
import { createDatabase, type Database } from "@todo/db";
import { migrateToLatest } from "@todo/db/migrations";
import { readRevocations, refuses } from "@todo/db/revocations";
import { adminQuery, createScratchPostgres, dropScratchPostgres } from "@todo/db/scratch-postgres";
import { createAccessTokenIssuer, createKeyRing } from "@todo/token";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Auth, createAuth } from "./create-auth.js";
import { type AuthCall, authRequest, cookieOf, migratedTestDatabase } from "./test-auth.js";

// Every path that ends many sessions ends all of them, whatever their number: 150 sessions, past
// Better Auth's default page of 100 rows (docs/decisions/0010-session-revocation.md).

const ORIGIN = "http://localhost:3000";
const PASSWORD = "correct horse battery";
const MANY = 150;
const CAP = 30;
const secret = () => randomBytes(32).toString("base64url");

const postgresHere = await adminQuery("select 1").then(
  () => true,
  (error: unknown) => {
    if (process.env.CI) throw error;
    console.warn("NOTICE: PostgreSQL unreachable; skipping its many-session tests.");
    return false;
  },
);

async function open(kind: Database["kind"]) {
  if (kind === "sqlite") {
    const database = await migratedTestDatabase("many-sessions");
    return { database, destroy: () => database.close() };
  }
  const url = await createScratchPostgres("todo_sessions");
  const database = createDatabase({ kind, url }, { poolSize: 4 });
  await migrateToLatest(database);
  return {
    database,
    destroy: async () => {
      await database.close();
      await dropScratchPostgres(url);
    },
  };
}

for (const kind of ["sqlite", "postgres"] as const) {
  describe.skipIf(kind === "postgres" && !postgresHere)(`${MANY} sessions [${kind}]`, () => {
    let auth: Auth;
    let database: Database;
    let destroy: () => Promise<void>;

    beforeAll(async () => {
      ({ database, destroy } = await open(kind));
      const keyRing = await createKeyRing({ secret: secret() });
      auth = createAuth({
        database,
        secret: secret(),
        baseURL: ORIGIN,
        issuer: createAccessTokenIssuer({ keyRing, issuer: ORIGIN, audience: "todo-api" }),
        rateLimit: false,
        audit: () => {},
        maxSessionsPerUser: CAP,
      });
    });
    afterAll(() => destroy());

    const call = (pathname: string, init: AuthCall) =>
      authRequest(auth.handler, ORIGIN, pathname, { method: "POST", ...init });

    /** A signed-up user (this device) with `MANY` more sessions, made in the database directly. */
    const crowdedAccount = async () => {
      const email = `${randomUUID()}@example.test`;
      const signUp = await call("/sign-up/email", {
        body: { name: "Pat", email, password: PASSWORD },
      });
      expect(signUp.status).toBe(200);
      const cookie = cookieOf(signUp);
      const current = await auth.api.getSession({ headers: new Headers({ cookie }) });
      if (!current) throw new Error("no session");
      const { adapter } = await auth.$context;
      const now = Date.now();
      const others: string[] = [];
      for (let i = 0; i < MANY; i++) {
        const row = await adapter.create<Record<string, unknown>, { id: string }>({
          model: "session",
          data: {
            userId: current.user.id,
            token: randomBytes(24).toString("base64url"),
            expiresAt: new Date(now + 86_400_000),
            createdAt: new Date(now - (MANY - i) * 60_000),
            updatedAt: new Date(now - (MANY - i) * 60_000),
            ipAddress: `198.51.100.${i % 250}`,
            userAgent: "test",
          },
        });
        others.push(row.id);
      }
      return { email, cookie, userId: current.user.id, current: current.session.id, others };
    };
    const liveSessions = async (userId: string) =>
      (
        await database.db
          .selectFrom("session" as never)
          .select(sql<string>`id`.as("id"))
          .where(sql`"userId"`, "=", userId)
          .execute()
      ).map((row) => (row as { id: string }).id);
    /** Would the API refuse a token of `sid`, issued a minute ago? The record, read as it reads it. */
    const refused = async (userId: string, sids: readonly string[]) => {
      const { entries } = await readRevocations(database, 0);
      const iat = Math.floor(Date.now() / 1000) - 60;
      return sids.filter((sid) => entries.some((entry) => refuses(entry, sid, userId, iat)));
    };

    it("'sign out other devices' ends and revokes all of them, and keeps this one", async () => {
      const user = await crowdedAccount();
      const response = await call("/revoke-other-sessions", { cookie: user.cookie, body: {} });
      expect(response.status).toBe(200);
      expect(await liveSessions(user.userId)).toEqual([user.current]);
      expect(await refused(user.userId, user.others)).toHaveLength(MANY);
      expect(await refused(user.userId, [user.current])).toEqual([]);
      const token = await call("/token", { method: "GET", cookie: user.cookie });
      expect(token.status).toBe(200);
    });

    it("'sign out everywhere' ends and revokes every one, this one included", async () => {
      const user = await crowdedAccount();
      const response = await call("/revoke-sessions", { cookie: user.cookie, body: {} });
      expect(response.status).toBe(200);
      expect(await liveSessions(user.userId)).toEqual([]);
      expect(await refused(user.userId, [user.current, ...user.others])).toHaveLength(MANY + 1);
      // Signing in again at once works: the new session is not caught by the cut-off.
      const again = await call("/sign-in/email", {
        body: { email: user.email, password: PASSWORD },
      });
      const token = await call("/token", { method: "GET", cookie: cookieOf(again) });
      expect(token.status).toBe(200);
      const { token: accessToken } = (await token.json()) as { token: string };
      const claims = JSON.parse(
        Buffer.from(accessToken.split(".")[1] as string, "base64url").toString(),
      ) as { sid: string; iat: number };
      const { entries } = await readRevocations(database, 0);
      expect(entries.some((entry) => refuses(entry, claims.sid, user.userId, claims.iat))).toBe(
        false,
      );
    });

    it("a password change ends and revokes every other session; this device signs in anew", async () => {
      const user = await crowdedAccount();
      const response = await call("/change-password", {
        cookie: user.cookie,
        body: { currentPassword: PASSWORD, newPassword: "a brand new passphrase" },
      });
      expect(response.status).toBe(200);
      const live = await liveSessions(user.userId);
      expect(live).toHaveLength(1);
      expect(live[0]).not.toBe(user.current);
      expect(await refused(user.userId, [user.current, ...user.others])).toHaveLength(MANY + 1);
      const token = await call("/token", { method: "GET", cookie: cookieOf(response) });
      expect(token.status).toBe(200);
    });

    it("account deletion revokes every session's tokens before anything is deleted", async () => {
      const user = await crowdedAccount();
      const response = await call("/delete-user", {
        cookie: user.cookie,
        body: { password: PASSWORD },
      });
      expect(response.status).toBe(200);
      expect(await liveSessions(user.userId)).toEqual([]);
      expect(await refused(user.userId, [user.current, ...user.others])).toHaveLength(MANY + 1);
    });

    it("a sign-in beyond the cap ends and revokes the oldest sessions", async () => {
      const user = await crowdedAccount();
      const signIn = await call("/sign-in/email", {
        body: { email: user.email, password: PASSWORD },
      });
      expect(signIn.status).toBe(200);
      const live = await liveSessions(user.userId);
      expect(live).toHaveLength(CAP);
      // The newest of the crowd survive with the new session; the older ones are revoked.
      const ended = [user.current, ...user.others].filter((id) => !live.includes(id));
      expect(ended).toHaveLength(MANY + 1 - (CAP - 1));
      expect(await refused(user.userId, ended)).toHaveLength(ended.length);
      // Oldest first: the crowd (made in the past), then this device's sign-up.
      expect(live).toEqual(
        expect.arrayContaining([...user.others, user.current].slice(-(CAP - 1))),
      );
      const list = await call("/sessions", { method: "GET", cookie: cookieOf(signIn) });
      expect(((await list.json()) as unknown[]).length).toBe(CAP);
    });

    it("lists every live session, a page at a time, and ends any of them", async () => {
      const user = await crowdedAccount();
      const page = async (n: number) => {
        const response = await call(`/sessions?page=${n}`, { method: "GET", cookie: user.cookie });
        expect(response.status).toBe(200);
        return { ids: ((await response.json()) as { id: string }[]).map((s) => s.id), response };
      };
      const first = await page(0);
      const second = await page(1);
      expect(first.response.headers.get("link")).toBe('</api/auth/sessions?page=1>; rel="next"');
      expect(second.response.headers.get("link")).toBeNull();
      expect(new Set([...first.ids, ...second.ids])).toEqual(
        new Set([user.current, ...user.others]),
      );
      // The oldest session is on the last page; ending it works and revokes it.
      const oldest = user.others[0] as string;
      expect(second.ids).toContain(oldest);
      const end = await call("/sessions/end", { cookie: user.cookie, body: { id: oldest } });
      expect(end.status).toBe(200);
      expect(await liveSessions(user.userId)).not.toContain(oldest);
      expect(await refused(user.userId, [oldest])).toEqual([oldest]);
    });

    it("never lists an expired session, nor ends one", async () => {
      const user = await crowdedAccount();
      const { adapter } = await auth.$context;
      const expired = await adapter.create<Record<string, unknown>, { id: string }>({
        model: "session",
        data: {
          userId: user.userId,
          token: randomBytes(24).toString("base64url"),
          expiresAt: new Date(Date.now() - 1000),
          createdAt: new Date(Date.now() - 86_400_000),
          updatedAt: new Date(),
          userAgent: "expired",
        },
      });
      const pages = [0, 1].map((n) =>
        call(`/sessions?page=${n}`, { method: "GET", cookie: user.cookie }).then(
          async (r) => (await r.json()) as { id: string }[],
        ),
      );
      const listed = (await Promise.all(pages)).flat().map((session) => session.id);
      expect(listed).toHaveLength(MANY + 1);
      expect(listed).not.toContain(expired.id);
      const end = await call("/sessions/end", { cookie: user.cookie, body: { id: expired.id } });
      expect(end.status).toBe(404);
    });

    it("a revocation that cannot be written changes nothing: 503, sessions, password and account intact", async () => {
      const user = await crowdedAccount();
      await sql`alter table revocation rename to revocation_away`.execute(database.db);
      try {
        const attempts = [
          () => call("/revoke-other-sessions", { cookie: user.cookie, body: {} }),
          () => call("/revoke-sessions", { cookie: user.cookie, body: {} }),
          () =>
            call("/change-password", {
              cookie: user.cookie,
              body: { currentPassword: PASSWORD, newPassword: "a brand new passphrase" },
            }),
          () => call("/delete-user", { cookie: user.cookie, body: { password: PASSWORD } }),
        ];
        for (const attempt of attempts) {
          const response = await attempt();
          expect(response.status).toBe(503);
          expect(((await response.json()) as { code: string }).code).toBe("REVOCATION_UNAVAILABLE");
        }
      } finally {
        await sql`alter table revocation_away rename to revocation`.execute(database.db);
      }
      expect(await liveSessions(user.userId)).toHaveLength(MANY + 1);
      const signIn = await call("/sign-in/email", {
        body: { email: user.email, password: PASSWORD },
      });
      expect(signIn.status).toBe(200);
    });
  });
}
