"use client";

import { useQueryClient } from "@tanstack/react-query";
import type { Task, UpdateTaskInput } from "@todo/contract";
import { cachedTask } from "./task-cache";
import { updatedTask } from "./task-order";
import type { TaskUpdate } from "./use-task-changes";
import type { UndoToast } from "./use-undo";

/**
 * Changing a task, where completing it offers an undo in the toast. Unlike a deletion, the
 * completion is sent at once (other devices see it, a recurring task brings its next occurrence);
 * undo reopens the task with a second change. For a recurring task that is all it does: the next
 * occurrence the completion brought stays (docs/decisions/0029-drag-and-drop-order-and-undo.md).
 */
export function useCompleteWithUndo(update: (change: TaskUpdate) => void, toast: UndoToast) {
  const queryClient = useQueryClient();
  return (task: Task, changes: UpdateTaskInput) => {
    update({ task, changes });
    if (changes.completed !== true || task.completed) return;
    toast.offer({
      message: task.recurrence
        ? `Completed “${task.title}”; the next one is on your list`
        : `Completed “${task.title}”`,
      commit: () => {},
      undo: () => {
        // The task as it is now (a live event may have changed it since), else as completed.
        const now = cachedTask(queryClient, task.id) ?? updatedTask(task, { completed: true });
        if (now.completed) update({ task: now, changes: { completed: false } });
      },
    });
  };
}
