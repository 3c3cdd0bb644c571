import { randomBytes } from "node:crypto";
import { createAccessTokenIssuer, createAccessTokenVerifier, createKeyRing } from "@todo/token";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEvent } from "./audit.js";
import { type Auth, type AuthSettings, createAuth } from "./create-auth.js";
import { type AuthCall, authRequest, cookieOf, migratedTestDatabase } from "./test-auth.js";

// Re-authentication for account deletion and password change, bounds on stored user fields, and
// the token endpoint's refusal of anything but the app's own pages.

const ORIGIN = "http://localhost:3000";
const PASSWORD = "correct horse battery";
const secret = () => randomBytes(32).toString("base64url");
let counter = 0;
const email = (name: string) => `${name}-${++counter}@example.test`;

describe("account security", () => {
  let settings: Omit<AuthSettings, "secret">;
  let verifier: ReturnType<typeof createAccessTokenVerifier>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const database = await migratedTestDatabase("account");
    const keyRing = await createKeyRing({ secret: secret() });
    const issuer = createAccessTokenIssuer({ keyRing, issuer: ORIGIN, audience: "todo-api" });
    verifier = createAccessTokenVerifier({ keyRing, issuer: ORIGIN, audience: "todo-api" });
    settings = { database, baseURL: ORIGIN, issuer, rateLimit: false, audit: () => {} };
    close = () => database.close();
  });
  afterAll(() => close());

  const instance = (overrides: Partial<AuthSettings> = {}) =>
    createAuth({ ...settings, secret: secret(), ...overrides });

  const call = (on: Auth, pathname: string, init: AuthCall) =>
    authRequest(on.handler, ORIGIN, pathname, { method: "POST", ...init });
  const signUp = async (on: Auth, address: string, name = "Pat") => {
    const response = await call(on, "/sign-up/email", {
      body: { name, email: address, password: PASSWORD },
    });
    expect(response.status).toBe(200);
    return cookieOf(response);
  };
  const signIn = (on: Auth, address: string, password = PASSWORD) =>
    call(on, "/sign-in/email", { body: { email: address, password } });
  const signedIn = async (on: Auth, cookie: string) =>
    (await call(on, "/get-session", { method: "GET", cookie }).then((r) => r.json())) !== null;
  const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;

  describe("re-authentication", () => {
    it("refuses account deletion without a password, before anything happens", async () => {
      const auth = instance();
      const address = email("keep");
      const cookie = await signUp(auth, address);
      for (const body of [{}, { password: "" }, { password: null }, { password: 12345678 }, []]) {
        const response = await call(auth, "/delete-user", { cookie, body });
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(await codeOf(response)).toBe("PASSWORD_REQUIRED");
      }
      const bare = await call(auth, "/delete-user", { cookie });
      expect(bare.status).toBe(400);
      // The account and the session are still there.
      expect(await signedIn(auth, cookie)).toBe(true);
      expect((await signIn(auth, address)).status).toBe(200);
    });

    it("refuses a password change without the current password", async () => {
      const auth = instance();
      const address = email("nochange");
      const cookie = await signUp(auth, address);
      for (const currentPassword of [undefined, ""]) {
        const response = await call(auth, "/change-password", {
          cookie,
          body: { currentPassword, newPassword: "another long passphrase" },
        });
        expect(response.status).toBe(400);
        expect(await codeOf(response)).toBe("PASSWORD_REQUIRED");
      }
      expect((await signIn(auth, address)).status).toBe(200);
    });

    it("counts wrong passwords against the session's account and locks like sign-in does", async () => {
      const events: AuditEvent[] = [];
      const auth = instance({ maxFailedSignIns: 3, audit: (event) => events.push(event) });
      const address = email("guessed");
      const bystander = email("bystander");
      const cookie = await signUp(auth, address);
      await signUp(auth, bystander);
      const wrong = [
        call(auth, "/delete-user", {
          cookie,
          // An email in the body changes nothing: the session's account is the one counted.
          body: { password: "wrong password one", email: bystander },
        }),
        call(auth, "/change-password", {
          cookie,
          body: { currentPassword: "wrong password two", newPassword: "another long passphrase" },
        }),
        call(auth, "/delete-user", { cookie, body: { password: "wrong password three" } }),
      ];
      for (const response of wrong) {
        const answered = await response;
        expect(answered.status).toBe(400);
        expect(await codeOf(answered)).toBe("INVALID_PASSWORD");
      }
      // Locked: the right password too, on both endpoints and at sign-in.
      const locked = await call(auth, "/delete-user", { cookie, body: { password: PASSWORD } });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await codeOf(locked)).toBe("TOO_MANY_ATTEMPTS");
      expect(events.at(-1)).toMatchObject({
        event: "auth.rate_limited",
        reason: "per_account",
        path: "/delete-user",
      });
      const change = await call(auth, "/change-password", {
        cookie,
        body: { currentPassword: PASSWORD, newPassword: "another long passphrase" },
      });
      expect(change.status).toBe(429);
      expect((await signIn(auth, address)).status).toBe(429);
      // Still signed in and not deleted; the email named in the body was never counted.
      expect(await signedIn(auth, cookie)).toBe(true);
      expect((await signIn(auth, bystander)).status).toBe(200);
      const failures = events.filter((e) => e.event === "auth.account_deleted");
      expect(failures.map((e) => e.reason)).toEqual(["INVALID_PASSWORD", "INVALID_PASSWORD"]);
    });

    it("adds failed sign-ins and failed re-authentications up in one budget", async () => {
      const auth = instance({ maxFailedSignIns: 3 });
      const address = email("shared");
      const cookie = await signUp(auth, address);
      expect((await signIn(auth, address, "wrong password one")).status).toBe(401);
      expect((await signIn(auth, address, "wrong password two")).status).toBe(401);
      const third = await call(auth, "/delete-user", { cookie, body: { password: "wrong 3rd" } });
      expect(third.status).toBe(400);
      expect((await signIn(auth, address)).status).toBe(429);
      expect(
        (await call(auth, "/delete-user", { cookie, body: { password: PASSWORD } })).status,
      ).toBe(429);
    });

    it("counts parallel guesses before checking them: no burst gets past the budget", async () => {
      const auth = instance({ maxFailedSignIns: 3 });
      const cookie = await signUp(auth, email("burst"));
      const guesses = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          call(auth, "/delete-user", { cookie, body: { password: `wrong guess ${i}` } }),
        ),
      );
      const statuses = guesses.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 400)).toHaveLength(3);
      expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    });

    it("deletes the account with the right password, and a correct password clears the count", async () => {
      const auth = instance({ maxFailedSignIns: 3 });
      const address = email("leaving");
      const cookie = await signUp(auth, address);
      for (const password of ["wrong one", "wrong two"]) {
        expect((await call(auth, "/delete-user", { cookie, body: { password } })).status).toBe(400);
      }
      const deleted = await call(auth, "/delete-user", { cookie, body: { password: PASSWORD } });
      expect(deleted.status).toBe(200);
      expect(await signedIn(auth, cookie)).toBe(false);
      expect((await signIn(auth, address)).status).toBe(401);
    });

    it("ends every other session on a password change, whatever the client asks; this one stays", async () => {
      const events: AuditEvent[] = [];
      const auth = instance({ audit: (event) => events.push(event) });
      const address = email("changer");
      const other = await signUp(auth, address);
      const here = cookieOf(await signIn(auth, address));
      const changed = await call(auth, "/change-password", {
        cookie: here,
        body: {
          currentPassword: PASSWORD,
          newPassword: "a brand new passphrase",
          revokeOtherSessions: false,
        },
      });
      expect(changed.status).toBe(200);
      const renewed = cookieOf(changed);
      expect(renewed).toContain("session_token=");
      expect(await signedIn(auth, renewed)).toBe(true);
      expect(await signedIn(auth, other)).toBe(false);
      expect(await signedIn(auth, here)).toBe(false);
      expect((await call(auth, "/token", { method: "GET", cookie: other })).status).toBe(401);
      expect((await signIn(auth, address)).status).toBe(401);
      expect((await signIn(auth, address, "a brand new passphrase")).status).toBe(200);
      expect(events.filter((e) => e.event === "auth.password_changed")).toEqual([
        expect.objectContaining({ outcome: "success", userId: expect.any(String) }),
      ]);
    });

    it("applies the password policy to the new password", async () => {
      const auth = instance();
      const cookie = await signUp(auth, email("policy"));
      const response = await call(auth, "/change-password", {
        cookie,
        body: { currentPassword: PASSWORD, newPassword: "password1" },
      });
      expect(response.status).toBe(400);
      expect(await codeOf(response)).toBe("PASSWORD_TOO_COMMON");
    });
  });

  describe("bounded user fields", () => {
    it("refuses over-long names and emails and any image at sign-up", async () => {
      const auth = instance();
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ name: "n".repeat(200_000) }, "NAME_TOO_LONG"],
        [{ name: "n".repeat(101) }, "NAME_TOO_LONG"],
        [{ name: "   " }, "NAME_REQUIRED"],
        [{ name: 42 }, "NAME_REQUIRED"],
        [{ name: "Bell\u0007" }, "NAME_INVALID"],
        [{ email: `${"e".repeat(243)}@example.test` }, "EMAIL_TOO_LONG"],
        [{ image: "https://example.test/me.png" }, "IMAGE_NOT_SUPPORTED"],
      ];
      for (const [fields, code] of cases) {
        const response = await call(auth, "/sign-up/email", {
          body: { name: "Quinn", email: email("bounds"), password: PASSWORD, ...fields },
        });
        expect(response.status, code).toBe(400);
        expect(await codeOf(response)).toBe(code);
      }
      const longest = await call(auth, "/sign-up/email", {
        body: { name: "n".repeat(100), email: email("longest"), password: PASSWORD },
      });
      expect(longest.status).toBe(200);
    });

    it("refuses over-long names and any image on update, and keeps a sane update working", async () => {
      const auth = instance();
      const cookie = await signUp(auth, email("update"));
      for (const [body, code] of [
        [{ name: "n".repeat(100_000) }, "NAME_TOO_LONG"],
        [{ image: `https://example.test/${"i".repeat(100_000)}` }, "IMAGE_NOT_SUPPORTED"],
        [{ name: "" }, "NAME_REQUIRED"],
      ] as const) {
        const response = await call(auth, "/update-user", { cookie, body });
        expect(response.status, code).toBe(400);
        expect(await codeOf(response)).toBe(code);
      }
      expect((await call(auth, "/update-user", { cookie, body: { name: "Renamed" } })).status).toBe(
        200,
      );
      const session = (await call(auth, "/get-session", { method: "GET", cookie }).then((r) =>
        r.json(),
      )) as { user: { name: string; image: unknown } };
      expect(session.user.name).toBe("Renamed");
      expect(session.user.image ?? null).toBeNull();
    });

    it("keeps the access token under 1 KB whatever the database holds", async () => {
      const auth = instance();
      const address = `${"x".repeat(240)}@example.test`;
      const cookie = await signUp(auth, address, "n".repeat(100));
      const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
      const context = await auth.$context;
      // A row written before the bounds existed: 200,000 characters, mostly escaped in JSON.
      await context.internalAdapter.updateUser(session?.user.id as string, {
        name: `${"\u0001".repeat(1000)}${"名".repeat(199_000)}`,
      });
      const response = await call(auth, "/token", { method: "GET", cookie });
      expect(response.status).toBe(200);
      const { token } = (await response.json()) as { token: string };
      expect(token.length).toBeLessThan(1024);
      const claims = await verifier.verify(token);
      expect(claims.email).toBe(address);
      expect(claims.name?.length).toBeGreaterThan(0);
    });
  });

  describe("the token endpoint answers only the app's own pages", () => {
    it("refuses cross-site, same-site and navigating requests without minting or counting", async () => {
      const auth = instance({ maxTokensPerMinute: 2 });
      const cookie = await signUp(auth, email("token"));
      const token = (headers: Record<string, string>) =>
        call(auth, "/token", { method: "GET", cookie, headers });
      const refusals: Array<Record<string, string>> = [
        { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" },
        { "sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors" },
        { "sec-fetch-site": "same-site", "sec-fetch-mode": "cors" },
        { "sec-fetch-site": "none", "sec-fetch-mode": "navigate" },
        { "sec-fetch-site": "same-origin", "sec-fetch-mode": "navigate" },
        { "sec-fetch-mode": "navigate" },
      ];
      for (const headers of refusals) {
        const refused = await token(headers);
        expect(refused.status, JSON.stringify(headers)).toBe(403);
        expect(await refused.json()).toEqual({
          code: "CROSS_SITE_TOKEN_REQUEST",
          message: expect.any(String),
        });
        expect(refused.headers.getSetCookie()).toEqual([]);
      }
      // None of the refusals spent the budget of two.
      const own = { "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors" };
      expect((await token(own)).status).toBe(200);
      // A client outside any browser sends no Sec-Fetch-* header.
      expect((await token({})).status).toBe(200);
      expect((await token(own)).status).toBe(429);
    });
  });
});
