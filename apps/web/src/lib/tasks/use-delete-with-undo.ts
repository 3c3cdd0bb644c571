"use client";

import { useMutationState, useQueryClient } from "@tanstack/react-query";
import type { Task } from "@todo/contract";
import { useMemo } from "react";
import { dropTask, putTask } from "./task-cache";
import { taskMutationKeys } from "./use-task-changes";
import type { UndoToast } from "./use-undo";

/**
 * Delete with a grace period: the task leaves the lists at once, and the API is asked only when
 * the undo period ends, another action takes the toast, or the page is left. Until the API has
 * answered, the task stays hidden from any list that still has it.
 */
export function useDeleteWithUndo(deleteTask: (task: Task) => void, toast: UndoToast) {
  const queryClient = useQueryClient();
  const deleting = useMutationState({
    filters: { mutationKey: taskMutationKeys.delete, status: "pending" },
    select: (mutation) => (mutation.state.variables as Task | undefined)?.id,
  });

  const remove = (task: Task) => {
    dropTask(queryClient, task.id);
    toast.offer({
      message: `Deleted “${task.title}”`,
      hides: task.id,
      commit: () => deleteTask(task),
      undo: () => putTask(queryClient, task),
    });
  };

  const hiddenKey = [toast.current?.hides, ...deleting].filter(Boolean).join(" ");
  const hidden = useMemo<ReadonlySet<string>>(
    () => new Set(hiddenKey.split(" ").filter(Boolean)),
    [hiddenKey],
  );
  return { remove, hidden };
}
