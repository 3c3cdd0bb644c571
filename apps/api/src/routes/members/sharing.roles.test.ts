import type { HTTPMethods, LightMyRequestResponse } from "fastify";
import { expect, it } from "vitest";
import type { TestContext } from "../../test/helper.js";
import { ROLES, type SharedWorld, type Standing, sharedWorld } from "../../test/sharing.js";
import { describeApi } from "../../test/suite.js";

const MISSING = "00000000-0000-4000-8000-000000000000";

interface Case {
  readonly name: string;
  /** The status each standing gets; a 404 must be byte for byte the answer for a missing id. */
  readonly expect: Record<Standing, number>;
  readonly request: (world: SharedWorld, who: Standing, ctx: TestContext) => Promise<Call>;
}

interface Call {
  readonly method: HTTPMethods;
  readonly url: string;
  readonly payload?: object;
  /** The same request naming a list or task that does not exist. */
  readonly missing: { readonly url: string; readonly payload?: object };
}

const READ = { owner: 200, editor: 200, viewer: 200, removed: 404, stranger: 404 };
const EDIT = (ok: number) => ({ owner: ok, editor: ok, viewer: 403, removed: 404, stranger: 404 });
const OWNER = (ok: number) => ({
  owner: ok,
  editor: 403,
  viewer: 403,
  removed: 404,
  stranger: 404,
});

/** A task of the caller's own, in its Inbox, to move into the shared list. */
async function ownTask(ctx: TestContext, world: SharedWorld, who: Standing): Promise<string> {
  const response = await ctx.call(world.users[who], "POST", "/api/tasks", { title: "Mine" });
  return (response.json() as { id: string }).id;
}

/** A fresh task in the shared list, written by the owner. */
async function sharedTask(ctx: TestContext, world: SharedWorld): Promise<string> {
  const body = { title: "Another", listId: world.listId };
  return ((await ctx.call(world.users.owner, "POST", "/api/tasks", body)).json() as { id: string })
    .id;
}

const CASES: Case[] = [
  {
    name: "GET /api/lists/:id",
    expect: READ,
    request: async (w) => ({
      method: "GET",
      url: `/api/lists/${w.listId}`,
      missing: { url: `/api/lists/${MISSING}` },
    }),
  },
  {
    name: "PATCH /api/lists/:id",
    expect: OWNER(200),
    request: async (w) => ({
      method: "PATCH",
      url: `/api/lists/${w.listId}`,
      payload: { name: "Renamed" },
      missing: { url: `/api/lists/${MISSING}`, payload: { name: "Renamed" } },
    }),
  },
  {
    name: "DELETE /api/lists/:id",
    expect: OWNER(204),
    request: async (w) => ({
      method: "DELETE",
      url: `/api/lists/${w.listId}`,
      missing: { url: `/api/lists/${MISSING}` },
    }),
  },
  {
    name: "GET /api/tasks?listId",
    expect: READ,
    request: async (w) => ({
      method: "GET",
      url: `/api/tasks?listId=${w.listId}`,
      missing: { url: `/api/tasks?listId=${MISSING}` },
    }),
  },
  {
    name: "POST /api/tasks with listId in the body",
    expect: EDIT(201),
    request: async (w) => ({
      method: "POST",
      url: "/api/tasks",
      payload: { title: "New", listId: w.listId },
      missing: { url: "/api/tasks", payload: { title: "New", listId: MISSING } },
    }),
  },
  {
    name: "GET /api/tasks/:id",
    expect: READ,
    request: async (w) => ({
      method: "GET",
      url: `/api/tasks/${w.taskId}`,
      missing: { url: `/api/tasks/${MISSING}` },
    }),
  },
  {
    name: "PATCH /api/tasks/:id",
    expect: EDIT(200),
    request: async (w) => ({
      method: "PATCH",
      url: `/api/tasks/${w.taskId}`,
      payload: { completed: true },
      missing: { url: `/api/tasks/${MISSING}`, payload: { completed: true } },
    }),
  },
  {
    name: "PATCH /api/tasks/:id moving a shared task to the caller's Inbox",
    expect: EDIT(200),
    request: async (w, who, ctx) => {
      const id = await sharedTask(ctx, w);
      const payload = { listId: w.inbox[who] };
      return {
        method: "PATCH",
        url: `/api/tasks/${id}`,
        payload,
        missing: { url: `/api/tasks/${MISSING}`, payload },
      };
    },
  },
  {
    name: "PATCH /api/tasks/:id moving the caller's own task into the list (listId in the body)",
    expect: EDIT(200),
    request: async (w, who, ctx) => {
      const id = await ownTask(ctx, w, who);
      return {
        method: "PATCH",
        url: `/api/tasks/${id}`,
        payload: { listId: w.listId },
        missing: { url: `/api/tasks/${id}`, payload: { listId: MISSING } },
      };
    },
  },
  {
    name: "DELETE /api/tasks/:id",
    expect: EDIT(204),
    request: async (w, _who, ctx) => ({
      method: "DELETE",
      url: `/api/tasks/${await sharedTask(ctx, w)}`,
      missing: { url: `/api/tasks/${MISSING}` },
    }),
  },
  {
    name: "GET /api/lists/:id/members",
    expect: READ,
    request: async (w) => ({
      method: "GET",
      url: `/api/lists/${w.listId}/members`,
      missing: { url: `/api/lists/${MISSING}/members` },
    }),
  },
  {
    name: "PATCH /api/lists/:id/members/:userId",
    expect: OWNER(204),
    request: async (w) => ({
      method: "PATCH",
      url: `/api/lists/${w.listId}/members/${w.other.id}`,
      payload: { role: "editor" },
      missing: { url: `/api/lists/${MISSING}/members/${w.other.id}`, payload: { role: "editor" } },
    }),
  },
  {
    name: "DELETE /api/lists/:id/members/:userId of someone else",
    expect: OWNER(204),
    request: async (w) => ({
      method: "DELETE",
      url: `/api/lists/${w.listId}/members/${w.other.id}`,
      missing: { url: `/api/lists/${MISSING}/members/${w.other.id}` },
    }),
  },
  {
    name: "POST /api/lists/:id/invites",
    expect: OWNER(201),
    request: async (w) => ({
      method: "POST",
      url: `/api/lists/${w.listId}/invites`,
      payload: { role: "viewer" },
      missing: { url: `/api/lists/${MISSING}/invites`, payload: { role: "viewer" } },
    }),
  },
  {
    name: "GET /api/lists/:id/invites",
    expect: OWNER(200),
    request: async (w) => ({
      method: "GET",
      url: `/api/lists/${w.listId}/invites`,
      missing: { url: `/api/lists/${MISSING}/invites` },
    }),
  },
  {
    name: "DELETE /api/lists/:id/invites/:inviteId",
    expect: OWNER(204),
    request: async (w, _who, ctx) => {
      const made = await ctx.call(w.users.owner, "POST", `/api/lists/${w.listId}/invites`, {
        role: "editor",
      });
      const inviteId = (made.json() as { id: string }).id;
      return {
        method: "DELETE",
        url: `/api/lists/${w.listId}/invites/${inviteId}`,
        missing: { url: `/api/lists/${MISSING}/invites/${inviteId}` },
      };
    },
  },
];

describeApi("every route against every standing toward a shared list", (ctx) => {
  const sameAsMissing = (answer: LightMyRequestResponse, missing: LightMyRequestResponse) => {
    expect(missing.statusCode).toBe(404);
    expect(answer.body).toBe(missing.body);
    expect(answer.headers["content-type"]).toBe(missing.headers["content-type"]);
  };

  for (const test of CASES) {
    for (const who of ROLES) {
      const status = test.expect[who];
      it(`${test.name} answers ${status} to the ${who}`, async () => {
        const world = await sharedWorld(ctx());
        const user = world.users[who];
        const call = await test.request(world, who, ctx());
        const answer = await ctx().call(user, call.method, call.url, call.payload);
        expect(answer.statusCode, answer.body).toBe(status);
        if (status === 404) {
          const missing = await ctx().call(
            user,
            call.method,
            call.missing.url,
            call.missing.payload,
          );
          sameAsMissing(answer, missing);
        }
        if (status === 403) expect(answer.json().code).toBe("FORBIDDEN_FOR_ROLE");
      });
    }
  }

  it("GET /api/lists gives each standing the list with its role, or leaves it out", async () => {
    const world = await sharedWorld(ctx());
    for (const who of ROLES) {
      const page = (await ctx().call(world.users[who], "GET", "/api/lists")).json() as {
        items: Array<{ id: string; role: string; memberCount: number }>;
      };
      const shared = page.items.find((list) => list.id === world.listId);
      if (who === "removed" || who === "stranger") expect(shared).toBeUndefined();
      else expect(shared).toMatchObject({ role: who, memberCount: 3 });
    }
  });

  it("GET /api/tasks without a list shows the shared list's tasks to its members only", async () => {
    const world = await sharedWorld(ctx());
    for (const who of ROLES) {
      const page = (await ctx().call(world.users[who], "GET", "/api/tasks")).json() as {
        items: Array<{ id: string }>;
      };
      const seen = page.items.some((task) => task.id === world.taskId);
      expect(seen, who).toBe(who !== "removed" && who !== "stranger");
    }
  });

  it("a viewer's refused writes change nothing", async () => {
    const world = await sharedWorld(ctx());
    const { viewer, owner } = world.users;
    await ctx().call(viewer, "PATCH", `/api/tasks/${world.taskId}`, { title: "pwned" });
    await ctx().call(viewer, "DELETE", `/api/tasks/${world.taskId}`);
    await ctx().call(viewer, "POST", "/api/tasks", { title: "pwned", listId: world.listId });
    const page = (await ctx().call(owner, "GET", `/api/tasks?listId=${world.listId}`)).json() as {
      items: Array<{ title: string }>;
    };
    expect(page.items.map((task) => task.title)).toEqual(["Shared task"]);
  });

  it("a task written by an editor belongs to the owner's list and records its creator", async () => {
    const world = await sharedWorld(ctx());
    const { editor, owner } = world.users;
    const made = await ctx().call(editor, "POST", "/api/tasks", {
      title: "From the editor",
      listId: world.listId,
    });
    const id = (made.json() as { id: string }).id;
    const row = await ctx()
      .db.database.db.selectFrom("task")
      .select(["user_id", "created_by"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ user_id: owner.id, created_by: editor.id });
  });

  it("deleting a member's account removes its memberships and keeps its tasks, creator cleared", async () => {
    const world = await sharedWorld(ctx());
    const { editor, owner } = world.users;
    const made = await ctx().call(editor, "POST", "/api/tasks", {
      title: "Stays",
      listId: world.listId,
    });
    const id = (made.json() as { id: string }).id;
    const { db } = ctx().db.database;
    await db.deleteFrom("user").where("id", "=", editor.id).execute();
    const members = await db
      .selectFrom("list_member")
      .select("user_id")
      .where("user_id", "=", editor.id)
      .execute();
    expect(members).toEqual([]);
    const task = await ctx().call(owner, "GET", `/api/tasks/${id}`);
    expect(task.statusCode).toBe(200);
    const row = await db
      .selectFrom("task")
      .select("created_by")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.created_by).toBeNull();
  });

  it("deleting the owner's account deletes the list: its members then get 404", async () => {
    const world = await sharedWorld(ctx());
    const { db } = ctx().db.database;
    await db.deleteFrom("user").where("id", "=", world.users.owner.id).execute();
    const answer = await ctx().call(world.users.editor, "GET", `/api/lists/${world.listId}`);
    expect(answer.statusCode).toBe(404);
    const left = await db
      .selectFrom("list_member")
      .select("user_id")
      .where("list_id", "=", world.listId)
      .execute();
    expect(left).toEqual([]);
  });
});
