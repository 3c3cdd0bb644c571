import type { Task } from "@todo/contract";
import { describeRecurrence } from "@/lib/tasks/recurrence-words";

/** What a task carries besides priority and date: its subtasks' progress, its rule, its tags. */
export function TaskExtras({ task }: { task: Task }) {
  return (
    <>
      {task.subtaskCount > 0 && (
        <span className="badge">
          {task.subtasksCompleted} of {task.subtaskCount} subtasks done
        </span>
      )}
      {task.recurrence && <span className="badge">{describeRecurrence(task.recurrence)}</span>}
      {task.tags.length > 0 && (
        <ul className="tags" aria-label="Tags">
          {task.tags.map((tag) => (
            <li key={tag} className="badge">
              {tag}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
