import { randomBytes, randomUUID } from "node:crypto";
import { CLIENT_ADDRESS_HEADER } from "@todo/config";
import type { Database } from "@todo/db";
import { createAccessTokenIssuer, createAccessTokenVerifier, createKeyRing } from "@todo/token";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEvent } from "./audit.js";
import { redisCounters } from "./counters.js";
import { type Auth, type AuthSettings, createAuth } from "./create-auth.js";
import { type AuthCall, authRequest, cookieOf, migratedTestDatabase } from "./test-auth.js";
import { connectTestRedis } from "./test-redis.js";

const ORIGIN = "http://localhost:3000";
const secret = () => randomBytes(32).toString("base64url");
const redis = await connectTestRedis();
afterAll(() => redis?.disconnect());

describe("Better Auth with the access-token plugin", () => {
  let auth: Auth;
  let limited: Auth;
  const events: AuditEvent[] = [];
  const limitedEvents: AuditEvent[] = [];
  let close: () => Promise<void>;
  let databaseRef: Database;
  let issuerRef: ReturnType<typeof createAccessTokenIssuer>;
  let verifier: ReturnType<typeof createAccessTokenVerifier>;

  beforeAll(async () => {
    const database = await migratedTestDatabase("auth");
    const keyRing = await createKeyRing({ secret: secret() });
    const issuer = createAccessTokenIssuer({ keyRing, issuer: ORIGIN, audience: "todo-api" });
    databaseRef = database;
    issuerRef = issuer;
    verifier = createAccessTokenVerifier({ keyRing, issuer: ORIGIN, audience: "todo-api" });
    // Rate limiting is not what these tests are about; the last test checks it separately.
    auth = createAuth({
      database,
      secret: secret(),
      baseURL: ORIGIN,
      issuer,
      rateLimit: false,
      audit: (event) => events.push(event),
    });
    limited = createAuth({
      database,
      secret: secret(),
      baseURL: ORIGIN,
      issuer,
      audit: (event) => limitedEvents.push(event),
    });
    close = () => database.close();
  });
  afterAll(() => close());

  /** Another instance on the same database, rate limiting off unless the settings turn it on. */
  const instance = (settings: Partial<AuthSettings>) =>
    createAuth({
      database: databaseRef,
      secret: secret(),
      baseURL: ORIGIN,
      issuer: issuerRef,
      rateLimit: false,
      audit: () => {},
      ...settings,
    });
  /** A request through an instance's handler (`auth` unless `on` says otherwise). */
  const call = (pathname: string, init: AuthCall & { on?: Auth } = {}) =>
    authRequest((init.on ?? auth).handler, ORIGIN, pathname, init);
  const signUp = async (email: string, on: Auth = auth) => {
    const response = await call("/sign-up/email", {
      on,
      method: "POST",
      body: { name: "Ann", email, password: "correct horse battery" },
    });
    expect(response.status).toBe(200);
    return cookieOf(response);
  };

  it("GET /token with a session returns a no-store access token for that session's user", async () => {
    const cookie = await signUp("ann@example.test");
    const response = await call("/token", { cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { token: string; expiresAt: string };
    const claims = await verifier.verify(body.token);
    expect(claims.email).toBe("ann@example.test");
    expect(claims.sid).toEqual(expect.any(String));
    expect(new Date(body.expiresAt).getTime()).toBe(claims.exp * 1000);
    const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(claims.sub).toBe(session?.user.id);
  });

  it("GET /token without a session answers 401", async () => {
    expect((await call("/token")).status).toBe(401);
    expect((await call("/token", { cookie: "todo.session_token=forged.value" })).status).toBe(401);
  });

  it("takes the subject from the session, never from the request", async () => {
    const cookie = await signUp("bob@example.test");
    const response = await call("/token?sub=someone-else&userId=someone-else", { cookie });
    const { token } = (await response.json()) as { token: string };
    const claims = await verifier.verify(token);
    expect(claims.email).toBe("bob@example.test");
    expect(claims.sub).not.toBe("someone-else");
  });

  it("trims and lower-cases the email on sign-up and sign-in", async () => {
    await signUp("  Carol@Example.TEST ");
    const response = await call("/sign-in/email", {
      method: "POST",
      body: { email: " carol@example.test  ", password: "correct horse battery" },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { user: { email: string } };
    expect(body.user.email).toBe("carol@example.test");
  });

  it("refuses the token after sign-out", async () => {
    const cookie = await signUp("dave@example.test");
    expect((await call("/sign-out", { method: "POST", cookie })).status).toBe(200);
    expect((await call("/token", { cookie })).status).toBe(401);
  });

  it("refuses a cross-origin sign-in (origin check stays on)", async () => {
    await signUp("erin@example.test");
    const response = await call("/sign-in/email", {
      method: "POST",
      origin: "https://evil.example",
      body: { email: "erin@example.test", password: "correct horse battery" },
    });
    expect(response.status).toBe(403);
  });

  it("rate-limits sign-in per client address by default, whatever NODE_ENV says", async () => {
    const attempt = (address: string, forwardedFor: string) =>
      call("/sign-in/email", {
        on: limited,
        method: "POST",
        headers: {
          [CLIENT_ADDRESS_HEADER]: address,
          "x-forwarded-for": forwardedFor,
          "x-request-id": `req-${forwardedFor}`,
        },
        body: { email: "nobody@example.test", password: "wrong password!" },
      });
    const statuses: number[] = [];
    // A new forged X-Forwarded-For every time: only the front's client-address header counts.
    for (let i = 0; i < 5; i++)
      statuses.push((await attempt("198.51.100.7", `10.9.9.${i}`)).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);

    const limitedResponse = await attempt("198.51.100.7", "10.9.9.9");
    expect(Number(limitedResponse.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limitedResponse.headers.get("x-retry-after")).toBeNull();
    expect(await limitedResponse.json()).toEqual({
      code: "TOO_MANY_REQUESTS",
      message: expect.any(String),
    });
    expect(limitedEvents.at(-1)).toEqual({
      event: "auth.rate_limited",
      outcome: "failure",
      requestId: "req-10.9.9.9",
      ip: "198.51.100.7",
      reason: "per_address",
      status: 429,
      path: "/sign-in/email",
    });
    // Another client is not affected.
    expect((await attempt("198.51.100.8", "10.9.9.0")).status).toBe(401);
  });

  it("records sign-up, sign-in success and failure, sign-out and account deletion as audit events", async () => {
    events.length = 0;
    const cookie = await signUp("frank@example.test");
    await call("/sign-in/email", {
      method: "POST",
      body: { email: "frank@example.test", password: "not the password" },
    });
    const signIn = await call("/sign-in/email", {
      method: "POST",
      body: { email: "frank@example.test", password: "correct horse battery" },
    });
    const fresh = cookieOf(signIn);
    await call("/delete-user", {
      method: "POST",
      cookie: fresh,
      body: { password: "correct horse battery" },
    });
    await call("/sign-out", { method: "POST", cookie });
    const summary = events.map((e) => `${e.event}:${e.outcome}${e.reason ? `:${e.reason}` : ""}`);
    expect(summary).toEqual([
      "auth.sign_up:success",
      "auth.sign_in:failure:INVALID_EMAIL_OR_PASSWORD",
      "auth.sign_in:success",
      "auth.account_deleted:success",
      "auth.sign_out:success",
    ]);
    const userId = events[0]?.userId;
    expect(userId).toEqual(expect.any(String));
    expect(events[2]?.userId).toBe(userId);
    expect(events[3]?.userId).toBe(userId);
    for (const event of events) expect(event.requestId).toEqual(expect.any(String));
    expect(JSON.stringify(events)).not.toContain("correct horse battery");
    expect(JSON.stringify(events)).not.toContain("frank@example.test");
  });

  it("refuses common and breached passwords, case-insensitively, and the email as password", async () => {
    for (const password of [
      "password1",
      "PASSWORD1",
      "iloveyou",
      "qwertyuiop",
      "12345678",
      "grace@example.test",
    ]) {
      const response = await call("/sign-up/email", {
        method: "POST",
        body: { name: "Grace", email: "grace@example.test", password },
      });
      expect(response.status, password).toBe(400);
      expect(((await response.json()) as { code: string }).code).toBe("PASSWORD_TOO_COMMON");
    }
  });

  it("takes any Unicode and never trims or truncates a password", async () => {
    const unicode = "пароль — 密码 — 🔐🔐";
    expect(
      (
        await call("/sign-up/email", {
          method: "POST",
          body: { name: "U", email: "u@example.test", password: unicode },
        })
      ).status,
    ).toBe(200);
    const spaced = "  spaced passphrase  ";
    await call("/sign-up/email", {
      method: "POST",
      body: { name: "S", email: "s@example.test", password: spaced },
    });
    const signIn = (password: string) =>
      call("/sign-in/email", { method: "POST", body: { email: "s@example.test", password } });
    expect((await signIn(spaced.trim())).status).toBe(401);
    expect((await signIn(spaced)).status).toBe(200);
    const long = `${"x".repeat(100)}long passphrase that goes on`; // 128 characters
    expect(long).toHaveLength(128);
    expect(
      (
        await call("/sign-up/email", {
          method: "POST",
          body: { name: "L", email: "l@example.test", password: long },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call("/sign-up/email", {
          method: "POST",
          body: { name: "M", email: "m@example.test", password: `${long}y` },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call("/sign-in/email", {
          method: "POST",
          body: { email: "l@example.test", password: long.slice(0, 72) },
        })
      ).status,
    ).toBe(401);
  });

  it("under https, sets the session cookie Secure, HttpOnly, SameSite=Lax with the __Secure- prefix", async () => {
    const origin = "https://todo.example.test";
    const secureAuth = createAuth({
      database: databaseRef,
      secret: secret(),
      baseURL: origin,
      issuer: issuerRef,
      rateLimit: false,
      audit: () => {},
    });
    const response = await secureAuth.handler(
      new Request(`${origin}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body: JSON.stringify({
          name: "H",
          email: "h@example.test",
          password: "correct horse battery",
        }),
      }),
    );
    expect(response.status).toBe(200);
    const session = response.headers.getSetCookie().find((c) => c.includes("session_token"));
    expect(session).toMatch(/^__Secure-todo\.session_token=/);
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Lax/i);
  });

  it("throttles sign-in per account after repeated failures, from any address, existing or not", async () => {
    const throttleEvents: AuditEvent[] = [];
    const throttled = instance({
      maxFailedSignIns: 3,
      audit: (event) => throttleEvents.push(event),
    });
    await signUp("ivy@example.test");
    const attempt = (email: string, password: string, address: string) =>
      call("/sign-in/email", {
        on: throttled,
        method: "POST",
        headers: { [CLIENT_ADDRESS_HEADER]: address },
        body: { email, password },
      });
    for (const email of ["ivy@example.test", "nobody-here@example.test"]) {
      const statuses: number[] = [];
      // A different forged address every time: the per-account limit does not care.
      for (let i = 0; i < 3; i++)
        statuses.push((await attempt(email, "wrong password!", `203.0.113.${i}`)).status);
      expect(statuses).toEqual([401, 401, 401]);
      const locked = await attempt(email, "correct horse battery", "198.51.100.1");
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await locked.json()) as { code: string }).code).toBe("TOO_MANY_ATTEMPTS");
      expect(throttleEvents.at(-1)).toMatchObject({
        event: "auth.rate_limited",
        reason: "per_account",
        ip: "198.51.100.1",
        path: "/sign-in/email",
      });
    }
    // Other accounts are unaffected.
    await signUp("jack@example.test");
    expect(
      (await attempt("jack@example.test", "correct horse battery", "203.0.113.9")).status,
    ).toBe(200);
  });

  it("gives a concurrent burst of guesses from many addresses no more password checks than the limit", async () => {
    const burst = instance({ maxFailedSignIns: 10, rateLimit: true });
    await signUp("mia@example.test");
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        call("/sign-in/email", {
          on: burst,
          method: "POST",
          headers: { [CLIENT_ADDRESS_HEADER]: `203.0.${Math.floor(i / 200)}.${i % 200}` },
          body: { email: "mia@example.test", password: `wrong password ${i}` },
        }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    // Exactly ten reached the password check (401); every other one was refused before it.
    expect(statuses.filter((status) => status === 401)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(50);
  });

  it("limits access tokens per user, whatever the address", async () => {
    const tokenEvents: AuditEvent[] = [];
    const tight = instance({
      maxTokensPerMinute: 2,
      audit: (event) => tokenEvents.push(event),
    });
    // Its own sign-up: a session cookie is signed with the instance's BETTER_AUTH_SECRET.
    const cookie = await signUp("kim@example.test", tight);
    const token = (address: string) =>
      call("/token", { on: tight, cookie, headers: { [CLIENT_ADDRESS_HEADER]: address } });
    expect((await token("203.0.113.1")).status).toBe(200);
    expect((await token("203.0.113.2")).status).toBe(200);
    const refused = await token("203.0.113.3");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({ code: "TOO_MANY_TOKENS", message: expect.any(String) });
    expect(tokenEvents.at(-1)).toMatchObject({
      event: "auth.rate_limited",
      reason: "per_user",
      path: "/token",
    });
  });

  it.skipIf(!redis)("shares the per-account throttle between instances through Redis", async () => {
    const counters = redisCounters(
      redis as NonNullable<typeof redis>,
      `todo:test:${randomUUID()}:`,
    );
    const [first, second] = [
      instance({ maxFailedSignIns: 2, counters }),
      instance({ maxFailedSignIns: 2, counters }),
    ];
    const attempt = (on: Auth, password: string) =>
      call("/sign-in/email", {
        on,
        method: "POST",
        body: { email: "lee@example.test", password },
      });
    await signUp("lee@example.test");
    expect((await attempt(first, "wrong password!")).status).toBe(401);
    expect((await attempt(second, "wrong password!")).status).toBe(401);
    // Two failures across two instances: both refuse now, even the right password.
    expect((await attempt(first, "correct horse battery")).status).toBe(429);
    expect((await attempt(second, "correct horse battery")).status).toBe(429);
  });
});
