import { parseRecurrence, type Task } from "@todo/contract";

const EVERY = { DAILY: "day", WEEKLY: "week", MONTHLY: "month", YEARLY: "year" } as const;

/** "Repeats every week", "Repeats every 2 months": the rule's gist; the date says the rest. */
function describeRecurrence(rule: string): string {
  const parsed = parseRecurrence(rule);
  if (typeof parsed === "string") return "Repeats";
  const unit = EVERY[parsed.freq];
  return parsed.interval === 1
    ? `Repeats every ${unit}`
    : `Repeats every ${parsed.interval} ${unit}s`;
}

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
