import { expect, it } from "vitest";
import type { TestUser } from "../../test/helper.js";
import { describeApi } from "../../test/suite.js";

interface Task {
  id: string;
  title: string;
  priority: string;
  dueDate: string | null;
  completed: boolean;
  createdAt: string;
}

describeApi("GET /api/tasks", (ctx) => {
  const seed = async (user: TestUser, tasks: Array<Record<string, unknown>>) => {
    const created: Task[] = [];
    for (const body of tasks) {
      const response = await ctx().app.inject({
        method: "POST",
        url: "/api/tasks",
        headers: user.headers,
        payload: body,
      });
      expect(response.statusCode).toBe(201);
      created.push(response.json());
    }
    return created;
  };
  const list = async (user: TestUser, query: string) => {
    const response = await ctx().app.inject({ url: `/api/tasks?${query}`, headers: user.headers });
    return response;
  };
  const titles = async (user: TestUser, query: string) =>
    (await list(user, query)).json().items.map((t: Task) => t.title);

  /** Follows nextCursor to the end and returns every title, page by page. */
  const walk = async (user: TestUser, query: string) => {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = cursor ? `&cursor=${cursor}` : "";
      const body = (await list(user, `${query}${suffix}`)).json();
      pages.push(body.items.map((t: Task) => t.title));
      cursor = body.nextCursor;
    } while (cursor && pages.length < 50);
    return pages;
  };

  it("lists newest first by default, 20 per page", async () => {
    const user = await ctx().createUser();
    await seed(
      user,
      Array.from({ length: 25 }, (_, i) => ({ title: `task ${String(i).padStart(2, "0")}` })),
    );
    const body = (await list(user, "")).json();
    expect(body.items).toHaveLength(20);
    expect(body.items[0].title).toBe("task 24");
    expect(body.nextCursor).toEqual(expect.any(String));
  });

  it("filters by status and priority", async () => {
    const user = await ctx().createUser();
    await seed(user, [
      { title: "a", priority: "high" },
      { title: "b", priority: "low", completed: true },
      { title: "c", priority: "high", completed: true },
    ]);
    expect((await titles(user, "status=pending")).sort()).toEqual(["a"]);
    expect((await titles(user, "status=completed")).sort()).toEqual(["b", "c"]);
    expect((await titles(user, "priority=high")).sort()).toEqual(["a", "c"]);
    expect(await titles(user, "status=completed&priority=high")).toEqual(["c"]);
  });

  it("searches title and description case-insensitively, Unicode included", async () => {
    const user = await ctx().createUser();
    await seed(user, [
      { title: "Buy MILK" },
      { title: "Call", description: "about the milkman" },
      { title: "Ärger mit ÖL" },
      { title: "unrelated" },
    ]);
    expect((await titles(user, "q=milk")).sort()).toEqual(["Buy MILK", "Call"]);
    expect(await titles(user, `q=${encodeURIComponent("öl")}`)).toEqual(["Ärger mit ÖL"]);
    expect(await titles(user, "q=nothing-matches")).toEqual([]);
  });

  it("treats % _ and \\ in a search as literal characters", async () => {
    const user = await ctx().createUser();
    await seed(user, [
      { title: "100% done" },
      { title: "1000 done" },
      { title: "snake_case" },
      { title: "snakeXcase" },
      { title: "back\\slash" },
    ]);
    expect(await titles(user, `q=${encodeURIComponent("0%")}`)).toEqual(["100% done"]);
    expect(await titles(user, "q=e_c")).toEqual(["snake_case"]);
    expect(await titles(user, `q=${encodeURIComponent("k\\s")}`)).toEqual(["back\\slash"]);
    expect(await titles(user, `q=${encodeURIComponent("%")}`)).toEqual(["100% done"]);
  });

  it("sorts by title case-insensitively in both directions", async () => {
    const user = await ctx().createUser();
    await seed(user, [{ title: "banana" }, { title: "Apple" }, { title: "cherry" }]);
    expect(await titles(user, "sort=title&order=asc")).toEqual(["Apple", "banana", "cherry"]);
    expect(await titles(user, "sort=title&order=desc")).toEqual(["cherry", "banana", "Apple"]);
  });

  it("sorts by priority rank, not alphabetically", async () => {
    const user = await ctx().createUser();
    await seed(user, [
      { title: "m", priority: "medium" },
      { title: "h", priority: "high" },
      { title: "l", priority: "low" },
    ]);
    expect(await titles(user, "sort=priority&order=desc")).toEqual(["h", "m", "l"]);
    expect(await titles(user, "sort=priority&order=asc")).toEqual(["l", "m", "h"]);
  });

  it("sorts by due date with undated tasks last in both directions", async () => {
    const user = await ctx().createUser();
    await seed(user, [
      { title: "none" },
      { title: "late", dueDate: "2031-12-01" },
      { title: "soon", dueDate: "2030-01-01" },
    ]);
    expect(await titles(user, "sort=due&order=asc")).toEqual(["soon", "late", "none"]);
    expect(await titles(user, "sort=due&order=desc")).toEqual(["late", "soon", "none"]);
  });

  it("sorts by last update", async () => {
    const user = await ctx().createUser();
    const [first] = await seed(user, [{ title: "first" }, { title: "second" }]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await ctx().app.inject({
      method: "PATCH",
      url: `/api/tasks/${first?.id}`,
      headers: user.headers,
      payload: { priority: "high" },
    });
    expect(await titles(user, "sort=updated&order=desc")).toEqual(["first", "second"]);
  });

  it.each(["created", "updated", "due", "priority", "title"])(
    "pages through every task exactly once when sorted by %s, in both orders",
    async (sort) => {
      const user = await ctx().createUser();
      const priorities = ["low", "medium", "high"];
      await seed(
        user,
        Array.from({ length: 23 }, (_, i) => ({
          title: `T${String(i % 7)}-${i}`,
          priority: priorities[i % 3],
          dueDate: i % 4 === 0 ? null : `2030-0${(i % 5) + 1}-1${i % 3}`,
        })),
      );
      for (const order of ["asc", "desc"]) {
        const pages = await walk(user, `sort=${sort}&order=${order}&limit=5`);
        expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
        const all = pages.flat();
        expect(new Set(all).size).toBe(23);
        // The pages, joined, are the same order as one big page.
        expect(all).toEqual(await titles(user, `sort=${sort}&order=${order}&limit=100`));
      }
    },
  );

  it("keeps pagination stable while tasks are added and removed", async () => {
    const user = await ctx().createUser();
    const tasks = await seed(
      user,
      Array.from({ length: 10 }, (_, i) => ({ title: `s${i}` })),
    );
    const first = (await list(user, "limit=4")).json();
    expect(first.items.map((t: Task) => t.title)).toEqual(["s9", "s8", "s7", "s6"]);
    // A new task (would be first) and a deleted one from the next page.
    await seed(user, [{ title: "new" }]);
    await ctx().app.inject({
      method: "DELETE",
      url: `/api/tasks/${tasks[4]?.id}`,
      headers: user.headers,
    });
    const second = (await list(user, `limit=4&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((t: Task) => t.title)).toEqual(["s5", "s3", "s2", "s1"]);
  });

  it.each([
    "limit=0",
    "limit=101",
    "limit=abc",
    "limit=2.5",
    "status=done",
    "priority=urgent",
    "sort=owner",
    "order=up",
    "unknown=1",
    `q=${"x".repeat(201)}`,
    "q=%00",
    "status=all&status=pending",
    "__proto__=x",
    "constructor[prototype][admin]=1",
  ])("answers 400 to ?%s", async (query) => {
    const user = await ctx().createUser();
    const response = await list(user, query);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("VALIDATION_FAILED");
  });

  it.each(["garbage", "eyJ4IjoxfQ", "W10", "!!!!", "a".repeat(600)])(
    "answers 400 to the cursor %s",
    async (cursor) => {
      const user = await ctx().createUser();
      const response = await list(user, `cursor=${cursor}`);
      expect(response.statusCode).toBe(400);
    },
  );

  it("refuses a cursor made for another sort", async () => {
    const user = await ctx().createUser();
    await seed(user, [{ title: "a" }, { title: "b" }]);
    const cursor = (await list(user, "limit=1&sort=title&order=asc")).json().nextCursor;
    const response = await list(user, `limit=1&sort=created&order=asc&cursor=${cursor}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("INVALID_CURSOR");
  });

  it("answers an empty page for a user with no tasks", async () => {
    const user = await ctx().createUser();
    expect((await list(user, "")).json()).toEqual({ items: [], nextCursor: null });
  });
});
