import type { Task } from "@todo/contract";
import { describeReminder } from "@/lib/reminders/schedule";
import { useHydrated } from "@/lib/use-hydrated";
import { dueState, formatDue, formatDueTime } from "./due";
import { TaskExtras } from "./task-extras";

const DUE_LABEL = { overdue: "Overdue", today: "Due today", soon: "Due soon" } as const;

/**
 * A task's badges, the same in every list a user can see: priority, due date, then the rest;
 * `listName` where tasks of several lists are shown together (Today, Upcoming).
 */
export function TaskMeta({ task, listName }: { task: Task; listName?: string | undefined }) {
  // The server's HTML (the first page of /tasks) knows neither the browser's day, zone nor
  // locale: until hydration the date is shown as stored, then as the browser reads it.
  const local = useHydrated();
  const due = local ? dueState(task.dueDate, task.completed) : "none";
  return (
    <div className="task-meta">
      {listName !== undefined && <span className="badge list-badge">In {listName}</span>}
      {task.priority !== "medium" && (
        <span className={`badge ${task.priority}`}>
          {task.priority === "high" ? "High priority" : "Low priority"}
        </span>
      )}
      {task.dueDate && (
        <span
          className={`badge${due === "overdue" ? " overdue" : due === "today" || due === "soon" ? " soon" : ""}`}
        >
          {due in DUE_LABEL ? `${DUE_LABEL[due as keyof typeof DUE_LABEL]} · ` : "Due "}
          {local ? formatDue(task.dueDate) : task.dueDate}
          {task.dueTime && ` at ${local ? formatDueTime(task) : task.dueTime}`}
        </span>
      )}
      {task.dueTime && task.reminderMinutes !== null && (
        <span className="badge">Reminder {describeReminder(task.reminderMinutes)}</span>
      )}
      <TaskExtras task={task} />
    </div>
  );
}
