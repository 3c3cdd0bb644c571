import { expect, it } from "vitest";
import { describeApi } from "../test/suite.js";

describeApi("the request log", (ctx) => {
  const linesOf = (requestId: unknown) => ctx().logs.filter((line) => line.reqId === requestId);

  it("writes one line per served request, in the request line's shape, without the query string", async () => {
    const user = await ctx().createUser();
    const response = await ctx().app.inject({
      url: "/api/me?access_token=secret-in-query",
      headers: user.headers,
    });
    expect(response.statusCode).toBe(200);
    const lines = linesOf(response.headers["x-request-id"]);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(Object.keys(line ?? {})).toEqual([
      "level",
      "time",
      "pid",
      "hostname",
      "reqId",
      "event",
      "method",
      "route",
      "path",
      "status",
      "userId",
      "ip",
      "ms",
      "msg",
    ]);
    expect(line).toMatchObject({
      level: 30,
      event: "request",
      method: "GET",
      route: "/api/me",
      path: "/api/me",
      status: 200,
      userId: user.id,
      msg: "request",
    });
    expect(ctx().rawLogs()).not.toContain("secret-in-query");
  });

  it("writes a hostile path as one escaped line", async () => {
    const response = await ctx().app.inject({ url: '/api/"tasks"%0A{"level":60}?x=1' });
    expect(response.statusCode).toBe(401);
    const lines = linesOf(response.headers["x-request-id"]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ event: "auth.failure", reason: "missing", level: 30 });
    expect(ctx().logs.every((line) => line.level !== 60)).toBe(true);
  });
});

describeApi(
  "the request log at level warn",
  (ctx) => {
    it("keeps to the logger's level: refusals at warn are written, served requests are not", async () => {
      const user = await ctx().createUser();
      const served = await ctx().app.inject({ url: "/api/me", headers: user.headers });
      const refused = await ctx().app.inject({
        url: "/api/me",
        headers: { authorization: `Bearer ${user.token.slice(0, -4)}AAAA` },
      });
      const ids = ctx().logs.map((line) => line.reqId);
      expect(ids).not.toContain(served.headers["x-request-id"]);
      expect(ids).toContain(refused.headers["x-request-id"]);
    });
  },
  { logLevel: "warn" },
);
