import { QueryClient } from "@tanstack/react-query";
import type { Task, TaskList } from "@todo/contract";
import { matchesFilters } from "@todo/contract/order";
import { describe, expect, it } from "vitest";
import { aTask } from "@/test/task";
import { dropList, type Lists, moveCounts, putList } from "./list-cache";
import { listKeys, taskKeys } from "./task-keys";
import { updatedTask } from "./task-order";

const at = "2026-01-01T00:00:00.000Z";
const list = (id: string, position: number, open = 0, all = open): TaskList => ({
  id,
  name: id,
  position,
  isInbox: position === 0,
  openTaskCount: open,
  taskCount: all,
  role: "owner",
  memberCount: 0,
  createdAt: at,
  updatedAt: at,
});
const task = (listId: string, completed = false): Task =>
  aTask(1, {
    listId,
    title: "t",
    completed,
    completedAt: completed ? at : null,
    createdAt: at,
    updatedAt: at,
  });

function cached(...lists: TaskList[]) {
  const queryClient = new QueryClient();
  queryClient.setQueryData<Lists>(listKeys.all, lists);
  const read = () => queryClient.getQueryData<Lists>(listKeys.all) ?? [];
  return { queryClient, read };
}

describe("the lists cache", () => {
  it("moves a task's counts from one list to the other, and back on rollback", () => {
    const { queryClient, read } = cached(list("inbox", 0, 2), list("work", 1, 0));
    const before = task("inbox");
    const after = updatedTask(before, { listId: "work" });
    moveCounts(queryClient, before, after);
    expect(read().map((l) => [l.id, l.openTaskCount, l.taskCount])).toEqual([
      ["inbox", 1, 1],
      ["work", 1, 1],
    ]);
    moveCounts(queryClient, after, before);
    expect(read().map((l) => l.openTaskCount)).toEqual([2, 0]);
  });

  it("counts a completion out of the open count only, a creation and a deletion in both", () => {
    const { queryClient, read } = cached(list("inbox", 0, 1, 1));
    moveCounts(queryClient, task("inbox"), task("inbox", true));
    expect(read()[0]).toMatchObject({ openTaskCount: 0, taskCount: 1 });
    moveCounts(queryClient, undefined, task("inbox"));
    expect(read()[0]).toMatchObject({ openTaskCount: 1, taskCount: 2 });
    moveCounts(queryClient, task("inbox", true), undefined);
    expect(read()[0]).toMatchObject({ openTaskCount: 1, taskCount: 1 });
  });

  it("counts a subtask in the list's tasks but never in its open count, which is what the list shows", () => {
    const { queryClient, read } = cached(list("inbox", 0, 1, 1));
    const parent = task("inbox");
    const subtask = { ...task("inbox"), id: "00000000-0000-4000-8000-000000000002" };
    const open = { ...subtask, parentId: parent.id };
    moveCounts(queryClient, undefined, open);
    expect(read()[0]).toMatchObject({ openTaskCount: 1, taskCount: 2 });
    const done = updatedTask(open, { completed: true });
    moveCounts(queryClient, open, done);
    expect(read()[0]).toMatchObject({ openTaskCount: 1, taskCount: 2 });
    moveCounts(queryClient, done, open);
    moveCounts(queryClient, open, undefined);
    expect(read()[0]).toMatchObject({ openTaskCount: 1, taskCount: 1 });
    moveCounts(queryClient, parent, updatedTask(parent, { completed: true }));
    expect(read()[0]).toMatchObject({ openTaskCount: 0, taskCount: 1 });
  });

  it("puts a list at its position and renumbers the others, as the API does", () => {
    const { queryClient, read } = cached(list("inbox", 0), list("a", 1), list("b", 2));
    putList(queryClient, { ...list("b", 0), isInbox: false });
    expect(read().map((l) => [l.id, l.position])).toEqual([
      ["b", 0],
      ["inbox", 1],
      ["a", 2],
    ]);
  });

  it("drops a list and the cached task lists of it", () => {
    const { queryClient, read } = cached(list("inbox", 0), list("a", 1), list("b", 2));
    const filters = { status: "all", sort: "created", order: "desc" } as const;
    queryClient.setQueryData(taskKeys.list({ ...filters, listId: "a" }), { pages: [] });
    queryClient.setQueryData(taskKeys.list({ ...filters, listId: "b" }), { pages: [] });
    dropList(queryClient, "a");
    expect(read().map((l) => [l.id, l.position])).toEqual([
      ["inbox", 0],
      ["b", 1],
    ]);
    expect(queryClient.getQueryData(taskKeys.list({ ...filters, listId: "a" }))).toBeUndefined();
    expect(queryClient.getQueryData(taskKeys.list({ ...filters, listId: "b" }))).toBeDefined();
  });

  it("takes a deleted list's tasks out of the views across lists", () => {
    const { queryClient } = cached(list("inbox", 0), list("a", 1));
    const today = { status: "pending", sort: "due", order: "asc", dueTo: "2026-01-01" } as const;
    const kept = { ...task("inbox"), id: "00000000-0000-4000-8000-000000000002" };
    const page = { items: [task("a"), kept], nextCursor: null };
    queryClient.setQueryData(taskKeys.list(today), { pages: [page], pageParams: [null] });
    dropList(queryClient, "a");
    const data = queryClient.getQueryData<{ pages: { items: Task[] }[] }>(taskKeys.list(today));
    expect(data?.pages[0]?.items.map((t) => t.id)).toEqual([kept.id]);
  });

  it("a task belongs only in the cached list of its own list", () => {
    const filters = { status: "all", sort: "created", order: "desc" } as const;
    expect(matchesFilters(task("a"), { ...filters, listId: "a" })).toBe(true);
    expect(matchesFilters(task("a"), { ...filters, listId: "b" })).toBe(false);
    expect(matchesFilters(task("a"), filters)).toBe(true);
  });

  it("keeps shared lists after the user's own, in place, whatever their owner's positions", () => {
    const shared = (id: string, position: number): TaskList => ({
      ...list(id, position),
      isInbox: false,
      role: "viewer",
    });
    const { queryClient, read } = cached(list("inbox", 0), list("a", 1), shared("s", 0));
    putList(queryClient, { ...shared("s", 5), name: "renamed" });
    putList(queryClient, shared("t", 0));
    putList(queryClient, { ...list("a", 0), isInbox: false });
    expect(read().map((l) => [l.id, l.position, l.name])).toEqual([
      ["a", 0, "a"],
      ["inbox", 1, "inbox"],
      ["s", 5, "renamed"],
      ["t", 0, "t"],
    ]);
    dropList(queryClient, "s");
    expect(read().map((l) => l.id)).toEqual(["a", "inbox", "t"]);
  });
});
