import type { LightMyRequestResponse } from "fastify";
import { expect, it } from "vitest";
import { describeApi } from "../../test/suite.js";

describeApi("lists of two users", (ctx) => {
  const missingId = "00000000-0000-4000-8000-000000000000";
  const setup = async () => {
    const alice = await ctx().createUser({ name: "Alice" });
    const bob = await ctx().createUser({ name: "Bob" });
    const list = (
      await ctx().call(alice, "POST", "/api/lists", { name: "Alice's plans" })
    ).json() as {
      id: string;
    };
    const task = (
      await ctx().call(alice, "POST", "/api/tasks", { title: "Alice's secret", listId: list.id })
    ).json() as { id: string };
    const bobsTask = (
      await ctx().call(bob, "POST", "/api/tasks", { title: "Bob's task" })
    ).json() as {
      id: string;
      listId: string;
    };
    return { alice, bob, list, task, bobsTask };
  };
  const sameAnswer = (theirs: LightMyRequestResponse, missing: LightMyRequestResponse) => {
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).toBe(missing.body);
    expect(theirs.headers["content-type"]).toBe(missing.headers["content-type"]);
    expect(theirs.headers["content-length"]).toBe(missing.headers["content-length"]);
    expect(theirs.json().code).toBe("LIST_NOT_FOUND");
  };

  it("GET, PATCH and DELETE /api/lists/:id on another user's list answer byte for byte like a missing one", async () => {
    const { bob, list } = await setup();
    for (const [method, payload] of [
      ["GET", undefined],
      ["PATCH", { name: "pwned", position: 0 }],
      ["DELETE", undefined],
    ] as const) {
      sameAnswer(
        await ctx().call(bob, method, `/api/lists/${list.id}`, payload),
        await ctx().call(bob, method, `/api/lists/${missingId}`, payload),
      );
    }
  });

  it("another user's listId on create, move or filter answers exactly like a missing list, and writes nothing", async () => {
    const { alice, bob, list, bobsTask } = await setup();
    sameAnswer(
      await ctx().call(bob, "POST", "/api/tasks", { title: "planted", listId: list.id }),
      await ctx().call(bob, "POST", "/api/tasks", { title: "planted", listId: missingId }),
    );
    sameAnswer(
      await ctx().call(bob, "PATCH", `/api/tasks/${bobsTask.id}`, { listId: list.id }),
      await ctx().call(bob, "PATCH", `/api/tasks/${bobsTask.id}`, { listId: missingId }),
    );
    sameAnswer(
      await ctx().call(bob, "GET", `/api/tasks?listId=${list.id}`),
      await ctx().call(bob, "GET", `/api/tasks?listId=${missingId}`),
    );
    const { db } = ctx().db.database;
    const inAlicesList = await db
      .selectFrom("task")
      .select(["user_id", "title"])
      .where("list_id", "=", list.id)
      .execute();
    expect(inAlicesList).toEqual([{ user_id: alice.id, title: "Alice's secret" }]);
    const bobs = await db
      .selectFrom("task")
      .select(["list_id"])
      .where("user_id", "=", bob.id)
      .execute();
    expect(bobs).toEqual([{ list_id: bobsTask.listId }]);
    expect(
      await db.selectFrom("task").select("id").where("title", "=", "planted").execute(),
    ).toEqual([]);
    const alices = (await ctx().call(alice, "GET", `/api/lists/${list.id}`)).json();
    expect(alices).toMatchObject({ name: "Alice's plans", position: 1, openTaskCount: 1 });
  });

  it("logs attempts on another user's list as authz.denied, and a missing one as list.not_found", async () => {
    const { bob, list } = await setup();
    await ctx().call(bob, "GET", `/api/lists/${list.id}`);
    await ctx().call(bob, "POST", "/api/tasks", { title: "x", listId: list.id });
    await ctx().call(bob, "GET", `/api/lists/${missingId}`);
    const denied = ctx().logs.filter((l) => l.event === "authz.denied" && l.listId === list.id);
    expect(denied.map((l) => l.method)).toEqual(["GET", "POST"]);
    expect(denied.every((l) => l.userId === bob.id)).toBe(true);
    expect(ctx().logs.some((l) => l.event === "list.not_found" && l.listId === missingId)).toBe(
      true,
    );
  });

  it("GET /api/lists never shows another user's lists or counts", async () => {
    const { bob } = await setup();
    const response = await ctx().call(bob, "GET", "/api/lists");
    expect(response.body).not.toContain("Alice");
    expect(response.json().items).toMatchObject([{ name: "Inbox", openTaskCount: 1 }]);
  });

  it("the database itself refuses a task whose list belongs to another user (composite foreign key)", async () => {
    const { bob, list } = await setup();
    const now = new Date().toISOString();
    const insert = ctx()
      .db.database.db.insertInto("task")
      .values({
        id: crypto.randomUUID(),
        user_id: bob.id,
        list_id: list.id,
        title: "forged",
        description: "",
        title_key: "forged",
        search_text: "forged",
        completed: ctx().db.config.kind === "sqlite" ? 0 : false,
        completed_at: null,
        priority: 2,
        due_date: null,
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    await expect(insert).rejects.toMatchObject({
      code: expect.stringMatching(/^(23503|SQLITE_CONSTRAINT_FOREIGNKEY)$/),
    });
  });

  it("deleting a user deletes their lists and tasks, and nobody else's", async () => {
    const { alice, bob, bobsTask } = await setup();
    const { db } = ctx().db.database;
    await db.deleteFrom("user").where("id", "=", alice.id).execute();
    expect(
      await db.selectFrom("list").select("id").where("user_id", "=", alice.id).execute(),
    ).toEqual([]);
    expect(
      await db.selectFrom("task").select("id").where("user_id", "=", alice.id).execute(),
    ).toEqual([]);
    expect((await ctx().call(bob, "GET", `/api/tasks/${bobsTask.id}`)).statusCode).toBe(200);
    // A token still within its lifetime cannot create anything for the deleted user.
    const ghost = await ctx().call(alice, "POST", "/api/tasks", { title: "ghost" });
    expect(ghost.statusCode).toBe(401);
    const ghostList = await ctx().call(alice, "POST", "/api/lists", { name: "ghost" });
    expect(ghostList.statusCode).toBe(401);
  });
});
