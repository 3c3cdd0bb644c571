import { createHash, createHmac, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { test as base, expect, request as requests } from "@playwright/test";
import { bearerFor, newAccount, signUpWith } from "./support/fixtures";
import { API_URL, serviceEnv, WEB_URL } from "./support/services";

// Attacks on the running services over HTTP, as an outside tester would make them. Every case
// asserts the status, that no data leaks, and that nothing answers 5xx.

const b64 = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const hmac = (key: string | Buffer, input: string, algorithm = "sha256") =>
  createHmac(algorithm, key).update(input).digest("base64url");
const kidOf = (secret: string) =>
  createHash("sha256").update(secret, "utf8").digest("base64url").slice(0, 16);

base.describe("adversarial suite against the running services", () => {
  let listener: Server;
  let listenerUrl = "";
  const listenerHits: string[] = [];

  base.beforeAll(async () => {
    listener = createServer((request, response) => {
      listenerHits.push(`${request.method} ${request.url}`);
      response.end("{}");
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  });
  base.afterAll(() => new Promise<void>((resolve) => listener.close(() => resolve())));

  base(
    "every JWT attack class is refused with 401 and reaches out to nowhere",
    async ({ request }) => {
      const env = serviceEnv();
      const secret = env.JWT_SECRET ?? "";
      const now = Math.floor(Date.now() / 1000);
      const header = { alg: "HS256", typ: "at+jwt", kid: kidOf(secret) };
      const claims = {
        iss: env.JWT_ISSUER,
        aud: "todo-api",
        sub: "victim",
        iat: now,
        exp: now + 300,
        jti: "j",
        sid: "s",
      };
      const signed = (
        h: unknown,
        p: unknown,
        key: string | Buffer = secret,
        algorithm = "sha256",
      ) => {
        const input = `${b64(h)}.${b64(p)}`;
        return `${input}.${hmac(key, input, algorithm)}`;
      };
      // The forge is right: the genuine form of these tokens is accepted.
      const genuine = await request.get(`${API_URL}/api/me`, {
        headers: { authorization: `Bearer ${signed(header, claims)}` },
      });
      expect(genuine.status()).toBe(200);

      const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
      const rsInput = `${b64({ ...header, alg: "RS256" })}.${b64(claims)}`;
      const publicPem = rsa.publicKey.export({ type: "spki", format: "pem" }).toString();
      const attacks: Record<string, string> = {
        "alg none": `${b64({ ...header, alg: "none" })}.${b64(claims)}.`,
        "alg NoNe": `${b64({ ...header, alg: "NoNe" })}.${b64(claims)}.`,
        "signature stripped": `${b64(header)}.${b64(claims)}.`,
        "payload tampered": (() => {
          const [h, , s] = signed(header, claims).split(".");
          return `${h}.${b64({ ...claims, sub: "admin" })}.${s}`;
        })(),
        HS512: signed({ ...header, alg: "HS512" }, claims, secret, "sha512"),
        RS256: `${rsInput}.${b64(sign("sha256", Buffer.from(rsInput), rsa.privateKey))}`,
        "RS256 public key as HMAC secret": signed(header, claims, publicPem),
        "embedded jwk": signed({ ...header, jwk: { kty: "oct", k: b64("attacker") } }, claims),
        "jku to a listener": signed({ ...header, jku: `${listenerUrl}/jwks.json` }, claims),
        "x5u to a listener": signed({ ...header, x5u: `${listenerUrl}/cert.pem` }, claims),
        "kid path traversal": signed({ ...header, kid: "../../../../dev/null" }, claims),
        "kid SQL": signed({ ...header, kid: "' UNION SELECT 'x' --" }, claims),
        "kid __proto__": signed({ ...header, kid: "__proto__" }, claims),
        "sub as object": signed(header, { ...claims, sub: { $ne: null } }),
        "sub as number": signed(header, { ...claims, sub: 1 }),
        "sid missing": signed(header, { ...claims, sid: undefined }),
        "sid as number": signed(header, { ...claims, sid: 1 }),
        "exp as string": signed(header, { ...claims, exp: String(now + 300) }),
        expired: signed(header, { ...claims, iat: now - 900, exp: now - 60 }),
        "issued in the future": signed(header, { ...claims, iat: now + 600, exp: now + 900 }),
        "too long-lived": signed(header, { ...claims, exp: now + 7200 }),
        "wrong audience": signed(header, { ...claims, aud: "other-api" }),
        "wrong issuer": signed(header, { ...claims, iss: "https://evil.example" }),
        "Better Auth's secret": signed(
          { alg: "HS256", typ: "JWT" },
          claims,
          env.BETTER_AUTH_SECRET ?? "",
        ),
        "random secret, copied kid": signed(header, claims, randomBytes(32).toString("base64url")),
        "padded signature": `${signed(header, claims)}=`,
        oversized: signed(header, { ...claims, pad: "x".repeat(8000) }),
      };
      for (const [name, token] of Object.entries(attacks)) {
        for (const url of [`${API_URL}/api/me`, `${API_URL}/api/tasks`]) {
          const response = await request.get(url, {
            headers: { authorization: `Bearer ${token}` },
          });
          expect(response.status(), name).toBe(401);
          expect(response.headers()["www-authenticate"], name).toContain('error="invalid_token"');
          const body = await response.text();
          expect(body, name).not.toContain("victim");
          expect(body, name).not.toContain("admin");
        }
      }
      expect(listenerHits).toEqual([]);
    },
  );

  base(
    "a session cookie never authenticates against the API, and the web refuses cross-site writes",
    async ({ request }) => {
      const account = await signUpWith(request, newAccount("Cookie"));
      // The browser's session cookie is sent along: the API ignores cookies entirely.
      expect((await request.get(`${API_URL}/api/tasks`)).status()).toBe(401);
      // CSRF: state-changing cookie endpoints refuse a foreign Origin.
      for (const path of [
        "/api/auth/sign-out",
        "/api/auth/delete-user",
        "/api/auth/sign-in/email",
      ]) {
        const response = await request.post(`${WEB_URL}${path}`, {
          headers: { origin: "https://evil.example" },
          data: { email: account.email, password: account.password },
        });
        expect(response.status(), path).toBe(403);
      }
      // The session survived all of it.
      expect((await request.get(`${WEB_URL}/api/auth/token`)).status()).toBe(200);
    },
  );

  base(
    "hostile origins get no CORS grant; mass assignment, prototype pollution and oversized bodies are refused",
    async ({ request }) => {
      await signUpWith(request, newAccount("Attacker"));
      const auth = await bearerFor(request);
      for (const origin of [
        "https://evil.example",
        "null",
        `${WEB_URL}.evil.example`,
        `${WEB_URL}x`,
      ]) {
        const preflight = await request.fetch(`${API_URL}/api/tasks`, {
          method: "OPTIONS",
          headers: {
            origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization",
          },
        });
        expect(preflight.headers()["access-control-allow-origin"], origin).toBeUndefined();
        const simple = await request.get(`${API_URL}/api/tasks`, { headers: { ...auth, origin } });
        expect(simple.headers()["access-control-allow-origin"], origin).toBeUndefined();
      }
      const mass = await request.post(`${API_URL}/api/tasks`, {
        headers: auth,
        data: {
          title: "x",
          userId: "someone-else",
          id: "00000000-0000-4000-8000-000000000000",
          createdAt: "2000-01-01T00:00:00.000Z",
        },
      });
      expect(mass.status()).toBe(400);
      const pollution = await request.post(`${API_URL}/api/tasks`, {
        headers: { ...auth, "content-type": "application/json" },
        data: '{"title":"x","__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}',
      });
      expect(pollution.status()).toBe(400);
      const huge = await request.post(`${API_URL}/api/tasks`, {
        headers: auth,
        data: { title: "x", description: "y".repeat(100_000) },
      });
      expect(huge.status()).toBe(413);
      const override = await request.get(`${API_URL}/api/tasks`, {
        headers: { ...auth, "x-http-method-override": "DELETE" },
      });
      expect(override.status()).toBe(200);
    },
  );

  base(
    "another user's task is out of reach by id, by list, by search and by forged identity headers (API1:2023)",
    async () => {
      const tokenFor = async (name: string) => {
        const context = await requests.newContext();
        await signUpWith(context, newAccount(name));
        return { context, auth: await bearerFor(context) };
      };
      const owner = await tokenFor("Owner");
      const thief = await tokenFor("Thief");
      try {
        const created = await owner.context.post(`${API_URL}/api/tasks`, {
          headers: owner.auth,
          data: { title: "owner's private plan", description: "nobody else's business" },
        });
        expect(created.status()).toBe(201);
        const { id } = (await created.json()) as { id: string };
        const missing = "00000000-0000-4000-8000-000000000000";

        for (const [method, data] of [
          ["GET", undefined],
          ["PATCH", { title: "mine now", completed: true }],
          ["DELETE", undefined],
        ] as const) {
          const stolen = await thief.context.fetch(`${API_URL}/api/tasks/${id}`, {
            method,
            headers: thief.auth,
            ...(data ? { data } : {}),
          });
          const absent = await thief.context.fetch(`${API_URL}/api/tasks/${missing}`, {
            method,
            headers: thief.auth,
            ...(data ? { data } : {}),
          });
          // Indistinguishable from a task that does not exist: status and body alike.
          expect(stolen.status(), method).toBe(404);
          const [stolenBody, absentBody] = [await stolen.text(), await absent.text()];
          expect(stolenBody.replaceAll(id, missing)).toBe(absentBody);
          expect(stolenBody).not.toContain("private plan");
        }
        for (const query of ["", "?q=private", "?status=all&sort=title", "?limit=100"]) {
          const list = await thief.context.get(`${API_URL}/api/tasks${query}`, {
            headers: thief.auth,
          });
          expect(list.status(), query).toBe(200);
          expect(await list.text(), query).not.toContain(id);
        }
        // Identity headers and a forged query parameter change nothing.
        const spoofed = await thief.context.get(`${API_URL}/api/tasks?userId=whoever`, {
          headers: { ...thief.auth, "x-user-id": "whoever", "x-forwarded-user": "whoever" },
        });
        expect(await spoofed.text()).not.toContain(id);
        // The owner's task is untouched.
        const mine = await owner.context.get(`${API_URL}/api/tasks/${id}`, { headers: owner.auth });
        expect(await mine.json()).toMatchObject({
          title: "owner's private plan",
          completed: false,
        });
      } finally {
        await owner.context.dispose();
        await thief.context.dispose();
      }
    },
  );

  base(
    "another user's list is out of reach by id and as a listId on create, move and filter (API1:2023)",
    async () => {
      const tokenFor = async (name: string) => {
        const context = await requests.newContext();
        await signUpWith(context, newAccount(name));
        return { context, auth: await bearerFor(context) };
      };
      const owner = await tokenFor("Owner");
      const thief = await tokenFor("Thief");
      try {
        const created = await owner.context.post(`${API_URL}/api/lists`, {
          headers: owner.auth,
          data: { name: "owner's private list" },
        });
        expect(created.status()).toBe(201);
        const { id } = (await created.json()) as { id: string };
        const missing = "00000000-0000-4000-8000-000000000000";
        const thiefTask = (await (
          await thief.context.post(`${API_URL}/api/tasks`, {
            headers: thief.auth,
            data: { title: "thief's task" },
          })
        ).json()) as { id: string; listId: string };
        // Each attempt with the owner's list and with a missing one: status and body alike.
        const attempts: Array<[string, string, string, unknown]> = [
          ["GET", `/api/lists/${id}`, `/api/lists/${missing}`, undefined],
          ["PATCH", `/api/lists/${id}`, `/api/lists/${missing}`, { name: "mine now" }],
          ["DELETE", `/api/lists/${id}`, `/api/lists/${missing}`, undefined],
          ["POST", "/api/tasks", "/api/tasks", { title: "planted", listId: id }],
          ["PATCH", `/api/tasks/${thiefTask.id}`, `/api/tasks/${thiefTask.id}`, { listId: id }],
          ["GET", `/api/tasks?listId=${id}`, `/api/tasks?listId=${missing}`, undefined],
        ];
        for (const [method, theirs, absent, data] of attempts) {
          const send = (path: string, body: unknown) =>
            thief.context.fetch(`${API_URL}${path}`, {
              method,
              headers: thief.auth,
              ...(body ? { data: body } : {}),
            });
          const absentData =
            data && typeof data === "object" && "listId" in data
              ? { ...data, listId: missing }
              : data;
          const [stolen, none] = [await send(theirs, data), await send(absent, absentData)];
          expect(stolen.status(), `${method} ${theirs}`).toBe(404);
          const [stolenBody, noneBody] = [await stolen.text(), await none.text()];
          expect(stolenBody.replaceAll(id, missing)).toBe(noneBody);
          expect(JSON.parse(stolenBody).code).toBe("LIST_NOT_FOUND");
        }
        // Nothing was written: the owner's list holds nothing, the thief's task did not move.
        const owners = await owner.context.get(`${API_URL}/api/lists/${id}`, {
          headers: owner.auth,
        });
        expect(await owners.json()).toMatchObject({
          name: "owner's private list",
          openTaskCount: 0,
        });
        const still = await thief.context.get(`${API_URL}/api/tasks/${thiefTask.id}`, {
          headers: thief.auth,
        });
        expect((await still.json()).listId).toBe(thiefTask.listId);
        const thiefLists = await thief.context.get(`${API_URL}/api/lists`, { headers: thief.auth });
        expect(await thiefLists.text()).not.toContain("private list");
        // The thief's own Inbox, made at sign-up, cannot be deleted; nor can a list be forged as one.
        const inbox = (
          (await thiefLists.json()) as { items: Array<{ id: string; isInbox: boolean }> }
        ).items[0];
        expect(inbox?.isInbox).toBe(true);
        const undeletable = await thief.context.delete(`${API_URL}/api/lists/${inbox?.id}`, {
          headers: thief.auth,
        });
        expect(undeletable.status()).toBe(409);
        expect((await undeletable.json()).code).toBe("INBOX_NOT_DELETABLE");
        for (const data of [
          { name: "x", isInbox: true },
          { name: "x", userId: "whoever" },
        ]) {
          const forged = await thief.context.post(`${API_URL}/api/lists`, {
            headers: thief.auth,
            data,
          });
          expect(forged.status()).toBe(400);
        }
      } finally {
        await owner.context.dispose();
        await thief.context.dispose();
      }
    },
  );

  base(
    "malformed bodies, queries and paths get a 4xx problem and never a 5xx or an internal detail",
    async () => {
      const context = await requests.newContext();
      try {
        await signUpWith(context, newAccount("Fuzzer"));
        const auth = await bearerFor(context);
        const token = auth.authorization.slice("Bearer ".length);
        const json = { ...auth, "content-type": "application/json" };
        const nested = `${"[".repeat(5000)}${"]".repeat(5000)}`;
        const cases: Array<[string, string, { headers: Record<string, string>; data?: unknown }]> =
          [
            ["POST", "/api/tasks", { headers: json, data: '{"title":' }],
            ["POST", "/api/tasks", { headers: json, data: "[]" }],
            ["POST", "/api/tasks", { headers: json, data: "null" }],
            ["POST", "/api/tasks", { headers: json, data: '"a string"' }],
            ["POST", "/api/tasks", { headers: json, data: nested }],
            ["POST", "/api/tasks", { headers: json, data: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }],
            [
              "POST",
              "/api/tasks",
              { headers: json, data: '{"title":"x","title":"y","due":"2026-02-30"}' },
            ],
            ["POST", "/api/tasks", { headers: json, data: '{"title":"\u0000","priority":1e309}' }],
            [
              "POST",
              "/api/tasks",
              { headers: { ...auth, "content-type": "text/plain" }, data: "t" },
            ],
            [
              "POST",
              "/api/tasks",
              {
                headers: { ...auth, "content-type": "application/x-www-form-urlencoded" },
                data: "title=x",
              },
            ],
            ["POST", "/api/tasks", { headers: json }],
            ["GET", "/api/tasks?limit=-1", { headers: auth }],
            ["GET", "/api/tasks?limit=1e9", { headers: auth }],
            ["GET", "/api/tasks?limit=1&limit=2", { headers: auth }],
            ["GET", "/api/tasks?cursor=!!!", { headers: auth }],
            ["GET", `/api/tasks?cursor=${"A".repeat(4000)}`, { headers: auth }],
            ["GET", "/api/tasks?sort=__proto__", { headers: auth }],
            ["GET", "/api/tasks?status[]=all", { headers: auth }],
            ["GET", "/api/tasks?__proto__[admin]=1&constructor[prototype][x]=1", { headers: auth }],
            ["GET", `/api/tasks?q=${"x".repeat(5000)}`, { headers: auth }],
            ["GET", "/api/tasks?q=%", { headers: auth }],
            ["GET", "/api/tasks?q=%ff%fe", { headers: auth }],
            ["GET", "/api/tasks?q=%00%27%20OR%201=1--", { headers: auth }],
            ["GET", "/api/tasks/not-a-uuid", { headers: auth }],
            ["GET", "/api/tasks/%00", { headers: auth }],
            ["GET", "/api/tasks/..%2f..%2fetc%2fpasswd", { headers: auth }],
            ["GET", `/api/tasks/${"a".repeat(500)}`, { headers: auth }],
            [
              "PATCH",
              "/api/tasks/00000000-0000-4000-8000-000000000000",
              { headers: json, data: "{}" },
            ],
            ["PUT", "/api/tasks", { headers: json, data: "{}" }],
          ];
        const ACCEPTABLE = new Set([
          "/api/tasks?q=%",
          "/api/tasks?q=%ff%fe",
          "/api/tasks?q=%00%27%20OR%201=1--",
          "/api/tasks?limit=1&limit=2",
          "/api/tasks?__proto__[admin]=1&constructor[prototype][x]=1",
        ]);
        const leaks =
          /stack|node_modules|at [\w.]+ \(|SQLITE|syntax error|relation "|Kysely|\.ts:\d/i;
        for (const [method, path, options] of cases) {
          const response = await context.fetch(`${API_URL}${path}`, { method, ...options });
          const label = `${method} ${path.slice(0, 60)}`;
          // Odd but harmless search text may be served (this user has no tasks); all else is 4xx.
          const minimum = ACCEPTABLE.has(path) ? 200 : 400;
          expect(response.status(), label).toBeGreaterThanOrEqual(minimum);
          expect(response.status(), label).toBeLessThan(500);
          const body = await response.text();
          if (response.status() >= 400) {
            expect(response.headers()["content-type"], label).toContain("application/problem+json");
          } else {
            expect(JSON.parse(body), label).toMatchObject({ items: [] });
          }
          expect(body, label).not.toMatch(leaks);
          expect(body, label).not.toContain(token);
        }
      } finally {
        await context.dispose();
      }
    },
  );
});
