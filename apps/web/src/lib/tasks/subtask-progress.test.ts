import { QueryClient } from "@tanstack/react-query";
import type { Task, TaskPage } from "@todo/contract";
import { describe, expect, it } from "vitest";
import { aTask } from "@/test/task";
import { moveProgress } from "./subtask-progress";
import type { TaskPages } from "./task-cache";
import { type TaskListFilters, taskKeys } from "./task-keys";

const LIST = "00000000-0000-4000-8000-00000000000a";
const PARENT = "00000000-0000-4000-8000-000000000001";
const created = "2026-01-01T00:00:00.000Z";
const task = (fields: Partial<Task>): Task =>
  aTask(2, { listId: LIST, title: "Task", createdAt: created, updatedAt: created, ...fields });

const filters: TaskListFilters = { listId: LIST, status: "all", sort: "manual", order: "asc" };

/** A cache holding one top-level list with the parent in it. */
function cacheWith(parent: Task): QueryClient {
  const queryClient = new QueryClient();
  const page: TaskPage = { items: [parent], nextCursor: null };
  queryClient.setQueryData<TaskPages>(taskKeys.list(filters), {
    pages: [page],
    pageParams: [null],
  });
  return queryClient;
}
const parentIn = (queryClient: QueryClient) =>
  queryClient.getQueryData<TaskPages>(taskKeys.list(filters))?.pages[0]?.items[0];

describe("moveProgress", () => {
  const parent = task({
    id: PARENT,
    title: "Plan the party",
    subtaskCount: 2,
    subtasksCompleted: 1,
  });
  const open = task({ parentId: PARENT });
  const done = { ...open, completed: true };

  it("counts a new subtask into its parent's progress", () => {
    const queryClient = cacheWith(parent);
    moveProgress(queryClient, undefined, open);
    expect(parentIn(queryClient)).toMatchObject({ subtaskCount: 3, subtasksCompleted: 1 });
  });

  it("moves a completed subtask into the done count, and back when reopened", () => {
    const queryClient = cacheWith(parent);
    moveProgress(queryClient, open, done);
    expect(parentIn(queryClient)).toMatchObject({ subtaskCount: 2, subtasksCompleted: 2 });
    moveProgress(queryClient, done, open);
    expect(parentIn(queryClient)).toMatchObject({ subtaskCount: 2, subtasksCompleted: 1 });
  });

  it("counts a deleted subtask out, done or not", () => {
    const queryClient = cacheWith(parent);
    moveProgress(queryClient, done, undefined);
    expect(parentIn(queryClient)).toMatchObject({ subtaskCount: 1, subtasksCompleted: 0 });
  });

  it("leaves top-level tasks and parents not in the cache alone", () => {
    const queryClient = cacheWith(parent);
    moveProgress(queryClient, undefined, task({}));
    moveProgress(
      queryClient,
      undefined,
      task({ parentId: "00000000-0000-4000-8000-0000000000ff" }),
    );
    expect(parentIn(queryClient)).toEqual(parent);
  });
});
