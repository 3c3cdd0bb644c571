import type { SseMessage } from "@todo/contract";
import { afterEach, beforeAll, expect, it } from "vitest";
import { type EventStreamClient, listenOnLoopback, openEvents } from "../../test/event-client.js";
import type { TestUser } from "../../test/helper.js";
import { ROLES, type Standing, sharedWorld } from "../../test/sharing.js";
import { describeApi } from "../../test/suite.js";

describeApi("live events of a shared list", (ctx) => {
  let base = "";
  const open: EventStreamClient[] = [];
  beforeAll(async () => {
    base = await listenOnLoopback(ctx().app);
  });
  afterEach(() => {
    for (const stream of open.splice(0)) stream.close();
  });
  const streamOf = async (user: TestUser) => {
    const stream = await openEvents(base, user.headers);
    open.push(stream);
    expect((await stream.next()).event).toBe("ready");
    return stream;
  };
  const data = (message: SseMessage) => JSON.parse(message.data) as Record<string, unknown>;
  /** A change of the user's own that every stream of theirs must get next. */
  const marker = async (user: TestUser) =>
    ((await ctx().call(user, "POST", "/api/tasks", { title: "marker" })).json() as { id: string })
      .id;

  it("reaches every member's stream, and none of the removed member's or a stranger's", async () => {
    const world = await sharedWorld(ctx());
    const streams = {} as Record<Standing, EventStreamClient>;
    for (const who of ROLES) streams[who] = await streamOf(world.users[who]);
    const made = await ctx().call(world.users.editor, "POST", "/api/tasks", {
      title: "From the editor",
      listId: world.listId,
    });
    const taskId = (made.json() as { id: string }).id;
    for (const who of ["owner", "editor", "viewer"] as const) {
      const message = await streams[who].next();
      expect(message.event, who).toBe("task.created");
      expect(data(message).id).toBe(taskId);
    }
    for (const who of ["removed", "stranger"] as const) {
      const own = await marker(world.users[who]);
      const message = await streams[who].next();
      expect(message.event, who).toBe("task.created");
      expect(data(message).id, `${who} heard of the shared list`).toBe(own);
    }
  });

  it("tells a removed member the list is gone, then sends it nothing more of the list", async () => {
    const world = await sharedWorld(ctx());
    const { owner, editor, viewer } = world.users;
    const viewing = await streamOf(viewer);
    const owning = await streamOf(owner);
    expect(
      (await ctx().call(owner, "DELETE", `/api/lists/${world.listId}/members/${viewer.id}`))
        .statusCode,
    ).toBe(204);
    const gone = await viewing.next();
    expect(gone.event).toBe("list.deleted");
    expect(data(gone)).toEqual({ id: world.listId });
    const updated = await owning.next();
    expect(updated.event).toBe("list.updated");
    expect(data(updated)).toMatchObject({ id: world.listId, role: "owner", memberCount: 2 });

    await ctx().call(editor, "PATCH", `/api/tasks/${world.taskId}`, { title: "After" });
    await ctx().call(owner, "PATCH", `/api/lists/${world.listId}`, { name: "Renamed" });
    const own = await marker(viewer);
    const next = await viewing.next();
    expect(next.event).toBe("task.created");
    expect(data(next).id).toBe(own);
    expect((await ctx().call(viewer, "GET", `/api/lists/${world.listId}`)).statusCode).toBe(404);
  });

  it("sends a joining member the list with its role, and a changed role to the member", async () => {
    const world = await sharedWorld(ctx());
    const { owner } = world.users;
    const guest = await ctx().createUser();
    const guestStream = await streamOf(guest);
    const invite = (
      await ctx().call(owner, "POST", `/api/lists/${world.listId}/invites`, { role: "viewer" })
    ).json() as { code: string };
    await ctx().call(guest, "POST", `/api/invites/${invite.code}/accept`);
    const joined = await guestStream.next();
    expect(joined.event).toBe("list.created");
    expect(data(joined)).toMatchObject({ id: world.listId, role: "viewer", name: "Shared plans" });
    await ctx().call(owner, "PATCH", `/api/lists/${world.listId}/members/${guest.id}`, {
      role: "editor",
    });
    const changed = await guestStream.next();
    expect(changed.event).toBe("list.updated");
    expect(data(changed)).toMatchObject({ id: world.listId, role: "editor" });
  });

  it("a task moved out of the shared list disappears for members who cannot follow it", async () => {
    const world = await sharedWorld(ctx());
    const { editor, viewer } = world.users;
    const viewing = await streamOf(viewer);
    await ctx().call(editor, "PATCH", `/api/tasks/${world.taskId}`, {
      listId: world.inbox.editor,
    });
    const message = await viewing.next();
    expect(message.event).toBe("task.deleted");
    expect(data(message)).toEqual({ id: world.taskId });
  });
});
