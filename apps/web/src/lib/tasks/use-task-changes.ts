"use client";

import { type QueryClient, useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateTaskInput, Task, UpdateTaskInput } from "@todo/contract";
import { SignedOutError } from "@/lib/access-token";
import type { ApiClient } from "@/lib/api-client";
import { moveCounts } from "./list-cache";
import { moveProgress } from "./subtask-progress";
import { dropTask, putTask } from "./task-cache";
import { taskKeys } from "./task-keys";
import type { TaskMove } from "./task-moves";
import { draftTask, updatedTask } from "./task-order";

export interface TaskUpdate {
  task: Task;
  changes: UpdateTaskInput;
}

/** Where the page tells the user what went wrong. */
export type ReportError = (what: string, error: unknown) => void;

export const taskMutationKeys = {
  create: [...taskKeys.mutations(), "create"],
  update: [...taskKeys.mutations(), "update"],
  delete: [...taskKeys.mutations(), "delete"],
  move: [...taskKeys.mutations(), "move"],
} as const;

/**
 * A list answer from before a change must not undo it on screen: the answers in flight are
 * dropped. TanStack Query puts a cancelled query back to its state from before the fetch at
 * once, when this is called, so the optimistic change is written right after it, in the same
 * tick as the click: the page shows it without waiting and without state of its own.
 */
async function cancelLists(queryClient: QueryClient): Promise<void> {
  await queryClient.cancelQueries({ queryKey: taskKeys.lists() });
  // A list still on its first load had nothing to show the change in: it asks again, and its
  // request waits for our changes to settle (use-task-list.ts), so its answer includes this one.
  void queryClient.refetchQueries({
    queryKey: taskKeys.lists(),
    type: "active",
    predicate: (query) => query.state.data === undefined,
  });
}

/**
 * Creating, changing and deleting tasks, after TanStack Query's optimistic-update recipe: shown
 * at once in every cached list (onMutate), rolled back when the API refuses (onError), settled by
 * the API's answer (onSuccess). The tab's own live event for the change is then a no-op
 * (use-live-tasks.ts); nothing is reloaded.
 */
export function useTaskChanges(api: ApiClient, report: ReportError) {
  const queryClient = useQueryClient();
  const failed = (what: string, error: unknown) => {
    if (!(error instanceof SignedOutError)) report(what, error);
  };

  const create = useMutation({
    mutationKey: taskMutationKeys.create,
    mutationFn: (input: CreateTaskInput) => api.createTask(input),
    onMutate: async (input) => {
      const cancelled = cancelLists(queryClient);
      const draft = draftTask(input);
      putTask(queryClient, draft);
      moveCounts(queryClient, undefined, draft);
      moveProgress(queryClient, undefined, draft);
      await cancelled;
      return { draft };
    },
    onSuccess: (task, _input, context) => putTask(queryClient, task, context.draft.id),
    onError: (error, _input, context) => {
      if (context) {
        dropTask(queryClient, context.draft.id);
        moveCounts(queryClient, context.draft, undefined);
        moveProgress(queryClient, context.draft, undefined);
      }
      failed("The task was not added", error);
    },
  });

  const update = useMutation({
    mutationKey: taskMutationKeys.update,
    mutationFn: ({ task, changes }: TaskUpdate) => api.updateTask(task.id, changes),
    onMutate: async ({ task, changes }) => {
      const cancelled = cancelLists(queryClient);
      const next = updatedTask(task, changes);
      putTask(queryClient, next);
      // A move or a completion changes the counts of the lists (and the parent) it touches.
      moveCounts(queryClient, task, next);
      moveProgress(queryClient, task, next);
      await cancelled;
      return { next };
    },
    onSuccess: (task) => putTask(queryClient, task),
    onError: (error, { task }, context) => {
      putTask(queryClient, task);
      if (context) {
        moveCounts(queryClient, context.next, task);
        moveProgress(queryClient, context.next, task);
      }
      failed("The change was not saved", error);
    },
  });

  const remove = useMutation({
    mutationKey: taskMutationKeys.delete,
    mutationFn: (task: Task) => api.deleteTask(task.id),
    onMutate: async (task) => {
      const cancelled = cancelLists(queryClient);
      dropTask(queryClient, task.id);
      moveCounts(queryClient, task, undefined);
      moveProgress(queryClient, task, undefined);
      await cancelled;
    },
    onError: (error, task) => {
      putTask(queryClient, task);
      moveCounts(queryClient, undefined, task);
      moveProgress(queryClient, undefined, task);
      failed("The task was not deleted", error);
    },
  });

  // One write per move: the API keys the task beside its anchor (docs/decisions/0029-drag-and-drop-order-and-undo.md).
  const move = useMutation({
    mutationKey: taskMutationKeys.move,
    mutationFn: ({ task, to }: { task: Task; to: TaskMove }) =>
      api.updateTask(task.id, to.placement),
    onMutate: async ({ task, to }) => {
      const cancelled = cancelLists(queryClient);
      if (to.position !== null) putTask(queryClient, { ...task, position: to.position });
      await cancelled;
    },
    onSuccess: (task) => putTask(queryClient, task),
    onError: (error, { task }) => {
      putTask(queryClient, task);
      failed("The task was not moved", error);
    },
  });

  return { create, update, remove, move };
}

export type TaskChanges = ReturnType<typeof useTaskChanges>;
