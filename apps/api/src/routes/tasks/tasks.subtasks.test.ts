import { expect, it } from "vitest";
import type { TestUser } from "../../test/helper.js";
import { sharedWorld } from "../../test/sharing.js";
import { describeApi } from "../../test/suite.js";

interface Task {
  id: string;
  listId: string;
  title: string;
  parentId: string | null;
  subtaskCount: number;
  subtasksCompleted: number;
}

describeApi("Subtasks", (ctx) => {
  const create = async (user: TestUser, body: object) => {
    const response = await ctx().call(user, "POST", "/api/tasks", body);
    if (response.statusCode !== 201) throw new Error(response.body);
    return response.json() as Task;
  };
  const get = async (user: TestUser, id: string) =>
    (await ctx().call(user, "GET", `/api/tasks/${id}`)).json() as Task;

  it("POST with parentId makes a subtask in the parent's list and counts it on the parent", async () => {
    const user = await ctx().createUser();
    const list = (await ctx().call(user, "POST", "/api/lists", { name: "Home" })).json();
    const parent = await create(user, { title: "Move house", listId: list.id });
    const first = await create(user, { title: "Book van", parentId: parent.id });
    await create(user, { title: "Pack books", parentId: parent.id });
    expect(first).toMatchObject({ parentId: parent.id, listId: list.id });
    expect(await get(user, parent.id)).toMatchObject({ subtaskCount: 2, subtasksCompleted: 0 });

    await ctx().call(user, "PATCH", `/api/tasks/${first.id}`, { completed: true });
    expect(await get(user, parent.id)).toMatchObject({ subtaskCount: 2, subtasksCompleted: 1 });
  });

  it("GET /api/tasks lists top-level tasks only; parentId lists one task's subtasks", async () => {
    const user = await ctx().createUser();
    const parent = await create(user, { title: "Parent" });
    await create(user, { title: "Child A", parentId: parent.id });
    await create(user, { title: "Child B", parentId: parent.id });
    const top = (await ctx().call(user, "GET", "/api/tasks")).json();
    expect(top.items.map((t: Task) => t.title)).toEqual(["Parent"]);
    expect(top.items[0]).toMatchObject({ subtaskCount: 2 });
    const children = (
      await ctx().call(user, "GET", `/api/tasks?parentId=${parent.id}&sort=title&order=asc&limit=1`)
    ).json();
    expect(children.items.map((t: Task) => t.title)).toEqual(["Child A"]);
    const rest = (
      await ctx().call(
        user,
        "GET",
        `/api/tasks?parentId=${parent.id}&sort=title&order=asc&limit=1&cursor=${children.nextCursor}`,
      )
    ).json();
    expect(rest.items.map((t: Task) => t.title)).toEqual(["Child B"]);
  });

  it("refuses a subtask of a subtask, a parent made a subtask, and a task as its own parent", async () => {
    const user = await ctx().createUser();
    const parent = await create(user, { title: "Parent" });
    const child = await create(user, { title: "Child", parentId: parent.id });
    const other = await create(user, { title: "Other" });
    const deeper = await ctx().call(user, "POST", "/api/tasks", {
      title: "Grandchild",
      parentId: child.id,
    });
    expect(deeper.statusCode).toBe(400);
    expect(deeper.json().code).toBe("SUBTASK_TOO_DEEP");
    const parentDown = await ctx().call(user, "PATCH", `/api/tasks/${parent.id}`, {
      parentId: other.id,
    });
    expect(parentDown.json().code).toBe("SUBTASK_TOO_DEEP");
    const self = await ctx().call(user, "PATCH", `/api/tasks/${other.id}`, { parentId: other.id });
    expect(self.json().code).toBe("SUBTASK_TOO_DEEP");
  });

  it("keeps a subtask in its parent's list", async () => {
    const user = await ctx().createUser();
    const list = (await ctx().call(user, "POST", "/api/lists", { name: "Work" })).json();
    const parent = await create(user, { title: "Parent" });
    const child = await create(user, { title: "Child", parentId: parent.id });
    const elsewhere = await ctx().call(user, "POST", "/api/tasks", {
      title: "Elsewhere",
      parentId: parent.id,
      listId: list.id,
    });
    expect(elsewhere.json().code).toBe("SUBTASK_OTHER_LIST");
    const moved = await ctx().call(user, "PATCH", `/api/tasks/${child.id}`, { listId: list.id });
    expect(moved.json().code).toBe("SUBTASK_OTHER_LIST");
    // Detached, it may go.
    const detached = await ctx().call(user, "PATCH", `/api/tasks/${child.id}`, {
      listId: list.id,
      parentId: null,
    });
    expect(detached.statusCode).toBe(200);
    expect(await get(user, parent.id)).toMatchObject({ subtaskCount: 0 });
  });

  it("moving a parent to another list takes its subtasks along", async () => {
    const user = await ctx().createUser();
    const list = (await ctx().call(user, "POST", "/api/lists", { name: "Later" })).json();
    const parent = await create(user, { title: "Parent" });
    const child = await create(user, { title: "Child", parentId: parent.id });
    await ctx().call(user, "PATCH", `/api/tasks/${parent.id}`, { listId: list.id });
    expect(await get(user, child.id)).toMatchObject({ listId: list.id, parentId: parent.id });
  });

  it("deleting a parent deletes its subtasks; deleting a subtask updates the parent's counts", async () => {
    const user = await ctx().createUser();
    const parent = await create(user, { title: "Parent" });
    const a = await create(user, { title: "A", parentId: parent.id });
    const b = await create(user, { title: "B", parentId: parent.id });
    expect((await ctx().call(user, "DELETE", `/api/tasks/${a.id}`)).statusCode).toBe(204);
    expect(await get(user, parent.id)).toMatchObject({ subtaskCount: 1 });
    expect((await ctx().call(user, "DELETE", `/api/tasks/${parent.id}`)).statusCode).toBe(204);
    expect((await ctx().call(user, "GET", `/api/tasks/${b.id}`)).statusCode).toBe(404);
  });

  it("another user's task as parentId is the same 404 as a missing one", async () => {
    const alice = await ctx().createUser();
    const bob = await ctx().createUser();
    const hers = await create(alice, { title: "Alice's" });
    const foreign = await ctx().call(bob, "POST", "/api/tasks", { title: "x", parentId: hers.id });
    const missing = await ctx().call(bob, "POST", "/api/tasks", {
      title: "x",
      parentId: crypto.randomUUID(),
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe("TASK_NOT_FOUND");
    const { requestId: _a, instance: _b, ...foreignBody } = foreign.json();
    const { requestId: _c, instance: _d, ...missingBody } = missing.json();
    expect(foreignBody).toEqual(missingBody);
    const mine = await create(bob, { title: "Bob's" });
    const patched = await ctx().call(bob, "PATCH", `/api/tasks/${mine.id}`, { parentId: hers.id });
    expect(patched.statusCode).toBe(404);
    const listed = await ctx().call(bob, "GET", `/api/tasks?parentId=${hers.id}`);
    expect(listed.statusCode).toBe(404);
    expect(await get(alice, hers.id)).toMatchObject({ subtaskCount: 0 });
  });

  it("in a shared list an editor adds subtasks, a viewer cannot, a stranger sees a 404", async () => {
    const world = await sharedWorld(ctx());
    const { editor, viewer, stranger } = world.users;
    const byEditor = await ctx().call(editor, "POST", "/api/tasks", {
      title: "Editor's step",
      parentId: world.taskId,
    });
    expect(byEditor.statusCode).toBe(201);
    expect(byEditor.json().listId).toBe(world.listId);
    const byViewer = await ctx().call(viewer, "POST", "/api/tasks", {
      title: "Viewer's step",
      parentId: world.taskId,
    });
    expect(byViewer.statusCode).toBe(403);
    const seen = await ctx().call(viewer, "GET", `/api/tasks?parentId=${world.taskId}`);
    expect(seen.json().items.map((t: Task) => t.title)).toEqual(["Editor's step"]);
    const byStranger = await ctx().call(stranger, "GET", `/api/tasks?parentId=${world.taskId}`);
    expect(byStranger.statusCode).toBe(404);
  });
});
