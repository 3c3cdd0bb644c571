import { describe, expect, it } from "vitest";
import type { TestUser } from "../../test/helper.js";
import { describeApi } from "../../test/suite.js";

describeApi("lists", (ctx) => {
  const lists = async (user: TestUser) =>
    (await ctx().call(user, "GET", "/api/lists")).json().items as Array<Record<string, unknown>>;
  const createList = async (user: TestUser, name: string) => {
    const response = await ctx().call(user, "POST", "/api/lists", { name });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; name: string; position: number };
  };

  describe("the Inbox", () => {
    it("every user starts with exactly one list, the Inbox, at position 0", async () => {
      const user = await ctx().createUser();
      const items = await lists(user);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        name: "Inbox",
        position: 0,
        isInbox: true,
        openTaskCount: 0,
      });
    });

    it("DELETE answers 409 INBOX_NOT_DELETABLE and deletes nothing", async () => {
      const user = await ctx().createUser();
      const [inbox] = await lists(user);
      await ctx().call(user, "POST", "/api/tasks", { title: "kept" });
      const response = await ctx().call(user, "DELETE", `/api/lists/${inbox?.id}`);
      expect(response.statusCode).toBe(409);
      expect(response.headers["content-type"]).toBe("application/problem+json");
      expect(response.json().code).toBe("INBOX_NOT_DELETABLE");
      expect(await lists(user)).toMatchObject([{ id: inbox?.id, openTaskCount: 1 }]);
    });

    it("may be renamed and moved; it stays the Inbox", async () => {
      const user = await ctx().createUser();
      const [inbox] = await lists(user);
      await createList(user, "Work");
      const renamed = await ctx().call(user, "PATCH", `/api/lists/${inbox?.id}`, {
        name: "Incoming",
        position: 5,
      });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json()).toMatchObject({ name: "Incoming", position: 1, isInbox: true });
      const task = (await ctx().call(user, "POST", "/api/tasks", { title: "default" })).json();
      expect(task.listId).toBe(inbox?.id);
    });
  });

  describe("CRUD", () => {
    it("POST creates a list last, with a Location; GET returns it", async () => {
      const user = await ctx().createUser();
      const response = await ctx().call(user, "POST", "/api/lists", { name: "  Groceries  " });
      expect(response.statusCode).toBe(201);
      const list = response.json();
      expect(list).toMatchObject({
        name: "Groceries",
        position: 1,
        isInbox: false,
        openTaskCount: 0,
      });
      expect(list.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers.location).toBe(`/api/lists/${list.id}`);
      const fetched = await ctx().call(user, "GET", `/api/lists/${list.id}`);
      expect(fetched.json()).toEqual(list);
    });

    it("PATCH renames, and DELETE removes the list (204, then 404)", async () => {
      const user = await ctx().createUser();
      const list = await createList(user, "Old");
      const renamed = await ctx().call(user, "PATCH", `/api/lists/${list.id}`, { name: "New" });
      expect(renamed.json()).toMatchObject({ id: list.id, name: "New", position: 1 });
      expect((await ctx().call(user, "DELETE", `/api/lists/${list.id}`)).statusCode).toBe(204);
      const gone = await ctx().call(user, "GET", `/api/lists/${list.id}`);
      expect(gone.statusCode).toBe(404);
      expect(gone.json().code).toBe("LIST_NOT_FOUND");
    });

    it("reorders: position moves a list and the others shift; a deletion closes the gap", async () => {
      const user = await ctx().createUser();
      const a = await createList(user, "A");
      const b = await createList(user, "B");
      const c = await createList(user, "C");
      await ctx().call(user, "PATCH", `/api/lists/${c.id}`, { position: 0 });
      expect((await lists(user)).map((l) => [l.name, l.position])).toEqual([
        ["C", 0],
        ["Inbox", 1],
        ["A", 2],
        ["B", 3],
      ]);
      await ctx().call(user, "PATCH", `/api/lists/${c.id}`, { position: 99 });
      expect((await lists(user)).map((l) => l.name)).toEqual(["Inbox", "A", "B", "C"]);
      await ctx().call(user, "DELETE", `/api/lists/${a.id}`);
      expect((await lists(user)).map((l) => [l.name, l.position])).toEqual([
        ["Inbox", 0],
        ["B", 1],
        ["C", 2],
      ]);
      expect(b.position).toBe(2);
    });

    it("pages with a cursor, in order, without repeats", async () => {
      const user = await ctx().createUser();
      for (const name of ["one", "two", "three", "four"]) await createList(user, name);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/lists?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
        const page = (await ctx().call(user, "GET", url)).json();
        seen.push(...page.items.map((l: { name: string }) => l.name));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(["Inbox", "one", "two", "three", "four"]);
    });

    it("counts open tasks, and every task", async () => {
      const user = await ctx().createUser();
      const list = await createList(user, "Counted");
      for (const completed of [false, false, true]) {
        await ctx().call(user, "POST", "/api/tasks", { title: "t", listId: list.id, completed });
      }
      expect((await ctx().call(user, "GET", `/api/lists/${list.id}`)).json()).toMatchObject({
        openTaskCount: 2,
        taskCount: 3,
      });
    });
  });

  describe("validation", () => {
    it.each([
      ["an empty name", { name: "   " }],
      ["a name over 100 characters", { name: "x".repeat(101) }],
      ["a control character", { name: "a\u0007b" }],
      ["a non-string name", { name: 42 }],
      ["an unknown field", { name: "ok", isInbox: true }],
      ["a read-only field", { name: "ok", id: "00000000-0000-4000-8000-000000000000" }],
      ["no name", {}],
    ])("POST refuses %s with 400 problem+json", async (_label, payload) => {
      const user = await ctx().createUser();
      const response = await ctx().call(user, "POST", "/api/lists", payload);
      expect(response.statusCode).toBe(400);
      expect(response.headers["content-type"]).toBe("application/problem+json");
      expect(response.json().code).toBe("VALIDATION_FAILED");
      expect(await lists(user)).toHaveLength(1);
    });

    it.each([
      ["an empty body", {}],
      ["a negative position", { position: -1 }],
      ["a fractional position", { position: 1.5 }],
      ["a string position", { position: "1" }],
      ["isInbox", { isInbox: false }],
    ])("PATCH refuses %s with 400", async (_label, payload) => {
      const user = await ctx().createUser();
      const [inbox] = await lists(user);
      const response = await ctx().call(user, "PATCH", `/api/lists/${inbox?.id}`, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe("VALIDATION_FAILED");
    });

    it("refuses a malformed id, limit or cursor with 400", async () => {
      const user = await ctx().createUser();
      expect((await ctx().call(user, "GET", "/api/lists/not-a-uuid")).statusCode).toBe(400);
      expect((await ctx().call(user, "GET", "/api/lists?limit=0")).statusCode).toBe(400);
      expect((await ctx().call(user, "GET", "/api/lists?limit=101")).statusCode).toBe(400);
      const bad = await ctx().call(user, "GET", "/api/lists?cursor=WyJ0YXNrcyIsMSwieCJd");
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe("INVALID_CURSOR");
    });

    it("answers 405 with Allow for other methods", async () => {
      const user = await ctx().createUser();
      const response = await ctx().call(user, "PUT", "/api/lists");
      expect(response.statusCode).toBe(405);
      expect(response.headers.allow).toBe("GET, POST, HEAD");
    });
  });
});

describeApi(
  "list limit per user",
  (ctx) => {
    it("POST /api/lists answers 409 LIST_LIMIT_REACHED at the limit, the Inbox counted", async () => {
      const user = await ctx().createUser();
      const post = (name: string) => ctx().call(user, "POST", "/api/lists", { name });
      expect((await post("one")).statusCode).toBe(201);
      expect((await post("two")).statusCode).toBe(201);
      const refused = await post("three");
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe("LIST_LIMIT_REACHED");
    });

    it("holds under 20 parallel creates: the user ends with exactly the limit, positions distinct", async () => {
      const user = await ctx().createUser();
      const statuses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          ctx()
            .call(user, "POST", "/api/lists", { name: `p${i}` })
            .then((r) => r.statusCode),
        ),
      );
      expect(statuses.filter((s) => s === 201)).toHaveLength(2);
      const rows = await ctx()
        .db.database.db.selectFrom("list")
        .select("position")
        .where("user_id", "=", user.id)
        .execute();
      expect(rows.map((r) => r.position).sort()).toEqual([0, 1, 2]);
    });
  },
  { maxListsPerUser: 3 },
);
