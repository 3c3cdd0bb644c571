import { QueryClient } from "@tanstack/react-query";
import type { Task } from "@todo/contract";
import { compareTasks, matchesFilters } from "@todo/contract/order";
import { describe, expect, it } from "vitest";
import { aTask } from "@/test/task";
import {
  dropTask,
  putTask,
  type TaskPages,
  taskChangesSettled,
  withoutTask,
  withTask,
} from "./task-cache";
import { type TaskListFilters, taskKeys } from "./task-keys";
import { updatedTask } from "./task-order";

const INBOX = "00000000-0000-4000-8000-00000000000a";
let serial = 0;
const task = (fields: Partial<Task> = {}): Task => aTask(++serial, { listId: INBOX, ...fields });

const newest: TaskListFilters = { status: "all", sort: "created", order: "desc" };
const pages = (...lists: Array<{ items: Task[]; nextCursor: string | null }>): TaskPages => ({
  pages: lists,
  pageParams: lists.map((_, i) => (i === 0 ? null : `cursor-${i}`)),
});
const ids = (data: TaskPages) => data.pages.map((page) => page.items.map((t) => t.title));

describe("the order of the API", () => {
  it("puts tasks without a due date last in both directions", () => {
    const none = task();
    const soon = task({ dueDate: "2026-01-02" });
    expect(compareTasks(soon, none, "due", "asc")).toBeLessThan(0);
    expect(compareTasks(soon, none, "due", "desc")).toBeLessThan(0);
  });

  it("ranks priorities, not their names, and breaks ties by id in the same direction", () => {
    const [high, low] = [task({ priority: "high" }), task({ priority: "low" })];
    expect(compareTasks(high, low, "priority", "desc")).toBeLessThan(0);
    const [a, b] = [task({ title: "same" }), task({ title: "Same" })];
    expect(compareTasks(a, b, "title", "asc")).toBeLessThan(0);
    expect(compareTasks(a, b, "title", "desc")).toBeGreaterThan(0);
  });

  it("matches status, priority and a case-insensitive search of title and description", () => {
    const t = task({ description: "With receipts", completed: true, priority: "high" });
    expect(matchesFilters(t, { ...newest, q: "RECEIPTS", status: "completed" })).toBe(true);
    expect(matchesFilters(t, { ...newest, status: "pending" })).toBe(false);
    expect(matchesFilters(t, { ...newest, priority: "low" })).toBe(false);
  });

  it("stamps completion once and clears it on reopening, as PATCH does", () => {
    const done = updatedTask(task(), { completed: true });
    expect(done.completedAt).not.toBeNull();
    expect(updatedTask(done, { title: " New " })).toMatchObject({
      title: "New",
      completedAt: done.completedAt,
    });
    expect(updatedTask(done, { completed: false }).completedAt).toBeNull();
  });
});

describe("a task put into a cached list", () => {
  const [a, b, c, d] = [task(), task(), task(), task()];

  it("goes where the API would put it, across pages", () => {
    const data = pages({ items: [d, b], nextCursor: "x" }, { items: [a], nextCursor: null });
    expect(ids(withTask(data, c, newest))).toEqual([["Task 4", "Task 3", "Task 2"], ["Task 1"]]);
  });

  it("waits for the next page when it sorts after everything loaded", () => {
    const data = pages({ items: [d, c], nextCursor: "x" });
    expect(withTask(data, a, newest)).toBe(data);
    const complete = pages({ items: [d, c], nextCursor: null });
    expect(ids(withTask(complete, a, newest))).toEqual([["Task 4", "Task 3", "Task 1"]]);
  });

  it("moves when its sort value changes and leaves when it stops matching", () => {
    const data = pages({ items: [d, c, b], nextCursor: null });
    const renamed = { ...b, title: "AAA" };
    expect(ids(withTask(data, renamed, { ...newest, sort: "title", order: "asc" }))[0]?.[0]).toBe(
      "AAA",
    );
    const done = { ...c, completed: true };
    expect(ids(withTask(data, done, { ...newest, status: "pending" }))).toEqual([
      ["Task 4", "Task 2"],
    ]);
  });

  it("replaces the draft it was created from", () => {
    const draft = { ...task(), id: "pending-1" };
    const data = pages({ items: [draft, d], nextCursor: null });
    const saved = { ...draft, id: "00000000-0000-4000-8000-999999999999" };
    expect(withTask(data, saved, newest, draft.id).pages[0]?.items.map((t) => t.id)).toEqual([
      saved.id,
      d.id,
    ]);
  });

  it("is removed from every page, and nothing changes when it is absent", () => {
    const data = pages({ items: [d, c], nextCursor: "x" }, { items: [b], nextCursor: null });
    expect(ids(withoutTask(data, c.id))).toEqual([["Task 4"], ["Task 2"]]);
    expect(withoutTask(data, a.id)).toBe(data);
  });
});

describe("the query cache", () => {
  it("updates every cached list by its own filters, and drops deleted tasks everywhere", () => {
    const client = new QueryClient();
    const pendingOnly: TaskListFilters = { ...newest, status: "pending" };
    const t = task();
    client.setQueryData(taskKeys.list(newest), pages({ items: [t], nextCursor: null }));
    client.setQueryData(taskKeys.list(pendingOnly), pages({ items: [t], nextCursor: null }));
    const done = { ...t, completed: true };
    putTask(client, done);
    expect(client.getQueryData<TaskPages>(taskKeys.list(newest))?.pages[0]?.items).toEqual([done]);
    expect(client.getQueryData<TaskPages>(taskKeys.list(pendingOnly))?.pages[0]?.items).toEqual([]);
    dropTask(client, t.id);
    expect(client.getQueryData<TaskPages>(taskKeys.list(newest))?.pages[0]?.items).toEqual([]);
  });

  it("lets lists wait until no change of ours is on its way", async () => {
    const client = new QueryClient();
    let finish: () => void = () => {};
    const change = client
      .getMutationCache()
      .build(client, {
        mutationKey: [...taskKeys.mutations(), "create"],
        mutationFn: () => new Promise<void>((resolve) => (finish = resolve)),
      })
      .execute(undefined);
    let settled = false;
    const waiting = taskChangesSettled(client).then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    finish();
    await change;
    await waiting;
    expect(settled).toBe(true);
  });
});
