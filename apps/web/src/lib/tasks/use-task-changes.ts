"use client";

import { type QueryClient, useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateTaskInput, Task, UpdateTaskInput } from "@todo/tasks";
import { SignedOutError } from "@/lib/access-token";
import type { ApiClient } from "@/lib/api-client";
import { moveCounts } from "./list-cache";
import { dropTask, putTask } from "./task-cache";
import { listKeys, taskKeys } from "./task-keys";
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
} as const;

/** A list answer from before a change must not undo it on screen: drop the answers in flight. */
const cancelLists = (queryClient: QueryClient) =>
  queryClient.cancelQueries({ queryKey: taskKeys.lists() });

/**
 * Once the last change has settled, every list is loaded again so that it agrees with the API
 * (pages and counts included), and so are the user's lists and their counts. Runs in
 * `onSettled`, while this change still counts as pending.
 */
function reloadWhenLastSettles(queryClient: QueryClient): void {
  if (queryClient.isMutating({ mutationKey: taskKeys.mutations() }) > 1) return;
  void queryClient.invalidateQueries({ queryKey: taskKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: listKeys.all });
}

/**
 * Creating, changing and deleting tasks: shown at once in every cached list, replaced by the
 * API's answer, rolled back when the API refuses.
 */
export function useTaskChanges(api: ApiClient, report: ReportError) {
  const queryClient = useQueryClient();
  const settled = () => reloadWhenLastSettles(queryClient);
  const failed = (what: string, error: unknown) => {
    if (!(error instanceof SignedOutError)) report(what, error);
  };

  const create = useMutation({
    mutationKey: taskMutationKeys.create,
    mutationFn: (input: CreateTaskInput) => api.createTask(input),
    onMutate: async (input) => {
      await cancelLists(queryClient);
      const draft = draftTask(input);
      putTask(queryClient, draft);
      moveCounts(queryClient, undefined, draft);
      return { draft };
    },
    onSuccess: (task, _input, context) => putTask(queryClient, task, context.draft.id),
    onError: (error, _input, context) => {
      if (context) {
        dropTask(queryClient, context.draft.id);
        moveCounts(queryClient, context.draft, undefined);
      }
      failed("The task was not added", error);
    },
    onSettled: settled,
  });

  const update = useMutation({
    mutationKey: taskMutationKeys.update,
    mutationFn: ({ task, changes }: TaskUpdate) => api.updateTask(task.id, changes),
    onMutate: async ({ task, changes }) => {
      await cancelLists(queryClient);
      const next = updatedTask(task, changes);
      putTask(queryClient, next);
      // A move or a completion changes the counts of the lists it touches.
      moveCounts(queryClient, task, next);
      return { next };
    },
    onSuccess: (task) => putTask(queryClient, task),
    onError: (error, { task }, context) => {
      putTask(queryClient, task);
      if (context) moveCounts(queryClient, context.next, task);
      failed("The change was not saved", error);
    },
    onSettled: settled,
  });

  const remove = useMutation({
    mutationKey: taskMutationKeys.delete,
    mutationFn: (task: Task) => api.deleteTask(task.id),
    onMutate: async (task) => {
      await cancelLists(queryClient);
      dropTask(queryClient, task.id);
      moveCounts(queryClient, task, undefined);
    },
    onError: (error, task) => {
      putTask(queryClient, task);
      moveCounts(queryClient, undefined, task);
      failed("The task was not deleted", error);
    },
    onSettled: settled,
  });

  return { create, update, remove };
}
