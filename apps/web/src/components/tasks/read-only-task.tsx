import type { Task } from "@todo/contract";
import { dueState, formatDue } from "./due";
import { TaskExtras } from "./task-extras";

const DUE_LABEL = { overdue: "Overdue", today: "Due today", soon: "Due soon" } as const;

/**
 * A task of a list the user may only view: what it says and nothing to press, since every
 * change would be refused (403). Its state is text, not a disabled checkbox.
 */
export function ReadOnlyTask({ task, active }: { task: Task; active: boolean }) {
  const due = dueState(task.dueDate, task.completed);
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
        <div className="task-meta">
          {task.priority !== "medium" && (
            <span className={`badge ${task.priority}`}>
              {task.priority === "high" ? "High priority" : "Low priority"}
            </span>
          )}
          {task.dueDate && (
            <span className="badge">
              {due in DUE_LABEL ? `${DUE_LABEL[due as keyof typeof DUE_LABEL]} · ` : "Due "}
              {formatDue(task.dueDate)}
            </span>
          )}
          <TaskExtras task={task} />
        </div>
      </div>
    </li>
  );
}
