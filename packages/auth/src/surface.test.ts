import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "@todo/db";
import { createAccessTokenIssuer, createKeyRing } from "@todo/token";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISABLED_PATHS, DISABLED_PATTERNS, ENABLED_ENDPOINTS } from "./auth-surface.js";
import { type Auth, createAuth } from "./create-auth.js";
import { authRequest, cookieOf, migratedTestDatabase } from "./test-auth.js";

// The inventory of the auth surface: every endpoint the configured Better Auth instance defines,
// plugins included, must be reviewed in docs/security.md, and only the enabled ones may answer.

const ORIGIN = "http://localhost:3000";
const PASSWORD = "correct horse battery";
const secret = () => randomBytes(32).toString("base64url");
const docs = readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../docs/security.md"),
  "utf8",
);

interface Row {
  readonly methods: string[];
  readonly status: "enabled" | "disabled";
}
/** The endpoint table of docs/security.md: `| \`/path\` | GET, POST | enabled: why | …`. */
const table = new Map<string, Row>();
for (const match of docs.matchAll(/^\| `(\/[^`]*)` +\| ([A-Z, ]+?) +\| (enabled|disabled)\b/gm)) {
  const [, endpoint, methods, status] = match as unknown as [string, string, string, Row["status"]];
  expect(table.has(endpoint), `${endpoint} listed twice`).toBe(false);
  table.set(endpoint, { methods: methods.split(",").map((m) => m.trim()), status });
}
const serverOnly = new Set(
  [...docs.matchAll(/^\| \(`(\w+)`, no path\) +\| — +\| server only/gm)].map((m) => m[1]),
);

interface Endpoint {
  readonly path?: string;
  readonly options?: { method?: string | string[] };
}

describe("the auth surface", () => {
  let auth: Auth;
  let close: () => Promise<void>;
  let database: Database;

  beforeAll(async () => {
    database = await migratedTestDatabase("surface");
    const keyRing = await createKeyRing({ secret: secret() });
    auth = createAuth({
      database,
      secret: secret(),
      baseURL: ORIGIN,
      issuer: createAccessTokenIssuer({ keyRing, issuer: ORIGIN, audience: "todo-api" }),
      rateLimit: false,
      audit: () => {},
    });
    close = () => database.close();
  });
  afterAll(() => close());

  // Every method but GET carries a JSON body (an empty object by default).
  const call = (pathname: string, method: string, cookie?: string, body?: unknown) =>
    authRequest(auth.handler, ORIGIN, pathname, {
      method,
      ...(cookie ? { cookie } : {}),
      ...(method === "GET" ? {} : { body: body ?? {} }),
    });
  const signUp = async (email: string) => {
    const response = await call("/sign-up/email", "POST", undefined, {
      name: "Sam",
      email,
      password: PASSWORD,
    });
    expect(response.status).toBe(200);
    return cookieOf(response);
  };

  it("lists every endpoint of the configured instance in the reviewed table, and only those", () => {
    const endpoints = Object.entries(auth.api as unknown as Record<string, Endpoint>);
    // About 32 with Better Auth 1.7 and the app's plugins: a walk that found none proves nothing.
    expect(endpoints.length).toBeGreaterThan(25);
    const seen = new Set<string>();
    for (const [name, endpoint] of endpoints) {
      if (endpoint.path === undefined) {
        expect(serverOnly.has(name), `${name} (server only) is not in docs/security.md`).toBe(true);
        continue;
      }
      seen.add(endpoint.path);
      const row = table.get(endpoint.path);
      expect(row, `${endpoint.path} is not in the table of docs/security.md`).toBeDefined();
      const method = endpoint.options?.method;
      const methods = (Array.isArray(method) ? method : [method]).map(String).sort();
      expect(row?.methods.sort(), endpoint.path).toEqual(methods);
      const enabled = ENABLED_ENDPOINTS.has(endpoint.path);
      expect(row?.status, endpoint.path).toBe(enabled ? "enabled" : "disabled");
      if (enabled) expect(ENABLED_ENDPOINTS.get(endpoint.path), endpoint.path).toEqual(methods);
      else {
        const listed = DISABLED_PATHS.includes(endpoint.path);
        const pattern = DISABLED_PATTERNS.includes(endpoint.path);
        expect(listed || pattern, `${endpoint.path} is neither enabled nor disabled`).toBe(true);
        expect(endpoint.path.includes(":"), endpoint.path).toBe(pattern);
      }
    }
    // Nothing in the table or the lists that the instance does not have.
    expect([...table.keys()].filter((p) => !seen.has(p))).toEqual([]);
    expect([...ENABLED_ENDPOINTS.keys()].filter((p) => !seen.has(p))).toEqual([]);
    expect([...DISABLED_PATHS, ...DISABLED_PATTERNS].filter((p) => !seen.has(p))).toEqual([]);
    expect(auth.options.disabledPaths).toEqual([...DISABLED_PATHS]);
  });

  it("answers 404 on every disabled endpoint, for every method, even with a session", async () => {
    const cookie = await signUp("surface-404@example.test");
    const disabled = [...table].filter(([, row]) => row.status === "disabled");
    expect(disabled.length).toBeGreaterThan(15);
    for (const [endpoint, row] of disabled) {
      const concrete = endpoint.replace(/:\w+/g, "sample");
      for (const method of new Set([...row.methods, "GET", "POST"])) {
        const response = await call(concrete, method, cookie, { password: PASSWORD });
        expect(response.status, `${method} ${concrete}`).toBe(404);
        expect(await response.json()).toEqual({ code: "NOT_FOUND", message: "Not found." });
      }
    }
    // /verify-password was a password oracle for whoever held a session: gone, right password too.
    expect((await call("/verify-password", "POST", cookie, { password: PASSWORD })).status).toBe(
      404,
    );
    // Unknown paths and near-misses of enabled ones are closed as well.
    for (const near of ["/nothing-here", "/token/", "/TOKEN", "/sign-in/email/", "/%74oken"]) {
      expect((await call(near, "GET", cookie)).status, near).toBe(404);
    }
  });

  it("serves the sessions page's endpoints, and not Better Auth's token-revealing ones", async () => {
    const cookie = await signUp("surface-sessions@example.test");
    const list = await call("/sessions", "GET", cookie);
    expect(list.status).toBe(200);
    expect(await list.json()).toHaveLength(1);
    expect((await call("/list-sessions", "GET", cookie)).status).toBe(404);
    expect((await call("/revoke-session", "POST", cookie)).status).toBe(404);
    expect((await call("/revoke-other-sessions", "POST", cookie)).status).toBe(200);
    expect((await call("/sessions", "GET")).status).toBe(401);
  });

  it("never puts a session token in a body, on any enabled endpoint, for any method", async () => {
    // What each endpoint needs to succeed; everything else gets `{}` (the answer is checked too).
    const bodies: Record<string, (email: string) => unknown> = {
      "/sessions/end": async (email) => {
        const other = await call("/sign-in/email", "POST", undefined, {
          email,
          password: PASSWORD,
        });
        const listed = await call("/sessions", "GET", cookieOf(other));
        const sessions = (await listed.json()) as { id: string; current: boolean }[];
        return { id: sessions.find((session) => session.current)?.id };
      },
      "/sign-up/email": (email) => ({ name: "Sam", email: `new-${email}`, password: PASSWORD }),
      "/sign-in/email": (email) => ({ email, password: PASSWORD }),
      "/update-user": () => ({ name: "Sam Renamed" }),
      "/change-password": () => ({ currentPassword: PASSWORD, newPassword: "another passphrase" }),
      "/delete-user": () => ({ password: PASSWORD }),
    };
    const tokens = async () =>
      (await sql<{ token: string }>`select token from session`.execute(database.db)).rows.map(
        (row) => row.token,
      );
    let walked = 0;
    let answered = 0;
    for (const [endpoint, methods] of ENABLED_ENDPOINTS) {
      for (const method of methods) {
        // A fresh account each time: some of these end the session or the account.
        const email = `walk-${walked++}@example.test`;
        const cookie = await signUp(email);
        const body = await bodies[endpoint]?.(email);
        const before = await tokens();
        const response = await call(endpoint, method, cookie, body);
        const text = await response.text();
        expect(response.status, `${method} ${endpoint}: ${text}`).toBeLessThan(500);
        if (response.ok) answered++;
        const known = new Set([...before, ...(await tokens())]);
        expect(known.size).toBeGreaterThan(0);
        for (const token of known) {
          expect(text.includes(token), `${method} ${endpoint} returns a session token`).toBe(false);
        }
      }
    }
    expect(walked).toBeGreaterThanOrEqual(ENABLED_ENDPOINTS.size);
    // Only POST /get-session is refused (Better Auth's deferred refresh is off): every other answer
    // was a success, the bodies that carry the token by default included.
    expect(answered).toBe(walked - 1);
  });
});
