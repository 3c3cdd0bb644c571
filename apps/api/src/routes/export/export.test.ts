import { expect, it } from "vitest";
import type { TestUser } from "../../test/helper.js";
import { sharedWorld } from "../../test/sharing.js";
import { describeApi } from "../../test/suite.js";

interface Task {
  id: string;
  listId: string;
  title: string;
  tags: string[];
  parentId: string | null;
  recurrence: string | null;
  dueDate: string | null;
  completed: boolean;
  subtaskCount: number;
}
interface ExportFile {
  lists: Array<{ id: string; name: string; isInbox: boolean }>;
  tasks: Task[];
}

describeApi(
  "Export and import",
  (ctx) => {
    const ok = async (user: TestUser, method: "GET" | "POST", url: string, body?: object) => {
      const response = await ctx().call(user, method, url, body);
      if (response.statusCode >= 300) throw new Error(`${response.statusCode} ${response.body}`);
      return response.json();
    };
    const exported = (user: TestUser) => ok(user, "GET", "/api/export") as Promise<ExportFile>;
    /** What a file says, without its ids: what a round trip must keep. */
    const content = (file: ExportFile) => {
      const listName = new Map(file.lists.map((l) => [l.id, l.isInbox ? "(inbox)" : l.name]));
      const title = new Map(file.tasks.map((t) => [t.id, t.title]));
      return {
        lists: file.lists.map((l) => (l.isInbox ? "(inbox)" : l.name)),
        tasks: file.tasks.map((t) => ({
          list: listName.get(t.listId),
          title: t.title,
          tags: t.tags,
          parent: t.parentId && title.get(t.parentId),
          recurrence: t.recurrence,
          dueDate: t.dueDate,
          completed: t.completed,
          subtaskCount: t.subtaskCount,
        })),
      };
    };

    it("round-trips lists, tasks, subtasks, tags and rules into new ids", async () => {
      const alice = await ctx().createUser();
      const home = await ok(alice, "POST", "/api/lists", { name: "Home" });
      const parent = await ok(alice, "POST", "/api/tasks", {
        title: "Move house",
        listId: home.id,
        tags: ["big"],
      });
      await ok(alice, "POST", "/api/tasks", { title: "Book van", parentId: parent.id });
      await ok(alice, "POST", "/api/tasks", {
        title: "Rent",
        dueDate: "2027-01-01",
        recurrence: "FREQ=MONTHLY;BYMONTHDAY=1",
        completed: true,
      });
      const file = await exported(alice);
      expect(file.tasks).toHaveLength(3);

      const bob = await ctx().createUser();
      const result = await ok(bob, "POST", "/api/import", file);
      expect(result).toEqual({ lists: 1, tasks: 3 });
      const back = await exported(bob);
      expect(content(back)).toEqual(content(file));
      const aliceIds = new Set(file.tasks.map((t) => t.id));
      expect(back.tasks.some((t) => aliceIds.has(t.id))).toBe(false);
      // Alice's data is untouched, and Bob's import is his alone.
      expect(content(await exported(alice))).toEqual(content(file));
    });

    it("exports only what the caller owns, not lists shared with them", async () => {
      const world = await sharedWorld(ctx());
      const owner = await exported(world.users.owner);
      expect(owner.tasks.map((t) => t.title)).toContain("Shared task");
      const editor = await exported(world.users.editor);
      expect(editor.lists.map((l) => l.id)).not.toContain(world.listId);
      expect(editor.tasks).toEqual([]);
    });

    it.each([
      [
        "a task in a list the file lacks",
        {
          lists: [],
          tasks: [{ id: crypto.randomUUID(), listId: crypto.randomUUID(), title: "x" }],
        },
      ],
      [
        "a duplicate list id",
        (() => {
          const id = crypto.randomUUID();
          return {
            lists: [
              { id, name: "a" },
              { id, name: "b" },
            ],
            tasks: [],
          };
        })(),
      ],
      [
        "two inboxes",
        {
          lists: [
            { id: crypto.randomUUID(), name: "a", isInbox: true },
            { id: crypto.randomUUID(), name: "b", isInbox: true },
          ],
          tasks: [],
        },
      ],
      [
        "a subtask of a subtask",
        (() => {
          const list = crypto.randomUUID();
          const [a, b, c] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
          return {
            lists: [{ id: list, name: "l" }],
            tasks: [
              { id: a, listId: list, title: "a" },
              { id: b, listId: list, title: "b", parentId: a },
              { id: c, listId: list, title: "c", parentId: b },
            ],
          };
        })(),
      ],
      [
        "a bad rule",
        (() => {
          const list = crypto.randomUUID();
          return {
            lists: [{ id: list, name: "l" }],
            tasks: [
              {
                id: crypto.randomUUID(),
                listId: list,
                title: "a",
                dueDate: "2027-01-01",
                recurrence: "FREQ=HOURLY",
              },
            ],
          };
        })(),
      ],
      ["an unknown top-level member", { lists: [], tasks: [], users: [] }],
      ["not an object", []],
    ])("refuses a file with %s with a 400 and imports nothing", async (_name, file) => {
      const user = await ctx().createUser();
      const before = await exported(user);
      const response = await ctx().call(user, "POST", "/api/import", file as object);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe("VALIDATION_FAILED");
      expect(await exported(user)).toEqual(before);
    });

    it("refuses an import past the task limit with a 409 and writes nothing", async () => {
      const user = await ctx().createUser();
      const list = crypto.randomUUID();
      const file = {
        lists: [{ id: list, name: "Too much" }],
        tasks: Array.from({ length: 11 }, (_, i) => ({
          id: crypto.randomUUID(),
          listId: list,
          title: `t${i}`,
        })),
      };
      const response = await ctx().call(user, "POST", "/api/import", file);
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe("TASK_LIMIT_REACHED");
      const after = await exported(user);
      expect(after.lists.map((l) => l.name)).toEqual(["Inbox"]);
      expect(after.tasks).toEqual([]);
    });

    it("GET /openapi.json documents export, import and every new task field and parameter", async () => {
      const spec = (await ctx().app.inject({ url: "/openapi.json" })).json();
      expect(spec.paths["/api/export"].get.responses["200"]).toBeDefined();
      expect(spec.paths["/api/import"].post.responses["201"]).toBeDefined();
      const parameters = spec.paths["/api/tasks"].get.parameters.map(
        (p: { name: string }) => p.name,
      );
      expect(parameters).toEqual(
        expect.arrayContaining(["tag", "parentId", "dueFrom", "dueTo", "sort"]),
      );
      const task = spec.components.schemas.Task.properties;
      for (const field of ["tags", "parentId", "recurrence", "subtaskCount", "position"]) {
        expect(task[field], field).toBeDefined();
      }
      const update = spec.components.schemas.UpdateTask.properties;
      expect(Object.keys(update)).toEqual(expect.arrayContaining(["before", "after", "tags"]));
    });

    it("accepts a file larger than the API's usual body limit", async () => {
      const user = await ctx().createUser();
      const inbox = crypto.randomUUID();
      const file = {
        lists: [{ id: inbox, name: "Inbox", isInbox: true }],
        tasks: Array.from({ length: 10 }, (_, i) => ({
          id: crypto.randomUUID(),
          listId: inbox,
          title: `task ${i}`,
          description: "d".repeat(900),
        })),
      };
      const response = await ctx().call(user, "POST", "/api/import", file);
      expect(response.statusCode).toBe(201);
      expect((await exported(user)).tasks.map((t) => t.title)).toEqual(
        file.tasks.map((t) => t.title),
      );
    });
  },
  { maxTasksPerUser: 10 },
);
