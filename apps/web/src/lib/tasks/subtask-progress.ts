import type { QueryClient } from "@tanstack/react-query";
import type { Task } from "@todo/contract";
import { cachedTask, putTask } from "./task-cache";

/**
 * A subtask counted out of its parent's progress as it was (`from`) and into it as it is now
 * (`to`): adding, completing and deleting a subtask change "2 of 5" on the parent the moment they
 * happen, like `moveCounts` does for a list's counts. The API recounts the parent in the same
 * write and sends it as a `task.updated` event, which settles these numbers.
 */
export function moveProgress(queryClient: QueryClient, from?: Task, to?: Task): void {
  const delta = new Map<string, { all: number; done: number }>();
  const add = (task: Task | undefined, sign: number) => {
    if (!task?.parentId) return;
    const d = delta.get(task.parentId) ?? { all: 0, done: 0 };
    delta.set(task.parentId, { all: d.all + sign, done: d.done + (task.completed ? sign : 0) });
  };
  add(from, -1);
  add(to, 1);
  for (const [parentId, d] of delta) {
    const parent = cachedTask(queryClient, parentId);
    if (!parent || (d.all === 0 && d.done === 0)) continue;
    const subtaskCount = Math.max(0, parent.subtaskCount + d.all);
    const subtasksCompleted = Math.min(
      subtaskCount,
      Math.max(0, parent.subtasksCompleted + d.done),
    );
    putTask(queryClient, { ...parent, subtaskCount, subtasksCompleted });
  }
}
