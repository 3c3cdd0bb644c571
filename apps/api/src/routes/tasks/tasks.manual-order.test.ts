import { expect, it } from "vitest";
import type { TestUser } from "../../test/helper.js";
import { describeApi } from "../../test/suite.js";

interface Task {
  id: string;
  listId: string;
  title: string;
  position: string;
}

describeApi("Manual order", (ctx) => {
  const create = async (user: TestUser, body: object) => {
    const response = await ctx().call(user, "POST", "/api/tasks", body);
    if (response.statusCode !== 201) throw new Error(response.body);
    return response.json() as Task;
  };
  const seed = async (user: TestUser, titles: string[], listId?: string) => {
    const tasks: Record<string, Task> = {};
    for (const title of titles) tasks[title] = await create(user, { title, listId });
    return tasks;
  };
  const order = async (user: TestUser, listId?: string) => {
    const filter = listId ? `&listId=${listId}` : "";
    const response = await ctx().call(user, "GET", `/api/tasks?sort=manual&order=asc${filter}`);
    expect(response.statusCode).toBe(200);
    return response
      .json()
      .items.map((t: Task) => t.title)
      .join(" ");
  };
  const move = (user: TestUser, task: Task, place: object) =>
    ctx().call(user, "PATCH", `/api/tasks/${task.id}`, place);

  it("keeps tasks in creation order until moved; a move lands before or after a task", async () => {
    const user = await ctx().createUser();
    const t = await seed(user, ["A", "B", "C", "D"]);
    expect(await order(user)).toBe("A B C D");
    expect((await move(user, t.D as Task, { after: t.A?.id })).statusCode).toBe(200);
    expect(await order(user)).toBe("A D B C");
    await move(user, t.B as Task, { before: t.A?.id });
    expect(await order(user)).toBe("B A D C");
    await move(user, t.B as Task, { after: t.C?.id });
    expect(await order(user)).toBe("A D C B");
  });

  it("a move changes only the moved task's position", async () => {
    const user = await ctx().createUser();
    const t = await seed(user, ["A", "B", "C"]);
    const before = (await ctx().call(user, "GET", "/api/tasks?sort=manual&order=asc")).json();
    await move(user, t.C as Task, { after: t.A?.id });
    const after = (await ctx().call(user, "GET", "/api/tasks?sort=manual&order=asc")).json();
    const positions = (page: { items: Task[] }) =>
      Object.fromEntries(page.items.map((task) => [task.title, task.position]));
    expect(positions(after).A).toBe(positions(before).A);
    expect(positions(after).B).toBe(positions(before).B);
    expect(positions(after).C).not.toBe(positions(before).C);
  });

  it("moving into the same gap fifty times never runs out of room", async () => {
    const user = await ctx().createUser();
    const t = await seed(user, ["first", "second", "third"]);
    let latest = t.third as Task;
    for (let i = 0; i < 50; i++) {
      const response = await move(user, latest, { after: t.first?.id });
      expect(response.statusCode).toBe(200);
      latest = i % 2 === 0 ? (t.second as Task) : (t.third as Task);
    }
    const titles = (await order(user)).split(" ");
    expect(titles[0]).toBe("first");
    expect(titles).toHaveLength(3);
  });

  it("concurrent moves from two tabs converge on one order that every reader sees", async () => {
    const user = await ctx().createUser();
    const t = await seed(user, ["A", "B", "C", "D", "E"]);
    const results = await Promise.all([
      move(user, t.D as Task, { after: t.A?.id }),
      move(user, t.E as Task, { after: t.A?.id }),
      move(user, t.B as Task, { before: t.A?.id }),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const seen = await order(user);
    expect(seen.split(" ").sort()).toEqual(["A", "B", "C", "D", "E"]);
    expect(seen.startsWith("B A")).toBe(true);
    expect(await order(user)).toBe(seen);
    // And a later move between the two that raced still finds room.
    const second = seen.split(" ")[3] as "D" | "E";
    expect((await move(user, t.C as Task, { before: t[second]?.id })).statusCode).toBe(200);
  });

  it("pages through the manual order with the cursor, with a filter", async () => {
    const user = await ctx().createUser();
    const t = await seed(user, ["A", "B", "C", "D", "E"]);
    await move(user, t.E as Task, { before: t.A?.id });
    await ctx().call(user, "PATCH", `/api/tasks/${t.C?.id}`, { completed: true });
    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = cursor ? `&cursor=${cursor}` : "";
      const page = (
        await ctx().call(
          user,
          "GET",
          `/api/tasks?sort=manual&order=asc&status=pending&limit=2${suffix}`,
        )
      ).json();
      titles.push(...page.items.map((task: Task) => task.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(titles).toEqual(["E", "A", "B", "D"]);
  });

  it("a task moved to another list goes to its end", async () => {
    const user = await ctx().createUser();
    const list = (await ctx().call(user, "POST", "/api/lists", { name: "Work" })).json();
    await seed(user, ["W1", "W2"], list.id);
    const t = await seed(user, ["Inbox task"]);
    await move(user, t["Inbox task"] as Task, { listId: list.id });
    expect(await order(user, list.id)).toBe("W1 W2 Inbox task");
  });

  it("refuses both before and after, itself, another list's task, and another user's task", async () => {
    const user = await ctx().createUser();
    const stranger = await ctx().createUser();
    const list = (await ctx().call(user, "POST", "/api/lists", { name: "Other" })).json();
    const t = await seed(user, ["A", "B"]);
    const elsewhere = await create(user, { title: "Elsewhere", listId: list.id });
    const theirs = await create(stranger, { title: "Theirs" });
    const both = await move(user, t.A as Task, { before: t.B?.id, after: t.B?.id });
    expect(both.json().code).toBe("VALIDATION_FAILED");
    const self = await move(user, t.A as Task, { after: t.A?.id });
    expect(self.json().code).toBe("POSITION_ANCHOR_INVALID");
    const other = await move(user, t.A as Task, { after: elsewhere.id });
    expect(other.json().code).toBe("POSITION_ANCHOR_INVALID");
    const foreign = await move(user, t.A as Task, { after: theirs.id });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe("TASK_NOT_FOUND");
    expect(await order(user, t.A?.listId)).toBe("A B");
  });
});
