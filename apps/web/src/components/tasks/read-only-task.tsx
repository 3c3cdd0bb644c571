import type { Task } from "@todo/contract";
import { type ReactNode, useState } from "react";
import { TaskMeta } from "./task-meta";

/**
 * A task of a list the user may only view: what it says and nothing to press, since every
 * change would be refused (403). Its state is text, not a disabled checkbox. A task with
 * subtasks opens them, to read.
 */
export function ReadOnlyTask({
  task,
  active,
  listName,
  details,
}: {
  task: Task;
  active: boolean;
  listName?: string;
  details?: (task: Task) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <li
      className={`task read-only${task.completed ? " completed" : ""}`}
      data-task-id={task.id}
      tabIndex={active ? 0 : -1}
    >
      <span className="task-state" aria-hidden="true">
        {task.completed ? "✓" : ""}
      </span>
      <div>
        <span className="task-title">
          {task.title}
          <span className="sr-only">{task.completed ? ", done" : ", open"}</span>
        </span>
        {task.description && <p className="task-desc">{task.description}</p>}
        <TaskMeta task={task} listName={listName} />
      </div>
      {details && task.subtaskCount > 0 && (
        <div className="task-actions">
          <button
            type="button"
            className="ghost"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
            aria-label={`Subtasks of "${task.title}"`}
          >
            Subtasks
          </button>
        </div>
      )}
      {open && details?.(task)}
    </li>
  );
}
