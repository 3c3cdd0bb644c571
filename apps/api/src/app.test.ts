import { ERROR_CODES } from "@todo/contract";
import { expect, it } from "vitest";
import { describeApi } from "./test/suite.js";

describeApi("the API surface", (ctx) => {
  it("GET /healthz answers without a token", async () => {
    const response = await ctx().app.inject({ url: "/healthz" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok" });
  });

  it("GET /readyz answers when the database does", async () => {
    const response = await ctx().app.inject({ url: "/readyz" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ready" });
  });

  it("GET /openapi.json documents every task route, its errors and bearer security", async () => {
    const response = await ctx().app.inject({ url: "/openapi.json" });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/tasks",
        "/api/tasks/{id}",
        "/api/lists",
        "/api/lists/{id}",
        "/api/me",
        "/api/events",
        "/healthz",
        "/readyz",
      ]),
    );
    // A listId that is not the caller's is a 404 on create, move and filter.
    for (const [path, method] of [
      ["/api/tasks", "post"],
      ["/api/tasks", "get"],
      ["/api/tasks/{id}", "patch"],
    ] as const) {
      expect(Object.keys(doc.paths[path][method].responses)).toContain("404");
    }
    expect(Object.keys(doc.paths["/api/lists/{id}"].delete.responses)).toContain("409");
    expect(Object.keys(doc.components.schemas.List.properties)).toEqual(
      expect.arrayContaining(["id", "name", "position", "isInbox", "openTaskCount"]),
    );
    expect(doc.paths["/api/lists"].get.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(doc.paths["/api/tasks"].post.responses)).toEqual(
      expect.arrayContaining(["201", "400", "401", "413", "415", "429"]),
    );
    expect(doc.paths["/api/tasks/{id}"].get.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.securitySchemes.bearerAuth.scheme).toBe("bearer");
    expect(doc.components.schemas.Problem.properties.code.enum).toEqual([...ERROR_CODES]);
  });

  it("GET /docs serves the documentation page without a token", async () => {
    const response = await ctx().app.inject({ url: "/docs/" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/text\/html/);
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("swagger.io");
  });

  it("sets security headers on every response, errors included", async () => {
    for (const url of ["/healthz", "/api/tasks", "/nowhere"]) {
      const response = await ctx().app.inject({ url });
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
      expect(response.headers["x-frame-options"]).toBe("DENY");
      expect(response.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(response.headers["referrer-policy"]).toBe("no-referrer");
      expect(response.headers["cache-control"]).toBe("no-store");
      expect(response.headers["x-request-id"]).toEqual(expect.any(String));
      expect(response.headers["x-powered-by"]).toBeUndefined();
    }
  });

  it("reuses a client X-Request-Id only when it is short and of a safe character set", async () => {
    const idOf = async (value: string) =>
      (await ctx().app.inject({ url: "/healthz", headers: { "x-request-id": value } })).headers[
        "x-request-id"
      ];
    expect(await idOf("proxy-1234.abc_DEF")).toBe("proxy-1234.abc_DEF");
    for (const hostile of [
      "a".repeat(65),
      "abcdefgh\r\nInjected: 1",
      "<script>alert(1)</script>",
      "abcdefgh ijk",
      "ünïcödé-id",
    ]) {
      const id = await idOf(hostile);
      expect(id).not.toBe(hostile);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("answers an unknown route with 401 without a token (no route discovery) and 404 with one", async () => {
    expect((await ctx().app.inject({ url: "/nowhere" })).statusCode).toBe(401);
    const user = await ctx().createUser();
    const response = await ctx().app.inject({ url: "/nowhere", headers: user.headers });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ status: 404, code: "ROUTE_NOT_FOUND" });
  });

  it.each([
    ["PUT", "/api/tasks", "GET, POST, HEAD"],
    ["DELETE", "/api/tasks", "GET, POST, HEAD"],
    ["POST", "/api/tasks/00000000-0000-4000-8000-000000000000", "GET, PATCH, DELETE, HEAD"],
    ["PUT", "/api/me", "GET, HEAD"],
  ])("answers %s %s with 405 and Allow", async (method, url, allow) => {
    const user = await ctx().createUser();
    const response = await ctx().app.inject({
      method: method as "PUT",
      url,
      headers: user.headers,
    });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe(allow);
    expect(response.json().code).toBe("METHOD_NOT_ALLOWED");
  });

  it("allows CORS from the web origin only, without credentials, varying on Origin", async () => {
    const preflight = await ctx().app.inject({
      method: "OPTIONS",
      url: "/api/tasks",
      headers: {
        origin: "http://localhost:3000",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe("http://localhost:3000");
    expect(String(preflight.headers["access-control-allow-headers"]).toLowerCase()).toContain(
      "authorization",
    );
    expect(preflight.headers["access-control-allow-credentials"]).toBeUndefined();

    const hostile = await ctx().app.inject({
      method: "OPTIONS",
      url: "/api/tasks",
      headers: { origin: "https://evil.example", "access-control-request-method": "GET" },
    });
    expect(hostile.headers["access-control-allow-origin"]).toBeUndefined();

    const user = await ctx().createUser();
    for (const origin of ["http://localhost:3000", "https://evil.example", "null"]) {
      const response = await ctx().app.inject({
        url: "/api/tasks",
        headers: { ...user.headers, origin },
      });
      expect(String(response.headers.vary)).toMatch(/origin/i);
      expect(response.headers["access-control-allow-origin"]).toBe(
        origin === "http://localhost:3000" ? origin : undefined,
      );
    }
  });

  it.each([
    ["a bad percent-encoding", "/api/tasks/%E0%A4%A", 400, "INVALID_URL"],
    [
      "a path segment over the router's limit",
      `/api/tasks/${"a".repeat(500)}`,
      414,
      "PATH_TOO_LONG",
    ],
  ])(
    "answers %s with a problem that quotes nothing, and 401 without a token",
    async (_, url, status, code) => {
      const user = await ctx().createUser();
      const anonymous = await ctx().app.inject({ url });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers["www-authenticate"]).toMatch(/^Bearer/);
      const response = await ctx().app.inject({ url, headers: user.headers });
      expect(response.statusCode).toBe(status);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
      expect(response.headers["cache-control"]).toBe("no-store");
      expect(response.json()).toMatchObject({ status, code });
      expect(response.body).not.toContain(url.slice(11, 30));
    },
  );
});
