import { randomUUID } from "node:crypto";
import { DEFAULT_WEB_ORIGIN } from "@todo/config";
import type { LightMyRequestResponse } from "fastify";
import { expect, it } from "vitest";
import { listenOnLoopback } from "../test/event-client.js";
import { describeApi } from "../test/suite.js";
import { registeredRoutes } from "./authenticate.js";

/** Headers that differ between any two answers, or between node:http and light-my-request. */
const PER_ANSWER = new Set([
  "date",
  "connection",
  "keep-alive",
  "x-request-id",
  "transfer-encoding",
]);

function comparable(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => !PER_ANSWER.has(name))
      .map(([name, value]) => [name, String(value)]),
  );
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly requestId: string | undefined;
}

async function overHttp(base: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${base}${path}`, init);
  const headers = Object.fromEntries(response.headers.entries());
  return {
    status: response.status,
    headers: comparable(headers),
    body: await response.text(),
    requestId: headers["x-request-id"],
  };
}

function fromInject(response: LightMyRequestResponse): Answer {
  return {
    status: response.statusCode,
    headers: comparable(response.headers),
    body: response.body,
    requestId: response.headers["x-request-id"] as string | undefined,
  };
}

// Over real HTTP the guard answers in the server's request listener, before Fastify; through
// `inject` the same checks run in Fastify's first hook. Both must give the same answer.
describeApi("the guard in front of Fastify", (ctx) => {
  let base = "";
  const url = async () => {
    if (base === "") base = await listenOnLoopback(ctx().app);
    return base;
  };

  it("refuses with the same status, headers and body as inside Fastify, whatever the Origin", async () => {
    const user = await ctx().createUser();
    const expired = await ctx().issuer.mint(
      { sub: user.id, sid: randomUUID() },
      Date.now() - 2 * 3600 * 1000,
    );
    const credentials: Array<Record<string, string>> = [
      {},
      { authorization: "Basic dXNlcjpwYXNz" },
      { authorization: "Bearer not a token" },
      { authorization: `Bearer ${user.token.slice(0, -4)}AAAA` },
      { authorization: `Bearer ${expired.token}` },
    ];
    const origins: Array<Record<string, string>> = [
      {},
      { origin: DEFAULT_WEB_ORIGIN },
      { origin: "https://evil.example" },
    ];
    for (const credential of credentials) {
      for (const origin of origins) {
        const headers = { ...credential, ...origin };
        const http = await overHttp(await url(), "/api/tasks?limit=5", { headers });
        const injected = fromInject(await ctx().app.inject({ url: "/api/tasks?limit=5", headers }));
        expect(http.status).toBe(401);
        expect(http).toEqual({ ...injected, requestId: http.requestId });
        expect(http.requestId).toMatch(/^[0-9a-f-]{36}$/);
        const allowed = origin.origin === DEFAULT_WEB_ORIGIN ? DEFAULT_WEB_ORIGIN : undefined;
        expect(http.headers["access-control-allow-origin"]).toBe(allowed);
      }
    }
  });

  it("sends the same security and CORS headers on a refusal as Fastify sends on an answer", async () => {
    const user = await ctx().createUser();
    const headers = { origin: DEFAULT_WEB_ORIGIN };
    const accepted = await overHttp(await url(), "/api/me", {
      headers: { ...headers, ...user.headers },
    });
    const refused = await overHttp(await url(), "/api/me", { headers });
    expect(accepted.status).toBe(200);
    expect(refused.status).toBe(401);
    const shared = (answer: Answer) => {
      const {
        "content-type": _type,
        "content-length": _length,
        "www-authenticate": _challenge,
        ...rest
      } = answer.headers;
      return rest;
    };
    expect(shared(refused)).toEqual(shared(accepted));
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

  it("serves the public paths without a token, and no path that only looks public", async () => {
    for (const path of ["/healthz", "/readyz", "/openapi.json", "/healthz?probe=1"]) {
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
    const lines = ctx().logs.filter((line) => line.reqId === answer.requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      event: "auth.failure",
      reason: "signature",
      method: "GET",
      path: "/api/tasks",
      status: 401,
      ip: "127.0.0.1",
    });
    const raw = ctx().rawLogs();
    expect(raw).not.toContain(user.token);
    expect(raw).not.toContain(tampered);
  });
});

describeApi(
  "the guard's limits over real HTTP",
  (ctx) => {
    it("counts each request once per address and per user, and answers 429 as inside Fastify", async () => {
      const base = await listenOnLoopback(ctx().app);
      const user = await ctx().createUser();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await overHttp(base, "/api/me", { headers: user.headers })).status);
      }
      // Three per user: a request counted twice on its way (front, then hook) would stop at two.
      expect(statuses).toEqual([200, 200, 200, 429]);
      const http = await overHttp(base, "/api/me", { headers: user.headers });
      const injected = fromInject(
        await ctx().app.inject({ url: "/api/me", headers: user.headers }),
      );
      expect(http.status).toBe(429);
      expect(Number(http.headers["retry-after"])).toBeGreaterThan(0);
      const { "retry-after": _http, ...httpRest } = http.headers;
      const { "retry-after": _injected, ...injectedRest } = injected.headers;
      expect(httpRest).toEqual(injectedRest);
      expect(http.body).toBe(injected.body);
      const line = ctx().logs.find((entry) => entry.reqId === http.requestId);
      expect(line).toMatchObject({ event: "rate_limit.exceeded", scope: "user", userId: user.id });
      // Six requests from this address so far (inject's included): two more, then its limit of 8.
      const anonymous: number[] = [];
      for (let i = 0; i < 3; i++) anonymous.push((await overHttp(base, "/api/tasks")).status);
      expect(anonymous).toEqual([401, 401, 429]);
      expect((await overHttp(base, "/healthz")).status).toBe(200);
    });
  },
  { rateLimit: { perIp: 8, perUser: 3, windowMs: 60_000 } },
);
