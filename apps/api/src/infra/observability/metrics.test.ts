import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { describeApi } from "../../test/suite.js";

/** Every sample of one family, as `labels → value` (labels in exposition order). */
function samples(text: string, name: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split("\n")) {
    const match = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (match?.[1] === name) found.set(match[2] ?? "", Number(match[3]));
  }
  return found;
}

describeApi(
  "the API's metrics listener",
  (ctx) => {
    let base = "";
    let metricsUrl = "";
    const scrape = async () => (await fetch(metricsUrl)).text();

    it("listens on loopback, apart from the public port", async () => {
      const { app, logs } = ctx();
      base = await app.listen({ host: "127.0.0.1", port: 0 });
      const line = logs.find((entry) => entry.msg === "metrics listening");
      expect(line).toMatchObject({ host: "127.0.0.1" });
      metricsUrl = `http://127.0.0.1:${line?.port}/metrics`;
      const response = await fetch(metricsUrl);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      // The public port does not serve them, with or without a token.
      const user = await ctx().createUser();
      const publicAnswer = await fetch(`${base}/metrics`, { headers: user.headers });
      expect(publicAnswer.status).toBe(404);
      expect(await publicAnswer.text()).not.toContain("http_server_request_duration_seconds");
      expect((await fetch(metricsUrl.replace("/metrics", "/other"))).status).toBe(404);
      expect((await fetch(metricsUrl, { method: "POST" })).status).toBe(405);
    });

    it("times requests by method, route pattern and status, never by raw path", async () => {
      const user = await ctx().createUser();
      const missing = randomUUID();
      const unknownPath = `/nowhere-${randomUUID()}`;
      expect((await fetch(`${base}/api/tasks?limit=5`, { headers: user.headers })).status).toBe(
        200,
      );
      expect((await fetch(`${base}/api/tasks/${missing}`, { headers: user.headers })).status).toBe(
        404,
      );
      await fetch(`${base}${unknownPath}`, { headers: user.headers });
      const text = await scrape();
      const durations = samples(text, "http_server_request_duration_seconds_count");
      expect(
        durations.get(
          '{http_request_method="GET",http_route="/api/tasks",http_response_status_code="200"}',
        ),
      ).toBe(1);
      expect(
        durations.get(
          '{http_request_method="GET",http_route="/api/tasks/:id",http_response_status_code="404"}',
        ),
      ).toBe(1);
      expect(
        [...durations.keys()].some((labels) => labels.includes('http_route="unmatched"')),
      ).toBe(true);
      expect(text).toContain('http_server_request_duration_seconds_bucket{le="0.005"');
      // No identifier of a user, a task or a path in any label.
      for (const secret of [missing, unknownPath, user.id, user.token]) {
        expect(text).not.toContain(secret);
      }
    });

    it("counts refusals by reason: token, limit, validation", async () => {
      const before = samples(await scrape(), "todo_api_refusals_total");
      expect([...before.keys()].sort()).toEqual([
        '{reason="limit"}',
        '{reason="token"}',
        '{reason="validation"}',
      ]);
      const user = await ctx().createUser();
      expect((await fetch(`${base}/api/tasks`)).status).toBe(401);
      const badToken = { authorization: "Bearer not.a.token" };
      expect((await fetch(`${base}/api/tasks`, { headers: badToken })).status).toBe(401);
      const invalid = await fetch(`${base}/api/tasks`, {
        method: "POST",
        headers: { ...user.headers, "content-type": "application/json" },
        body: JSON.stringify({ title: "" }),
      });
      expect(invalid.status).toBe(400);
      let limited = 0;
      for (let i = 0; i < 8 && limited === 0; i++) {
        const answer = await fetch(`${base}/api/me`, { headers: user.headers });
        if (answer.status === 429) limited++;
      }
      expect(limited).toBe(1);
      const after = samples(await scrape(), "todo_api_refusals_total");
      const delta = (reason: string) =>
        (after.get(`{reason="${reason}"}`) ?? 0) - (before.get(`{reason="${reason}"}`) ?? 0);
      expect(delta("token")).toBe(2);
      expect(delta("validation")).toBe(1);
      expect(delta("limit")).toBe(1);
    });

    it("reports open streams, the revocation set's size and freshness, and the pool", async () => {
      const { app, db } = ctx();
      await app.revocations.sync();
      const text = await scrape();
      expect(samples(text, "todo_api_event_streams_open").get("")).toBe(0);
      expect(samples(text, "todo_api_revocations_entries").get("")).toBeGreaterThanOrEqual(0);
      const age = samples(text, "todo_api_revocations_last_refresh_age_seconds").get("");
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThan(5);
      const pool = samples(text, "db_client_connection_count");
      if (db.config.kind === "postgres") {
        expect(pool.get('{db_client_connection_state="used"}')).toBeGreaterThanOrEqual(0);
        expect(pool.get('{db_client_connection_state="idle"}')).toBeGreaterThanOrEqual(1);
        expect(samples(text, "db_client_connection_pending_requests").get("")).toBe(0);
      } else {
        // One synchronous SQLite connection: no pool, nothing waits.
        expect(pool.size).toBe(0);
      }
      expect(text).toContain("process_cpu_seconds_total");
    });
  },
  {
    observability: { metrics: { host: "127.0.0.1", port: 0 }, tracing: undefined },
    rateLimit: { perIp: 100_000, perUser: 3, windowMs: 60_000 },
  },
);
