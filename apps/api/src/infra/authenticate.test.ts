import { createHmac, randomUUID } from "node:crypto";
import { deriveKid } from "@todo/token";
import { expect, it } from "vitest";
import { describeApi } from "../test/suite.js";
import { registeredRoutes } from "./auth-plugin.js";

describeApi("authentication", (ctx) => {
  const expiredToken = async () => {
    const twoHoursAgo = Date.now() - 2 * 3600 * 1000;
    return (await ctx().issuer.mint({ sub: randomUUID(), sid: randomUUID() }, twoHoursAgo)).token;
  };

  it("every registered route except the public ones answers 401 to no token, a malformed one and an expired one", async () => {
    const routes = registeredRoutes(ctx().app);
    const guarded = routes.filter((route) => !route.public);
    // Sanity: the table really holds the task and list routes, so an empty walk cannot pass.
    expect(guarded.map((r) => r.url)).toEqual(
      expect.arrayContaining([
        "/api/tasks",
        "/api/tasks/:id",
        "/api/lists",
        "/api/lists/:id",
        "/api/me",
        "/api/events",
      ]),
    );
    const expired = await expiredToken();
    const variants: Array<[string, Record<string, string>]> = [
      ["no token", {}],
      ["malformed token", { authorization: "Bearer not.a.token" }],
      ["expired token", { authorization: `Bearer ${expired}` }],
    ];
    let checked = 0;
    for (const route of guarded) {
      if (route.url === "*" && route.methods.includes("OPTIONS")) {
        // The CORS preflight route: answered by the CORS layer before authentication (browsers
        // never send credentials on a preflight) and it returns no data, only CORS headers.
        const preflight = await ctx().app.inject({ method: "OPTIONS", url: "/api/tasks" });
        expect(preflight.statusCode).toBe(400);
        expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
        continue;
      }
      const url = route.url.replaceAll(":id", randomUUID()).replace("*", "anything");
      for (const method of route.methods) {
        for (const [label, headers] of variants) {
          const response = await ctx().app.inject({
            method: method as "GET",
            url,
            headers: { ...headers, "content-type": "application/json" },
            payload: ["POST", "PATCH", "PUT"].includes(method) ? { title: "x" } : undefined,
          });
          expect(response.statusCode, `${method} ${route.url} with ${label}`).toBe(401);
          expect(response.headers["www-authenticate"], `${method} ${route.url}`).toMatch(
            /^Bearer /,
          );
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it("the public routes are exactly health, readiness and documentation", () => {
    const publicUrls = registeredRoutes(ctx().app)
      .filter((route) => route.public)
      .map((route) => route.url);
    for (const url of publicUrls)
      expect(url).toMatch(/^\/(healthz|readyz|openapi\.json|docs(\/.*)?)$/);
    expect(publicUrls).toEqual(
      expect.arrayContaining(["/healthz", "/readyz", "/openapi.json", "/docs"]),
    );
  });

  it("answers 401 without error code when no credentials are sent (RFC 6750 §3.1)", async () => {
    const response = await ctx().app.inject({ url: "/api/tasks" });
    expect(response.statusCode).toBe(401);
    expect(response.headers["www-authenticate"]).toBe('Bearer realm="todo-api"');
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
  });

  it.each([
    ["a malformed token", "Bearer abc"],
    ["an empty bearer", "Bearer "],
    ["two tokens", "Bearer a.b.c d.e.f"],
    [
      "a token signed with another secret",
      "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCIsImtpZCI6IngifQ.eyJzdWIiOiJ4In0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ],
  ])("answers 401 invalid_token to %s, echoing nothing", async (_label, authorization) => {
    const response = await ctx().app.inject({ url: "/api/tasks", headers: { authorization } });
    expect(response.statusCode).toBe(401);
    expect(response.headers["www-authenticate"]).toContain('error="invalid_token"');
    expect(response.json().code).toBe("INVALID_TOKEN");
    const token = authorization.slice("Bearer ".length);
    if (token.length > 3) expect(response.body).not.toContain(token);
  });

  it("treats other schemes as no credentials", async () => {
    const response = await ctx().app.inject({
      url: "/api/tasks",
      headers: { authorization: "Basic dXNlcjpwYXNz" },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe("UNAUTHENTICATED");
  });

  it("ignores a token in the query string or in a cookie", async () => {
    const user = await ctx().createUser();
    const inQuery = await ctx().app.inject({ url: `/api/me?access_token=${user.token}` });
    expect(inQuery.statusCode).toBe(401);
    const inCookie = await ctx().app.inject({
      url: "/api/me",
      headers: { cookie: `access_token=${user.token}; token=${user.token}` },
    });
    expect(inCookie.statusCode).toBe(401);
  });

  it("accepts the scheme name in any case", async () => {
    const user = await ctx().createUser();
    const response = await ctx().app.inject({
      url: "/api/me",
      headers: { authorization: `bEaReR ${user.token}` },
    });
    expect(response.statusCode).toBe(200);
  });

  it("GET /api/me says who the token says you are", async () => {
    const user = await ctx().createUser({ name: "Zoë" });
    const response = await ctx().app.inject({ url: "/api/me", headers: user.headers });
    expect(response.statusCode).toBe(200);
    const me = response.json();
    expect(me).toMatchObject({ id: user.id, email: user.email, name: "Zoë" });
    expect(me.sessionId).toEqual(expect.any(String));
    expect(Date.parse(me.tokenExpiresAt)).toBeGreaterThan(Date.now());
  });

  it("logs each authentication failure with its reason and never the token or header", async () => {
    const user = await ctx().createUser();
    const tampered = `${user.token.slice(0, -2)}AA`;
    await ctx().app.inject({ url: "/api/tasks", headers: { authorization: `Bearer ${tampered}` } });
    await ctx().app.inject({
      url: `/api/tasks?access_token=${user.token}`,
      headers: { cookie: `session=${user.token}` },
    });
    await ctx().app.inject({ url: "/api/tasks", headers: user.headers });
    const failures = ctx().logs.filter((line) => line.event === "auth.failure");
    expect(failures.map((line) => line.reason)).toEqual(
      expect.arrayContaining(["signature", "missing"]),
    );
    const raw = ctx().rawLogs();
    expect(raw).not.toContain(user.token);
    expect(raw).not.toContain(tampered);
    expect(raw.toLowerCase()).not.toContain("bearer ");
    const requestLine = ctx().logs.find(
      (line) => line.event === "request" && line.userId === user.id,
    );
    expect(requestLine).toMatchObject({ method: "GET", route: "/api/tasks", status: 200 });
    expect(requestLine?.reqId).toEqual(expect.any(String));
  });

  it("refuses Better Auth's own tokens: session tokens and JWTs signed with BETTER_AUTH_SECRET", async () => {
    const betterAuthSecret = ctx().config.jwt.betterAuthSecret ?? "";
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const hs256 = (header: unknown, payload: unknown) => {
      const input = `${b64(header)}.${b64(payload)}`;
      return `${input}.${createHmac("sha256", betterAuthSecret).update(input).digest("base64url")}`;
    };
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: "http://localhost:3000",
      aud: "todo-api",
      sub: "victim",
      iat: now,
      exp: now + 300,
      jti: "j",
      sid: "s",
    };
    const candidates = [
      // An opaque session token, and the signed cookie value that carries it.
      "aFJXvCZNqLzxb7x8iAyNRYHfk6Rew0Ex",
      "aFJXvCZNqLzxb7x8iAyNRYHfk6Rew0Ex.c2lnbmF0dXJlLW9mLXRoZS1jb29raWU",
      // Better Auth's own HS256 JWTs (email verification, cookie cache): typ JWT, no kid.
      hs256({ alg: "HS256", typ: "JWT" }, { email: "victim@example.test", exp: now + 300 }),
      hs256({ alg: "HS256" }, { session: { userId: "victim" }, exp: now + 300 }),
      // Even dressed as an access token, the other secret's kid is not in the key ring.
      hs256({ alg: "HS256", typ: "at+jwt", kid: deriveKid(betterAuthSecret) }, claims),
    ];
    for (const token of candidates) {
      const response = await ctx().app.inject({
        url: "/api/me",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode, token.slice(0, 20)).toBe(401);
      expect(response.json().code).toBe("INVALID_TOKEN");
    }
  });
});
