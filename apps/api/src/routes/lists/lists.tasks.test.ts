import { expect, it } from "vitest";
import type { TestUser } from "../../test/helper.js";
import { share } from "../../test/sharing.js";
import { describeApi } from "../../test/suite.js";

describeApi("tasks in lists", (ctx) => {
  const setup = async () => {
    const user = await ctx().createUser();
    const inbox = (await ctx().call(user, "GET", "/api/lists")).json().items[0] as { id: string };
    const work = (await ctx().call(user, "POST", "/api/lists", { name: "Work" })).json() as {
      id: string;
    };
    return { user, inbox, work };
  };
  const countOf = async (user: TestUser, id: string) =>
    (await ctx().call(user, "GET", `/api/lists/${id}`)).json().openTaskCount as number;

  it("POST /api/tasks without listId puts the task in the Inbox; with one, in that list", async () => {
    const { user, inbox, work } = await setup();
    const plain = (await ctx().call(user, "POST", "/api/tasks", { title: "plain" })).json();
    const filed = await ctx().call(user, "POST", "/api/tasks", { title: "filed", listId: work.id });
    expect(filed.statusCode).toBe(201);
    expect(plain.listId).toBe(inbox.id);
    expect(filed.json().listId).toBe(work.id);
  });

  it("GET /api/tasks?listId= lists only that list's tasks", async () => {
    const { user, work } = await setup();
    await ctx().call(user, "POST", "/api/tasks", { title: "inbox task" });
    await ctx().call(user, "POST", "/api/tasks", { title: "work task", listId: work.id });
    const page = (await ctx().call(user, "GET", `/api/tasks?listId=${work.id}`)).json();
    expect(page.items.map((t: { title: string }) => t.title)).toEqual(["work task"]);
    const all = (await ctx().call(user, "GET", "/api/tasks")).json();
    expect(all.items).toHaveLength(2);
  });

  it("an empty list of yours answers 200 with no items; a malformed listId 400", async () => {
    const { user, work } = await setup();
    const empty = await ctx().call(user, "GET", `/api/tasks?listId=${work.id}&status=completed`);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ items: [], nextCursor: null });
    const bad = await ctx().call(user, "GET", "/api/tasks?listId=inbox");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe("VALIDATION_FAILED");
  });

  it("PATCH listId moves a task, and both lists' open counts follow", async () => {
    const { user, inbox, work } = await setup();
    const task = (await ctx().call(user, "POST", "/api/tasks", { title: "move me" })).json();
    expect([await countOf(user, inbox.id), await countOf(user, work.id)]).toEqual([1, 0]);
    const moved = await ctx().call(user, "PATCH", `/api/tasks/${task.id}`, { listId: work.id });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ id: task.id, listId: work.id, title: "move me" });
    expect([await countOf(user, inbox.id), await countOf(user, work.id)]).toEqual([0, 1]);
  });

  it("a list's open count is its open top-level tasks: subtasks, open or done, are not counted", async () => {
    const { user, work } = await setup();
    const create = async (body: Record<string, unknown>) =>
      (await ctx().call(user, "POST", "/api/tasks", { listId: work.id, ...body })).json() as {
        id: string;
      };
    const parent = await create({ title: "Move house" });
    await create({ title: "Pay rent" });
    const van = await create({ title: "Book van", parentId: parent.id });
    await create({ title: "Pack books", parentId: parent.id });
    expect(await countOf(user, work.id)).toBe(2);
    const done = await ctx().call(user, "PATCH", `/api/tasks/${van.id}`, { completed: true });
    expect(done.statusCode).toBe(200);
    expect(await countOf(user, work.id)).toBe(2);
    await ctx().call(user, "PATCH", `/api/tasks/${parent.id}`, { completed: true });
    expect(await countOf(user, work.id)).toBe(1);
    // The same count in the page of lists, and for a member of the shared list.
    const member = await ctx().createUser();
    await share(ctx(), user, work.id, member, "viewer");
    for (const who of [user, member]) {
      const items = (await ctx().call(who, "GET", "/api/lists")).json().items as Array<{
        id: string;
        openTaskCount: number;
        taskCount: number;
      }>;
      expect(items.find((list) => list.id === work.id)).toMatchObject({
        openTaskCount: 1,
        taskCount: 4,
      });
    }
  });

  it("deleting a list deletes its tasks (cascade) and leaves the others", async () => {
    const { user, work } = await setup();
    const kept = (await ctx().call(user, "POST", "/api/tasks", { title: "kept" })).json();
    const doomed = (
      await ctx().call(user, "POST", "/api/tasks", { title: "doomed", listId: work.id })
    ).json();
    expect((await ctx().call(user, "DELETE", `/api/lists/${work.id}`)).statusCode).toBe(204);
    expect((await ctx().call(user, "GET", `/api/tasks/${doomed.id}`)).statusCode).toBe(404);
    expect((await ctx().call(user, "GET", `/api/tasks/${kept.id}`)).statusCode).toBe(200);
    const rows = await ctx()
      .db.database.db.selectFrom("task")
      .select("id")
      .where("list_id", "=", work.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it("a missing listId on create, move or filter is a 404 LIST_NOT_FOUND, and nothing is written", async () => {
    const { user } = await setup();
    const missing = "00000000-0000-4000-8000-000000000000";
    const task = (await ctx().call(user, "POST", "/api/tasks", { title: "stays" })).json();
    const created = await ctx().call(user, "POST", "/api/tasks", { title: "x", listId: missing });
    const moved = await ctx().call(user, "PATCH", `/api/tasks/${task.id}`, {
      listId: missing,
      title: "changed",
    });
    const filtered = await ctx().call(user, "GET", `/api/tasks?listId=${missing}`);
    for (const response of [created, moved, filtered]) {
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe("LIST_NOT_FOUND");
    }
    const after = (await ctx().call(user, "GET", "/api/tasks")).json().items;
    expect(after).toEqual([task]);
  });
});
