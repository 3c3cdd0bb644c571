import { randomUUID } from "node:crypto";
import { connect } from "node:net";
import { DEFAULT_WEB_ORIGIN } from "@todo/config";
import type { AccessTokenVerifier } from "@todo/token";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { listenOnLoopback } from "../test/event-client.js";
import { describeApi } from "../test/suite.js";
import { authPlugin, registeredRoutes } from "./auth-plugin.js";
import { registerErrorHandler } from "./error-handler.js";
import type { RateLimiter } from "./rate-limit.js";
import type { RevocationSet } from "./revocations.js";

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

async function overHttp(base: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${base}${path}`, init);
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: await response.text(),
  };
}

/** Headers that differ between any two answers by nature. */
const PER_ANSWER = ["date", "x-request-id", "content-type", "content-length", "www-authenticate"];
const shared = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !PER_ANSWER.includes(name)));

// Over real HTTP, the one onRequest hook is the only thing between a socket and a route.
describeApi("the front door over real HTTP", (ctx) => {
  let base = "";
  const url = async () => {
    if (base === "") base = await listenOnLoopback(ctx().app);
    return base;
  };

  it("sends the same security and CORS headers on a refusal as on an answer, whatever the Origin", async () => {
    const user = await ctx().createUser();
    for (const origin of [DEFAULT_WEB_ORIGIN, "https://evil.example"]) {
      const accepted = await overHttp(await url(), "/api/me", {
        headers: { origin, ...user.headers },
      });
      const refused = await overHttp(await url(), "/api/me", { headers: { origin } });
      expect(accepted.status).toBe(200);
      expect(refused.status).toBe(401);
      expect(refused.headers["content-type"]).toBe("application/problem+json");
      expect(refused.headers["www-authenticate"]).toBe('Bearer realm="todo-api"');
      expect(shared(refused.headers)).toEqual(shared(accepted.headers));
      const allowed = origin === DEFAULT_WEB_ORIGIN ? origin : undefined;
      expect(refused.headers["access-control-allow-origin"]).toBe(allowed);
      expect(refused.headers["access-control-expose-headers"]).toContain("WWW-Authenticate");
    }
  });

  it("answers every guarded route with 401 over real HTTP, and lets a valid token through", async () => {
    const guarded = registeredRoutes(ctx().app).filter(
      (route) => !route.public && !route.methods.includes("OPTIONS"),
    );
    let checked = 0;
    for (const route of guarded) {
      const path = route.url.replaceAll(":id", randomUUID()).replace("*", "anything");
      for (const method of route.methods) {
        const answer = await overHttp(await url(), path, {
          method,
          headers: { "content-type": "application/json" },
          body: ["POST", "PATCH", "PUT"].includes(method) ? '{"title":"x"}' : undefined,
        });
        expect(answer.status, `${method} ${route.url}`).toBe(401);
        expect(answer.headers["www-authenticate"]).toMatch(/^Bearer /);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    const user = await ctx().createUser();
    const me = await overHttp(await url(), "/api/me", { headers: user.headers });
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ id: user.id });
  });

  it("serves the public routes without a token, and no path that only looks public", async () => {
    for (const path of ["/healthz", "/readyz", "/openapi.json", "/healthz?probe=1", "/docs/"]) {
      expect((await overHttp(await url(), path)).status, path).toBe(200);
    }
    const user = await ctx().createUser();
    await ctx().call(user, "POST", "/api/tasks", { title: "Private" });
    for (const path of [
      "/docs/../api/tasks",
      "/docs/%2e%2e/api/tasks",
      "//api/tasks",
      "/API/tasks",
      "/api/tasks/",
      "/healthz/../api/tasks",
      "/api/tasks#/healthz",
      "/healthz/x",
      "/openapi.json/../api/tasks",
    ]) {
      const answer = await overHttp(await url(), path);
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.body, path).not.toContain("Private");
    }
  });

  it("writes one log line per refusal, with the id it answered and never the token", async () => {
    const user = await ctx().createUser();
    const tampered = `${user.token.slice(0, -4)}AAAA`;
    const answer = await overHttp(await url(), `/api/tasks?access_token=${user.token}`, {
      headers: { authorization: `Bearer ${tampered}` },
    });
    expect(answer.status).toBe(401);
    expect(answer.headers["www-authenticate"]).toContain('error="invalid_token"');
    const requestId = answer.headers["x-request-id"];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const lines = ctx().logs.filter((line) => line.reqId === requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      event: "auth.failure",
      reason: "signature",
      method: "GET",
      path: "/api/tasks",
      status: 401,
      ip: "127.0.0.1",
      msg: "invalid access token",
    });
    const raw = ctx().rawLogs();
    expect(raw).not.toContain(user.token);
    expect(raw).not.toContain(tampered);
  });
});

describeApi(
  "the front door's limits over real HTTP",
  (ctx) => {
    it("counts each request once per address and per user, and answers 429 with Retry-After", async () => {
      const base = await listenOnLoopback(ctx().app);
      const user = await ctx().createUser();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await overHttp(base, "/api/me", { headers: user.headers })).status);
      }
      // Three per user: a request counted twice on its way would stop at two.
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await overHttp(base, "/api/me", {
        headers: { ...user.headers, origin: DEFAULT_WEB_ORIGIN },
      });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
      expect(limited.headers["content-type"]).toBe("application/problem+json");
      expect(limited.headers["access-control-allow-origin"]).toBe(DEFAULT_WEB_ORIGIN);
      expect(JSON.parse(limited.body)).toMatchObject({ status: 429, code: "RATE_LIMITED" });
      const line = ctx().logs.find((entry) => entry.reqId === limited.headers["x-request-id"]);
      expect(line).toMatchObject({ event: "rate_limit.exceeded", scope: "user", userId: user.id });
      // Five requests from this address so far: three more reach its limit of 8.
      const anonymous: number[] = [];
      for (let i = 0; i < 4; i++) anonymous.push((await overHttp(base, "/api/tasks")).status);
      expect(anonymous).toEqual([401, 401, 401, 429]);
      expect((await overHttp(base, "/healthz")).status).toBe(200);
    });
  },
  { rateLimit: { perIp: 8, perUser: 3, windowMs: 60_000 } },
);

describe("the front door while a revocation arrives", () => {
  it("refuses a token whose session was revoked during the per-user count's round trip", async () => {
    let revoked = false;
    const check = {
      verifier: {
        outcome: () => ({ sub: "user-1", sid: "session-1", iat: 1, exp: 4_000_000_000 }),
      } as unknown as AccessTokenVerifier,
      revocations: { loaded: true, isRevoked: () => revoked } as unknown as RevocationSet,
    };
    const limiter: RateLimiter = {
      async hit(scope) {
        // The revocation is pushed while the count is in flight (a Redis round trip).
        if (scope === "user") revoked = true;
        return undefined;
      },
    };
    const app = Fastify();
    registerErrorHandler(app);
    await app.register(authPlugin, { check, limiter });
    app.get("/x", async () => ({ served: true }));
    const response = await app.inject({ url: "/x", headers: { authorization: "Bearer abc" } });
    await app.close();
    expect(response.statusCode).toBe(401);
    expect(response.headers["www-authenticate"]).toContain('error="invalid_token"');
    expect(response.body).not.toContain("served");
  });
});

describeApi("requests Node's HTTP parser refuses", (ctx) => {
  it("are answered with a problem and logged once, without the request's bytes", async () => {
    const base = new URL(await listenOnLoopback(ctx().app));
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(base.port), base.hostname, () => {
        socket.write("GET /api/tasks?token=secret-token HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
      });
      let text = "";
      socket.on("data", (chunk) => {
        text += chunk.toString("utf8");
      });
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain("content-type: application/problem+json");
    expect(answer).toContain('"code":"BAD_REQUEST"');
    const lines = ctx().logs.filter((line) => line.event === "request.rejected");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ status: 400, ip: "127.0.0.1", level: 40 });
    expect(ctx().rawLogs()).not.toContain("secret-token");
  });
});

describe("a request that arrives while the server closes", () => {
  it("is answered 503 from the catalogue and told to retry, whatever its token", async () => {
    const check = {
      verifier: {
        outcome: () => ({ sub: "user-1", sid: "session-1", iat: 1, exp: 4_000_000_000 }),
      } as unknown as AccessTokenVerifier,
      revocations: { loaded: true, isRevoked: () => false } as unknown as RevocationSet,
    };
    const limiter: RateLimiter = { hit: async () => undefined };
    const app = Fastify();
    registerErrorHandler(app);
    let closed: Promise<undefined> | undefined;
    // Closing begins while the request is on its way (a kept-alive connection brought it late).
    app.addHook("onRequest", async () => {
      closed = app.close();
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    await app.register(authPlugin, { check, limiter });
    app.get("/x", async () => ({ served: true }));
    const answer = await app.inject({ url: "/x", headers: { authorization: "Bearer abc" } });
    await closed;
    expect(answer.statusCode).toBe(503);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
    expect(answer.headers["retry-after"]).toBe("1");
    expect(answer.headers.connection).toBe("close");
    expect(answer.json()).toMatchObject({ status: 503, code: "SHUTTING_DOWN" });
  });
});
