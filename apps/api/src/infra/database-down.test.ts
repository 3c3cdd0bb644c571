import { expect, it } from "vitest";
import { describeApi } from "../test/suite.js";

describeApi("when the database is down", (ctx) => {
  it("answers 503 with Retry-After on readiness and data routes, and stays alive", async () => {
    const user = await ctx().createUser();
    await ctx().db.database.close();
    const ready = await ctx().app.inject({ url: "/readyz" });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers["retry-after"]).toBe("5");
    const list = await ctx().app.inject({ url: "/api/tasks", headers: user.headers });
    expect(list.statusCode).toBe(503);
    expect(list.json()).toMatchObject({ status: 503, code: "DATABASE_UNAVAILABLE" });
    expect(list.body).not.toMatch(/at .*\.(ts|js):\d+/);
    const health = await ctx().app.inject({ url: "/healthz" });
    expect(health.statusCode).toBe(200);
  });
});
