import { randomBytes } from "node:crypto";
import type { Database } from "@todo/db";
import { type Revocation, recordRevocation, userCutOff } from "@todo/db/revocations";
import { createAccessTokenIssuer, createKeyRing } from "@todo/token";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Auth, createAuth } from "./create-auth.js";
import { type AuthCall, authRequest, cookieOf, migratedTestDatabase } from "./test-auth.js";

const ORIGIN = "http://localhost:3000";
const PASSWORD = "correct horse battery";

describe("revocation records where sessions end", () => {
  let database: Database;
  let auth: Auth;
  const pushed: Revocation[] = [];

  beforeAll(async () => {
    database = await migratedTestDatabase("revocation");
    const keyRing = await createKeyRing({ secret: randomBytes(32).toString("base64url") });
    auth = createAuth({
      database,
      secret: randomBytes(32).toString("base64url"),
      baseURL: ORIGIN,
      issuer: createAccessTokenIssuer({ keyRing, issuer: ORIGIN, audience: "todo-api" }),
      rateLimit: false,
      audit: () => {},
      notifyRevocation: async (entry) => {
        pushed.push(entry);
      },
    });
  });
  afterAll(() => database.close());

  const call = (pathname: string, init: AuthCall) =>
    authRequest(auth.handler, ORIGIN, pathname, {
      ...init,
      headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36" },
    });
  let counter = 0;
  /** A new account signed in on `devices` devices: one cookie and session id each. */
  const account = async (devices = 2) => {
    const email = `user${++counter}-${randomBytes(3).toString("hex")}@example.test`;
    const signUp = await call("/sign-up/email", {
      method: "POST",
      body: { name: "Ann", email, password: PASSWORD },
    });
    expect(signUp.status).toBe(200);
    const cookies = [cookieOf(signUp)];
    for (let i = 1; i < devices; i++) {
      const signIn = await call("/sign-in/email", {
        method: "POST",
        body: { email, password: PASSWORD },
      });
      cookies.push(cookieOf(signIn));
    }
    const sessions = [];
    for (const cookie of cookies) {
      const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
      if (!session) throw new Error("no session");
      sessions.push(session);
    }
    return { email, cookies, ids: sessions.map((s) => s.session.id), userId: sessions[0]?.user.id };
  };
  const revoked = async () => {
    const rows = await database.db.selectFrom("revocation").selectAll().execute();
    return {
      sessions: new Set<string | null | undefined>(rows.map((row) => row.session_id)),
      users: new Set<string | null | undefined>(rows.map((row) => row.user_id)),
    };
  };

  it("sign-out records that session only, once, and pushes it once", async () => {
    const { cookies, ids } = await account();
    expect((await call("/sign-out", { method: "POST", cookie: cookies[0] })).status).toBe(200);
    const { sessions } = await revoked();
    expect(sessions.has(ids[0])).toBe(true);
    expect(sessions.has(ids[1])).toBe(false);
    const rows = await database.db
      .selectFrom("revocation")
      .select("session_id")
      .where("session_id", "=", ids[0] ?? "")
      .execute();
    expect(rows).toHaveLength(1);
    expect(
      pushed.filter((entry) => "sessionId" in entry && entry.sessionId === ids[0]),
    ).toHaveLength(1);
  });

  it("signing out all other devices records one cut-off for the user that keeps this session", async () => {
    const { cookies, ids, userId } = await account(3);
    const response = await call("/revoke-other-sessions", {
      method: "POST",
      cookie: cookies[0],
      body: {},
    });
    expect(response.status).toBe(200);
    const rows = await database.db
      .selectFrom("revocation")
      .selectAll()
      .where("user_id", "=", userId as string)
      .execute();
    expect(rows).toEqual([expect.objectContaining({ kept_session_id: ids[0], session_id: null })]);
    expect(pushed.at(-1)).toMatchObject({ userId, keptSessionId: ids[0] });
  });

  it("account deletion records the user, so every token issued before it is refused", async () => {
    const { cookies, userId } = await account(1);
    const response = await call("/delete-user", {
      method: "POST",
      cookie: cookies[0],
      body: { password: PASSWORD },
    });
    expect(response.status).toBe(200);
    expect((await revoked()).users.has(userId)).toBe(true);
  });

  it("lists the user's sessions by id, marks this device, and never returns a session token", async () => {
    const { cookies, ids } = await account(2);
    const response = await call("/sessions", { cookie: cookies[1] });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    const list = JSON.parse(text) as Array<Record<string, unknown>>;
    expect(list.map((entry) => entry.id).sort()).toEqual([...ids].sort());
    expect(list[0]).toMatchObject({ id: ids[1], current: true, userAgent: expect.any(String) });
    expect(list[1]).toMatchObject({ current: false });
    for (const entry of list) expect(Object.keys(entry)).not.toContain("token");
    for (const cookie of cookies) {
      const token = decodeURIComponent(cookie.split("=")[1] ?? "").split(".")[0] ?? "";
      expect(text).not.toContain(token);
    }
  });

  it("ends one of the user's other sessions by id, and records it", async () => {
    const { cookies, ids } = await account(2);
    const response = await call("/sessions/end", {
      method: "POST",
      cookie: cookies[0],
      body: { id: ids[1] },
    });
    expect(response.status).toBe(200);
    expect((await revoked()).sessions.has(ids[1])).toBe(true);
    expect((await call("/token", { cookie: cookies[1] })).status).toBe(401);
    expect((await call("/token", { cookie: cookies[0] })).status).toBe(200);
  });

  it("answers 404 for another user's session id and ends nothing", async () => {
    const mine = await account(1);
    const theirs = await account(1);
    const response = await call("/sessions/end", {
      method: "POST",
      cookie: mine.cookies[0],
      body: { id: theirs.ids[0] },
    });
    expect(response.status).toBe(404);
    expect((await revoked()).sessions.has(theirs.ids[0])).toBe(false);
    expect((await call("/token", { cookie: theirs.cookies[0] })).status).toBe(200);
  });

  it("refuses to end this device's own session by id (that is sign-out)", async () => {
    const { cookies, ids } = await account(1);
    const response = await call("/sessions/end", {
      method: "POST",
      cookie: cookies[0],
      body: { id: ids[0] },
    });
    expect(response.status).toBe(400);
  });

  it("answers 503 and changes nothing when the record cannot be written", async () => {
    const { cookies, ids } = await account(2);
    await database.db.schema.alterTable("revocation").renameTo("revocation_away").execute();
    try {
      const signOut = await call("/sign-out", { method: "POST", cookie: cookies[0] });
      expect(signOut.status).toBe(503);
      expect(signOut.headers.getSetCookie()).toEqual([]);
      const end = await call("/sessions/end", {
        method: "POST",
        cookie: cookies[0],
        body: { id: ids[1] },
      });
      expect(end.status).toBe(503);
      const deletion = await call("/delete-user", {
        method: "POST",
        cookie: cookies[0],
        body: { password: PASSWORD },
      });
      expect(deletion.status).toBe(503);
    } finally {
      await database.db.schema.alterTable("revocation_away").renameTo("revocation").execute();
    }
    // Nothing was half done: both sessions still mint tokens.
    for (const cookie of cookies) expect((await call("/token", { cookie })).status).toBe(200);
  });

  it("mints no token for a session a cut-off covers, even if its row outlived the cut-off", async () => {
    const { cookies, ids, userId } = await account(2);
    // The cut-off is written but the deletion never happened (as when it failed): the rows stay.
    await recordRevocation(
      database,
      userCutOff(userId as string, { keptSessionId: ids[0] as string, nowMs: Date.now() }),
    );
    expect((await call("/token", { cookie: cookies[0] })).status).toBe(200);
    const covered = await call("/token", { cookie: cookies[1] });
    expect(covered.status).toBe(401);
    expect(((await covered.json()) as { code: string }).code).toBe("SESSION_REVOKED");
  });

  it("gives a session signed in right after a cut-off, in the same second, a token the cut-off spares", async () => {
    const { email, userId } = await account(1);
    const at = Date.now();
    await recordRevocation(database, userCutOff(userId as string, { nowMs: at }));
    const signIn = await call("/sign-in/email", {
      method: "POST",
      body: { email, password: PASSWORD },
    });
    const minted = await call("/token", { cookie: cookieOf(signIn) });
    expect(minted.status).toBe(200);
    const { token } = (await minted.json()) as { token: string };
    const claims = JSON.parse(
      Buffer.from(token.split(".")[1] as string, "base64url").toString(),
    ) as { iat: number };
    expect(claims.iat).toBeGreaterThan(Math.floor(at / 1000));
  });
});
