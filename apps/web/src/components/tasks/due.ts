/** Today in the user's own calendar, as YYYY-MM-DD (the form due dates use). */
function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00`);
  date.setDate(date.getDate() + days);
  return localToday(date);
}

export type DueState = "overdue" | "today" | "soon" | "later" | "none";

/** Overdue and due-soon (within two days) tasks stand out; completed ones never do. */
export function dueState(
  dueDate: string | null,
  completed: boolean,
  today = localToday(),
): DueState {
  if (!dueDate || completed) return dueDate ? "later" : "none";
  if (dueDate < today) return "overdue";
  if (dueDate === today) return "today";
  if (dueDate <= addDays(today, 2)) return "soon";
  return "later";
}

export function formatDue(dueDate: string): string {
  return new Date(`${dueDate}T12:00:00`).toLocaleDateString(undefined, {
    month: "short",
    day: "numeric",
    year: dueDate.slice(0, 4) === String(new Date().getFullYear()) ? undefined : "numeric",
  });
}

/** A due time as set ("09:30"), with its zone when the device is elsewhere ("09:30 Europe/Paris"). */
export function formatDueTime(
  task: { dueTime: string | null; timeZone: string | null },
  deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
): string {
  if (!task.dueTime) return "";
  return task.timeZone && task.timeZone !== deviceZone
    ? `${task.dueTime} ${task.timeZone}`
    : task.dueTime;
}
