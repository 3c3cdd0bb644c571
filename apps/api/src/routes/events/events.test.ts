import type { Problem, Task } from "@todo/contract";
import {
  recordRevocation,
  sessionRevocation,
  userCutOff,
  userRevocation,
} from "@todo/db/revocations";
import { afterEach, beforeAll, expect, it } from "vitest";
import { type EventStreamClient, listenOnLoopback, openEvents } from "../../test/event-client.js";
import type { TestUser } from "../../test/helper.js";
import { describeApi } from "../../test/suite.js";

describeApi("GET /api/events", (ctx) => {
  let base = "";
  const open: EventStreamClient[] = [];
  beforeAll(async () => {
    base = await listenOnLoopback(ctx().app);
  });
  afterEach(() => {
    for (const stream of open.splice(0)) stream.close();
  });
  const events = async (headers: Record<string, string>) => {
    const stream = await openEvents(base, headers);
    open.push(stream);
    return stream;
  };
  const send = async (user: TestUser, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...user.headers, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const answer = response.status === 204 ? null : await response.json();
    return { status: response.status, body: answer as Task };
  };

  it("answers 401 without a token, and ignores a token in the query string", async () => {
    const user = await ctx().createUser();
    const anonymous = await fetch(`${base}/api/events`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const query = await fetch(`${base}/api/events?access_token=${user.token}`);
    expect(query.status).toBe(401);
  });

  it("streams with the headers SSE needs, beside the security and CORS headers", async () => {
    const user = await ctx().createUser();
    const stream = await events({ ...user.headers, origin: "http://localhost:3000" });
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(stream.headers.get("cache-control")).toBe("no-store");
    expect(stream.headers.get("x-accel-buffering")).toBe("no");
    expect(stream.headers.get("x-content-type-options")).toBe("nosniff");
    expect(stream.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    const ready = await stream.next();
    expect(ready.event).toBe("ready");
    expect(ready.id).toMatch(/^\d+-\d+$/);
    expect(stream.text()).toMatch(/^retry: \d+\n\n/);
  });

  it("delivers the owner's creates, updates and deletes as the task routes return them", async () => {
    const user = await ctx().createUser();
    const stream = await events(user.headers);
    await stream.next();
    const created = await send(user, "POST", "/api/tasks", { title: "From the phone" });
    const updated = await send(user, "PATCH", `/api/tasks/${created.body.id}`, { completed: true });
    await send(user, "DELETE", `/api/tasks/${created.body.id}`);
    const received = [await stream.next(), await stream.next(), await stream.next()];
    expect(received.map((m) => m.event)).toEqual(["task.created", "task.updated", "task.deleted"]);
    expect(JSON.parse(received[0]?.data ?? "")).toEqual(created.body);
    expect(JSON.parse(received[1]?.data ?? "")).toEqual(updated.body);
    expect(JSON.parse(received[2]?.data ?? "")).toEqual({ id: created.body.id });
  });

  it("delivers the owner's list creates, renames and deletes as the list routes return them", async () => {
    const user = await ctx().createUser();
    const stream = await events(user.headers);
    await stream.next();
    const created = await send(user, "POST", "/api/lists", { name: "Errands" });
    const renamed = await send(user, "PATCH", `/api/lists/${created.body.id}`, { name: "Chores" });
    await send(user, "DELETE", `/api/lists/${created.body.id}`);
    const received = [await stream.next(), await stream.next(), await stream.next()];
    expect(received.map((m) => m.event)).toEqual(["list.created", "list.updated", "list.deleted"]);
    expect(JSON.parse(received[0]?.data ?? "")).toEqual(created.body);
    expect(JSON.parse(received[1]?.data ?? "")).toEqual(renamed.body);
    expect(JSON.parse(received[2]?.data ?? "")).toEqual({ id: created.body.id });
  });

  it("never delivers another user's list changes, nor a refused move into their list", async () => {
    const alice = await ctx().createUser();
    const mallory = await ctx().createUser();
    const stream = await events(alice.headers);
    await stream.next();
    const theirs = await send(mallory, "POST", "/api/lists", { name: "not for alice" });
    const task = await send(alice, "POST", "/api/tasks", { title: "alice's" });
    const move = await send(alice, "PATCH", `/api/tasks/${task.body.id}`, {
      listId: theirs.body.id,
    });
    expect(move.status).toBe(404);
    await send(mallory, "DELETE", `/api/lists/${theirs.body.id}`);
    const mine = await send(alice, "POST", "/api/lists", { name: "alice's list" });
    expect((await stream.next()).event).toBe("task.created");
    const next = await stream.next();
    expect(next.event).toBe("list.created");
    expect(JSON.parse(next.data)).toEqual(mine.body);
    expect(stream.text()).not.toContain(theirs.body.id);
  });

  it("never delivers another user's changes", async () => {
    const alice = await ctx().createUser();
    const mallory = await ctx().createUser();
    const stream = await events(alice.headers);
    await stream.next();
    const theirs = await send(mallory, "POST", "/api/tasks", { title: "not for alice" });
    await send(mallory, "PATCH", `/api/tasks/${theirs.body.id}`, { title: "still not" });
    await send(mallory, "DELETE", `/api/tasks/${theirs.body.id}`);
    const mine = await send(alice, "POST", "/api/tasks", { title: "alice's" });
    const first = await stream.next();
    expect(JSON.parse(first.data)).toEqual(mine.body);
    expect(stream.text()).not.toContain(theirs.body.id);
  });

  it("replays what a reconnecting stream missed after its Last-Event-ID, in order, then ready", async () => {
    const user = await ctx().createUser();
    const first = await events(user.headers);
    const ready = await first.next();
    first.close();
    const titles = ["one", "two", "three"];
    for (const title of titles) await send(user, "POST", "/api/tasks", { title });
    const again = await events({ ...user.headers, "last-event-id": ready.id });
    const replayed = [await again.next(), await again.next(), await again.next()];
    expect(replayed.map((m) => JSON.parse(m.data).title)).toEqual(titles);
    const live = await again.next();
    expect(live.event).toBe("ready");
    expect(live.id).toBe(replayed[2]?.id);
  });

  it.each([
    ["malformed", "not-an-id"],
    ["of the wrong shape", "1-2-3"],
    ["too long", `${"9".repeat(40)}-0`],
    ["unknown", "999999999999999-0"],
    ["a list of ids", "1-0, 2-0"],
    ["negative", "-1-0"],
    ["zero-padded", "01-0"],
  ])("answers a Last-Event-ID that is %s with reload, never an error", async (_, id) => {
    const user = await ctx().createUser();
    const stream = await events({ ...user.headers, "last-event-id": id });
    expect(stream.status).toBe(200);
    const first = await stream.next();
    expect(first.event).toBe("reload");
    expect(first.id).toMatch(/^\d+-\d+$/);
  });

  it("answers another user's event id with reload, and replays none of their events", async () => {
    const alice = await ctx().createUser();
    const bob = await ctx().createUser();
    const bobs = await events(bob.headers);
    const bobReady = await bobs.next();
    const secret = await send(bob, "POST", "/api/tasks", { title: "bob's secret" });
    await bobs.next();
    const stream = await events({ ...alice.headers, "last-event-id": bobReady.id });
    expect((await stream.next()).event).toBe("reload");
    expect(stream.text()).not.toContain(secret.body.id);
  });

  it("ends the stream when its token expires", async () => {
    const user = await ctx().createUser();
    // A token of the shortest lifetime, issued so that it expires two seconds from now.
    const ttl = ctx().issuer.ttlSeconds;
    const { token } = await ctx().issuer.mint(
      { sub: user.id, sid: user.sessionId },
      Date.now() - (ttl - 2) * 1000,
    );
    const stream = await events({ authorization: `Bearer ${token}` });
    await stream.next();
    await stream.ended;
    const line = ctx().logs.find((l) => l.stream === "expired" && l.userId === user.id);
    expect(line).toMatchObject({ event: "request", status: 200, route: "/api/events" });
    expect(line?.ms).toBeGreaterThan(500);
  });

  it("ends the stream at once when its session is revoked, and leaves other sessions' streams", async () => {
    const user = await ctx().createUser();
    const other = await ctx().issuer.mint({ sub: user.id, sid: "another-session" });
    const revoked = await events(user.headers);
    const kept = await events({ authorization: `Bearer ${other.token}` });
    await revoked.next();
    await kept.next();
    await recordRevocation(ctx().db.database, sessionRevocation(user.sessionId));
    await ctx().app.revocations.sync();
    await revoked.ended;
    await send(user, "POST", "/api/tasks", { title: "seen by the other session" }).catch(() => {});
    const { token } = await ctx().issuer.mint({ sub: user.id, sid: "a-third-session" });
    await fetch(`${base}/api/tasks`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "after" }),
    });
    expect((await kept.next()).event).toBe("task.created");
  });

  it("ends the streams of a deleted account", async () => {
    const user = await ctx().createUser();
    const stream = await events(user.headers);
    await stream.next();
    await recordRevocation(ctx().db.database, userRevocation(user.id));
    await ctx().app.revocations.sync();
    await stream.ended;
    expect(ctx().logs.some((l) => l.stream === "revoked" && l.userId === user.id)).toBe(true);
  });

  it("a cut-off that keeps this session ends the user's other streams and leaves this one open", async () => {
    const user = await ctx().createUser();
    const kept = await events(user.headers);
    await kept.next();
    const old = await ctx().issuer.mint({ sub: user.id, sid: "other-device" }, Date.now() - 5000);
    const other = await events({ authorization: `Bearer ${old.token}` });
    await other.next();
    await recordRevocation(
      ctx().db.database,
      userCutOff(user.id, { keptSessionId: user.sessionId }),
    );
    await ctx().app.revocations.sync();
    await other.ended;
    expect((await send(user, "POST", "/api/tasks", { title: "still here" })).status).toBe(201);
    expect((await kept.next()).event).toBe("task.created");
  });

  it("refuses a stream beyond the per-user limit with 429 problem+json, and admits one once another closes", async () => {
    const user = await ctx().createUser();
    const limit = ctx().config.events.limits.perUser;
    const streams: EventStreamClient[] = [];
    for (let i = 0; i < limit; i++) {
      const stream = await events(user.headers);
      expect(stream.status).toBe(200);
      await stream.next();
      streams.push(stream);
    }
    const refused = await fetch(`${base}/api/events`, { headers: user.headers });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get("retry-after")).toBe("30");
    expect(((await refused.json()) as Problem).code).toBe("TOO_MANY_STREAMS");
    // Another user is not affected.
    const other = await events((await ctx().createUser()).headers);
    expect(other.status).toBe(200);
    streams[0]?.close();
    await streams[0]?.ended;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await events(user.headers)).status).toBe(200);
  });
});

describeApi(
  "GET /api/events with a short history",
  (ctx) => {
    it("answers a Last-Event-ID trimmed from the history with reload", async () => {
      const base = await listenOnLoopback(ctx().app);
      const user = await ctx().createUser();
      const first = await openEvents(base, user.headers);
      const ready = await first.next();
      first.close();
      for (let i = 0; i < 4; i++) {
        const response = await fetch(`${base}/api/tasks`, {
          method: "POST",
          headers: { ...user.headers, "content-type": "application/json" },
          body: JSON.stringify({ title: `task ${i}` }),
        });
        expect(response.status).toBe(201);
      }
      const again = await openEvents(base, { ...user.headers, "last-event-id": ready.id });
      const reload = await again.next();
      expect(reload.event).toBe("reload");
      again.close();
    });
  },
  {
    events: {
      history: 3,
      retentionMs: 60_000,
      heartbeatMs: 15_000,
      limits: { perUser: 5, perAddress: 50 },
    },
  },
);
