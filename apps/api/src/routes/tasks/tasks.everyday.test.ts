import { expect, it } from "vitest";
import type { TestUser } from "../../test/helper.js";
import { describeApi } from "../../test/suite.js";

interface Task {
  id: string;
  title: string;
  tags: string[];
  dueDate: string | null;
  completed: boolean;
  completedAt: string | null;
  recurrence: string | null;
}

describeApi("Tags, recurrence and due ranges", (ctx) => {
  const create = async (user: TestUser, body: object) => {
    const response = await ctx().call(user, "POST", "/api/tasks", body);
    if (response.statusCode !== 201) throw new Error(response.body);
    return response.json() as Task;
  };
  const titles = async (user: TestUser, query: string) => {
    const response = await ctx().call(user, "GET", `/api/tasks?${query}`);
    expect(response.statusCode).toBe(200);
    return response.json().items.map((t: Task) => t.title);
  };

  it("stores tags trimmed and case-insensitively unique, and filters by tag in any case", async () => {
    const user = await ctx().createUser();
    const task = await create(user, {
      title: "Ferns",
      tags: [" Garden ", "garden", "home", "50%_off"],
    });
    expect(task.tags).toEqual(["Garden", "home", "50%_off"]);
    await create(user, { title: "Roses", tags: ["gardening"] });
    await create(user, { title: "Other", tags: ["50xyoff"] });
    expect(await titles(user, "tag=GARDEN")).toEqual(["Ferns"]);
    // % and _ in a tag are literal.
    expect(await titles(user, "tag=50%25_off")).toEqual(["Ferns"]);
    const patched = await ctx().call(user, "PATCH", `/api/tasks/${task.id}`, { tags: [] });
    expect(patched.json().tags).toEqual([]);
    expect(await titles(user, "tag=garden")).toEqual([]);
  });

  it.each([
    [{ tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }],
    [{ tags: [""] }],
    [{ tags: ["   "] }],
    [{ tags: ["x".repeat(33)] }],
    [{ tags: ["two\nlines"] }],
    [{ tags: "garden" }],
    [{ tags: [1] }],
    [{ recurrence: "FREQ=DAILY" }],
    [{ recurrence: "FREQ=SECONDLY", dueDate: "2027-01-01" }],
    [{ recurrence: "FREQ=DAILY;BYHOUR=9", dueDate: "2027-01-01" }],
    [{ parentId: "not-a-uuid" }],
  ])("POST /api/tasks refuses %j with a 400", async (fields) => {
    const user = await ctx().createUser();
    const response = await ctx().call(user, "POST", "/api/tasks", { title: "x", ...fields });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("VALIDATION_FAILED");
  });

  it("GET /api/tasks refuses a bad tag or date range bound", async () => {
    const user = await ctx().createUser();
    for (const query of ["tag=", `tag=${"x".repeat(33)}`, "dueFrom=2027-02-30", "dueTo=tomorrow"]) {
      const response = await ctx().call(user, "GET", `/api/tasks?${query}`);
      expect(response.statusCode, query).toBe(400);
    }
  });

  it("dueFrom and dueTo are inclusive and leave undated tasks out; the cursor follows", async () => {
    const user = await ctx().createUser();
    for (const [title, dueDate] of [
      ["before", "2027-03-09"],
      ["first", "2027-03-10"],
      ["middle", "2027-03-12"],
      ["last", "2027-03-16"],
      ["after", "2027-03-17"],
      ["undated", null],
    ] as const) {
      await create(user, { title, dueDate });
    }
    const range = "dueFrom=2027-03-10&dueTo=2027-03-16&sort=due&order=asc";
    expect(await titles(user, range)).toEqual(["first", "middle", "last"]);
    expect(await titles(user, "dueTo=2027-03-09")).toEqual(["before"]);
    const first = (await ctx().call(user, "GET", `/api/tasks?${range}&limit=2`)).json();
    const second = (
      await ctx().call(user, "GET", `/api/tasks?${range}&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect([...first.items, ...second.items].map((t: Task) => t.title)).toEqual([
      "first",
      "middle",
      "last",
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it("a recurring task needs a due date, also when a PATCH would clear it", async () => {
    const user = await ctx().createUser();
    const task = await create(user, {
      title: "Rent",
      dueDate: "2027-01-01",
      recurrence: "FREQ=MONTHLY;BYMONTHDAY=1",
    });
    const cleared = await ctx().call(user, "PATCH", `/api/tasks/${task.id}`, { dueDate: null });
    expect(cleared.statusCode).toBe(400);
    expect(cleared.json().code).toBe("RECURRENCE_NEEDS_DUE_DATE");
    const plain = await create(user, { title: "Plain" });
    const ruled = await ctx().call(user, "PATCH", `/api/tasks/${plain.id}`, {
      recurrence: "FREQ=DAILY",
    });
    expect(ruled.json().code).toBe("RECURRENCE_NEEDS_DUE_DATE");
  });

  it("completing a recurring task completes it and brings the next occurrence", async () => {
    const user = await ctx().createUser();
    const task = await create(user, {
      title: "Water the ferns",
      dueDate: "2027-03-15",
      recurrence: "FREQ=WEEKLY;BYDAY=MO;COUNT=2",
      tags: ["garden"],
      priority: "high",
    });
    const done = await ctx().call(user, "PATCH", `/api/tasks/${task.id}`, { completed: true });
    expect(done.json()).toMatchObject({ completed: true, dueDate: "2027-03-15" });
    const all = (await ctx().call(user, "GET", "/api/tasks?sort=due&order=asc")).json().items;
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({
      title: "Water the ferns",
      completed: false,
      dueDate: "2027-03-22",
      recurrence: "FREQ=WEEKLY;BYDAY=MO;COUNT=1",
      tags: ["garden"],
      priority: "high",
    });
    // The last of the series brings none; completing a completed task again brings nothing.
    await ctx().call(user, "PATCH", `/api/tasks/${all[1].id}`, { completed: true });
    await ctx().call(user, "PATCH", `/api/tasks/${task.id}`, { completed: true });
    expect(await titles(user, "status=pending")).toEqual([]);
    expect(await titles(user, "status=completed")).toHaveLength(2);
  });

  it("the next occurrence is published to the live stream as a created task", async () => {
    const user = await ctx().createUser();
    const task = await create(user, {
      title: "Daily",
      dueDate: "2027-03-15",
      recurrence: "FREQ=DAILY",
    });
    const published: Array<{ type: string; data: Task }> = [];
    const original = ctx().app.changes.publish.bind(ctx().app.changes);
    ctx().app.changes.publish = async (userId, event) => {
      published.push(event as { type: string; data: Task });
      return original(userId, event);
    };
    try {
      await ctx().call(user, "PATCH", `/api/tasks/${task.id}`, { completed: true });
    } finally {
      ctx().app.changes.publish = original;
    }
    expect(published.map((e) => e.type)).toEqual(["task.updated", "task.created"]);
    expect(published[1]?.data).toMatchObject({ dueDate: "2027-03-16", recurrence: "FREQ=DAILY" });
  });
});
