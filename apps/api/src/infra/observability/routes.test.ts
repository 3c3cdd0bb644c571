import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { httpRoutes } from "./routes.js";

async function app() {
  const instance = Fastify();
  const routeOf = httpRoutes(instance);
  const ok = async () => "ok";
  instance.get("/api/tasks", ok);
  instance.get("/api/tasks/:id", ok);
  instance.delete("/api/lists/:id/members/:userId", ok);
  instance.get("/docs/*", ok);
  await instance.ready();
  return routeOf;
}

describe("a request's route label", () => {
  it("is the declared pattern, parameters and query string left out", async () => {
    const routeOf = await app();
    expect(routeOf("GET", "/api/tasks?q=secret")).toBe("/api/tasks");
    expect(routeOf("GET", "/api/tasks/7d1c0b2e")).toBe("/api/tasks/:id");
    expect(routeOf("GET", "/api/tasks/caf%C3%A9")).toBe("/api/tasks/:id");
    expect(routeOf("DELETE", "/api/lists/l1/members/u1")).toBe("/api/lists/:id/members/:userId");
    expect(routeOf("DELETE", "/api/lists/same/members/same")).toBe(
      "/api/lists/:id/members/:userId",
    );
    expect(routeOf("GET", "/docs/static/index.html")).toBe("/docs/*");
  });

  it("is `unmatched` for any path or method no route serves", async () => {
    const routeOf = await app();
    expect(routeOf("GET", "/api/secret-user-id")).toBe("unmatched");
    expect(routeOf("POST", "/api/tasks/abc")).toBe("unmatched");
    expect(routeOf("GET", "/api/tasks/%E0%A4%A")).toBe("unmatched");
    expect(routeOf(undefined, undefined)).toBe("unmatched");
  });
});
