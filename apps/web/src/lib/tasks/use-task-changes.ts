"use client";

import {
  mutationOptions,
  type QueryClient,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import type { CreateTaskInput, Task, UpdateTaskInput } from "@todo/contract";
import { useEffect, useMemo } from "react";
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
 * Every task change runs in this one scope: one after another, in the order they were made, also
 * when they were made offline and are sent when the connection returns (decision 0030).
 */
const TASK_CHANGES_SCOPE = { id: "task-changes" };

/**
 * Creating, changing and deleting tasks, after TanStack Query's optimistic-update recipe: shown
 * at once in every cached list (onMutate), rolled back when the API refuses (onError), settled by
 * the API's answer (onSuccess). The tab's own live event for the change is then a no-op
 * (use-live-tasks.ts); nothing is reloaded.
 *
 * The same options are the client's defaults for these keys (setMutationDefaults): a change
 * queued offline and restored from the device after a reload has lost its functions, and gets
 * them back from there when it is resumed.
 */
function taskChangeOptions(queryClient: QueryClient, api: ApiClient, report: ReportError) {
  const failed = (what: string, error: unknown) => {
    if (!(error instanceof SignedOutError)) report(what, error);
  };
  const create = mutationOptions({
    mutationKey: taskMutationKeys.create,
    scope: TASK_CHANGES_SCOPE,
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

  const update = mutationOptions({
    mutationKey: taskMutationKeys.update,
    scope: TASK_CHANGES_SCOPE,
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

  const remove = mutationOptions({
    mutationKey: taskMutationKeys.delete,
    scope: TASK_CHANGES_SCOPE,
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
  const move = mutationOptions({
    mutationKey: taskMutationKeys.move,
    scope: TASK_CHANGES_SCOPE,
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

export function useTaskChanges(api: ApiClient, report: ReportError) {
  const queryClient = useQueryClient();
  const options = useMemo(
    () => taskChangeOptions(queryClient, api, report),
    [queryClient, api, report],
  );
  useEffect(() => {
    queryClient.setMutationDefaults(taskMutationKeys.create, options.create);
    queryClient.setMutationDefaults(taskMutationKeys.update, options.update);
    queryClient.setMutationDefaults(taskMutationKeys.delete, options.remove);
    queryClient.setMutationDefaults(taskMutationKeys.move, options.move);
  }, [queryClient, options]);
  return {
    create: useMutation(options.create),
    update: useMutation(options.update),
    remove: useMutation(options.remove),
    move: useMutation(options.move),
  };
}

export type TaskChanges = ReturnType<typeof useTaskChanges>;
