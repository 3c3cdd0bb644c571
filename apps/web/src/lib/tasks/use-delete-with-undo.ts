"use client";

import { useMutationState, useQueryClient } from "@tanstack/react-query";
import type { Task } from "@todo/contract";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { dropTask, putTask } from "./task-cache";
import { taskMutationKeys } from "./use-task-changes";

const UNDO_MS = 5000;

interface PendingDelete {
  task: Task;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Delete with a grace period: the task leaves the lists at once, and the API is asked only when
 * the undo period ends, another task is deleted, or the page is left. Until the API has answered,
 * the task stays hidden from any list that still has it.
 */
export function useDeleteWithUndo(deleteTask: (task: Task) => void) {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<PendingDelete | null>(null);
  const pendingRef = useRef<PendingDelete | null>(null);
  const deleting = useMutationState({
    filters: { mutationKey: taskMutationKeys.delete, status: "pending" },
    select: (mutation) => (mutation.state.variables as Task | undefined)?.id,
  });

  const commit = useCallback(
    (which: PendingDelete) => {
      clearTimeout(which.timer);
      // Cleared at once, not on the next render: a page hide and an unmount both flush.
      if (pendingRef.current === which) pendingRef.current = null;
      setPending((current) => (current === which ? null : current));
      deleteTask(which.task);
    },
    [deleteTask],
  );

  const remove = (task: Task) => {
    if (pendingRef.current) commit(pendingRef.current);
    dropTask(queryClient, task.id);
    const next: PendingDelete = { task, timer: setTimeout(() => commit(next), UNDO_MS) };
    pendingRef.current = next;
    setPending(next);
  };

  const undo = () => {
    const which = pendingRef.current;
    if (!which) return;
    clearTimeout(which.timer);
    pendingRef.current = null;
    setPending(null);
    putTask(queryClient, which.task);
  };

  // Leaving the page must not cancel a delete the user did not undo.
  useEffect(() => {
    const flush = () => {
      if (pendingRef.current) commit(pendingRef.current);
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [commit]);

  const hiddenKey = [pending?.task.id, ...deleting].filter(Boolean).join(" ");
  const hidden = useMemo<ReadonlySet<string>>(
    () => new Set(hiddenKey.split(" ").filter(Boolean)),
    [hiddenKey],
  );
  return { undoable: pending?.task ?? null, remove, undo, hidden };
}
