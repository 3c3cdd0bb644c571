import type { TestContext, TestUser } from "./helper.js";

/** The five standings toward a shared list that every sharing test walks. */
export const ROLES = ["owner", "editor", "viewer", "removed", "stranger"] as const;
export type Standing = (typeof ROLES)[number];

export interface SharedWorld {
  readonly users: Record<Standing, TestUser>;
  /** Each user's own Inbox. */
  readonly inbox: Record<Standing, string>;
  /** The owner's shared list, and a task in it. */
  readonly listId: string;
  readonly taskId: string;
  /** A second viewer, for the owner to remove. */
  readonly other: TestUser;
}

async function inboxOf(ctx: TestContext, user: TestUser): Promise<string> {
  const page = (await ctx.call(user, "GET", "/api/lists")).json() as {
    items: Array<{ id: string; isInbox: boolean }>;
  };
  const inbox = page.items.find((list) => list.isInbox);
  if (!inbox) throw new Error("no inbox");
  return inbox.id;
}

function ok<T>(response: { statusCode: number; body: string; json(): unknown }, status: number): T {
  if (response.statusCode !== status) {
    throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`);
  }
  return (response.body === "" ? undefined : response.json()) as T;
}

/** Makes `user` a member of `listId` with `role`, through the real invite routes. */
export async function share(
  ctx: TestContext,
  owner: TestUser,
  listId: string,
  user: TestUser,
  role: "editor" | "viewer",
): Promise<void> {
  const invite = ok<{ code: string }>(
    await ctx.call(owner, "POST", `/api/lists/${listId}/invites`, { role }),
    201,
  );
  ok(await ctx.call(user, "POST", `/api/invites/${invite.code}/accept`), 201);
}

/** A fresh list shared with an editor, a viewer and a member since removed, and a stranger. */
export async function sharedWorld(ctx: TestContext): Promise<SharedWorld> {
  const users = {} as Record<Standing, TestUser>;
  for (const role of ROLES) users[role] = await ctx.createUser({ name: `The ${role}` });
  const other = await ctx.createUser({ name: "Another viewer" });
  const { owner } = users;
  const list = ok<{ id: string }>(
    await ctx.call(owner, "POST", "/api/lists", { name: "Shared plans" }),
    201,
  );
  const task = ok<{ id: string }>(
    await ctx.call(owner, "POST", "/api/tasks", { title: "Shared task", listId: list.id }),
    201,
  );
  await share(ctx, owner, list.id, users.editor, "editor");
  await share(ctx, owner, list.id, users.viewer, "viewer");
  await share(ctx, owner, list.id, users.removed, "editor");
  await share(ctx, owner, list.id, other, "viewer");
  ok(await ctx.call(owner, "DELETE", `/api/lists/${list.id}/members/${users.removed.id}`), 204);
  const inbox = {} as Record<Standing, string>;
  for (const role of ROLES) inbox[role] = await inboxOf(ctx, users[role]);
  return { users, inbox, listId: list.id, taskId: task.id, other };
}
