import { expect, it } from "vitest";
import { describeApi } from "../../test/suite.js";

describeApi("tasks of two users", (ctx) => {
  const setup = async () => {
    const alice = await ctx().createUser({ name: "Alice" });
    const bob = await ctx().createUser({ name: "Bob" });
    const response = await ctx().app.inject({
      method: "POST",
      url: "/api/tasks",
      headers: alice.headers,
      payload: { title: "Alice's secret plan", description: "only for alice" },
    });
    return { alice, bob, task: response.json() as { id: string } };
  };
  const missingId = "00000000-0000-4000-8000-000000000000";

  it("GET /api/tasks/:id returns 404 for another user's task, byte for byte like a missing one", async () => {
    const { bob, task } = await setup();
    const theirs = await ctx().app.inject({ url: `/api/tasks/${task.id}`, headers: bob.headers });
    const missing = await ctx().app.inject({
      url: `/api/tasks/${missingId}`,
      headers: bob.headers,
    });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).toBe(missing.body);
    expect(theirs.headers["content-type"]).toBe(missing.headers["content-type"]);
    expect(theirs.headers["content-length"]).toBe(missing.headers["content-length"]);
  });

  it("logs every attempt on another user's task as authz.denied, and a missing one as task.not_found", async () => {
    const { bob, task } = await setup();
    for (const method of ["GET", "PATCH", "DELETE"] as const) {
      await ctx().app.inject({
        method,
        url: `/api/tasks/${task.id}`,
        headers: bob.headers,
        ...(method === "PATCH" ? { payload: { title: "x" } } : {}),
      });
    }
    await ctx().app.inject({ url: `/api/tasks/${missingId}`, headers: bob.headers });
    const denied = ctx().logs.filter(
      (line) => line.event === "authz.denied" && line.taskId === task.id,
    );
    expect(denied.map((line) => line.method)).toEqual(["GET", "PATCH", "DELETE"]);
    expect(denied.every((line) => line.userId === bob.id && typeof line.reqId === "string")).toBe(
      true,
    );
    expect(
      ctx().logs.some(
        (line) =>
          line.event === "task.not_found" && line.taskId === missingId && line.userId === bob.id,
      ),
    ).toBe(true);
  });

  it("PATCH /api/tasks/:id returns 404 for another user's task and changes nothing", async () => {
    const { alice, bob, task } = await setup();
    const response = await ctx().app.inject({
      method: "PATCH",
      url: `/api/tasks/${task.id}`,
      headers: bob.headers,
      payload: { title: "pwned", completed: true },
    });
    const missing = await ctx().app.inject({
      method: "PATCH",
      url: `/api/tasks/${missingId}`,
      headers: bob.headers,
      payload: { title: "pwned", completed: true },
    });
    expect(response.statusCode).toBe(404);
    expect(response.body).toBe(missing.body);
    const still = (
      await ctx().app.inject({ url: `/api/tasks/${task.id}`, headers: alice.headers })
    ).json();
    expect(still).toMatchObject({ title: "Alice's secret plan", completed: false });
  });

  it("DELETE /api/tasks/:id returns 404 for another user's task and deletes nothing", async () => {
    const { alice, bob, task } = await setup();
    const response = await ctx().app.inject({
      method: "DELETE",
      url: `/api/tasks/${task.id}`,
      headers: bob.headers,
    });
    expect(response.statusCode).toBe(404);
    expect(
      (await ctx().app.inject({ url: `/api/tasks/${task.id}`, headers: alice.headers })).statusCode,
    ).toBe(200);
  });

  it("GET /api/tasks never lists another user's tasks, whatever the filters or search", async () => {
    const { bob } = await setup();
    for (const query of [
      "",
      "q=secret",
      "q=alice",
      "status=all&limit=100",
      "sort=title&order=asc",
    ]) {
      const response = await ctx().app.inject({ url: `/api/tasks?${query}`, headers: bob.headers });
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain("secret plan");
      expect(response.json().items).toEqual([]);
    }
  });

  it("a cursor from one user's list shows another user nothing of the first", async () => {
    const { alice, bob } = await setup();
    await ctx().app.inject({
      method: "POST",
      url: "/api/tasks",
      headers: alice.headers,
      payload: { title: "second" },
    });
    const page = (
      await ctx().app.inject({ url: "/api/tasks?limit=1", headers: alice.headers })
    ).json();
    const response = await ctx().app.inject({
      url: `/api/tasks?limit=1&cursor=${page.nextCursor}`,
      headers: bob.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([]);
  });

  it("ignores identity headers: only the token says who the caller is", async () => {
    const { alice, bob } = await setup();
    const response = await ctx().app.inject({
      url: "/api/tasks",
      headers: {
        ...bob.headers,
        "x-user-id": alice.id,
        "x-forwarded-user": alice.id,
        "x-http-method-override": "DELETE",
      },
    });
    expect(response.json().items).toEqual([]);
    const me = await ctx().app.inject({
      url: "/api/me",
      headers: { ...bob.headers, "x-user-id": alice.id },
    });
    expect(me.json().id).toBe(bob.id);
  });

  it("deleting a user deletes their tasks (the database cascades)", async () => {
    const { alice, task } = await setup();
    const { db } = ctx().db.database;
    await db.deleteFrom("user").where("id", "=", alice.id).execute();
    const left = await db.selectFrom("task").select("id").where("id", "=", task.id).execute();
    expect(left).toEqual([]);
    // The token is still within its lifetime; creating a task for the deleted user is refused.
    const response = await ctx().app.inject({
      method: "POST",
      url: "/api/tasks",
      headers: alice.headers,
      payload: { title: "ghost" },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe("INVALID_TOKEN");
  });
});
