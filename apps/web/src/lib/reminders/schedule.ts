import { type ReminderMinutes, reminderInstant, type Task } from "@todo/contract";

/** One reminder to show: the task, when, and the tag that makes it one notification everywhere. */
export interface PlannedReminder {
  readonly task: Task;
  readonly at: number;
  readonly tag: string;
}

/** A reminder missed by less than this (a tab asleep, a timer late) is still shown. */
export const LATE_GRACE_MS = 5 * 60_000;

/**
 * The reminders still to show, soonest first: open tasks with a reminder whose time has not
 * passed by more than the grace period. Drafts (not yet sent to the API) have none yet.
 */
export function plannedReminders(tasks: readonly Task[], now: number): PlannedReminder[] {
  const planned: PlannedReminder[] = [];
  const seen = new Set<string>();
  for (const task of tasks) {
    if (task.completed || seen.has(task.id) || task.id.startsWith("pending-")) continue;
    seen.add(task.id);
    const at = reminderInstant(task);
    if (at === undefined || at < now - LATE_GRACE_MS) continue;
    planned.push({ task, at, tag: `reminder:${task.id}:${at}` });
  }
  return planned.sort((a, b) => a.at - b.at);
}

const BEFORE: Record<ReminderMinutes, string> = {
  0: "at the time",
  5: "5 minutes before",
  10: "10 minutes before",
  15: "15 minutes before",
  30: "30 minutes before",
  60: "1 hour before",
  120: "2 hours before",
  1440: "1 day before",
};

/** "15 minutes before", the words for a reminder's lead time. */
export function describeReminder(minutes: number): string {
  return BEFORE[minutes as ReminderMinutes] ?? `${minutes} minutes before`;
}

/** The notification's text: the title, and when the task is due in the device's own clock. */
export function reminderText(task: Task, at: number): { title: string; body: string } {
  const due = at + (task.reminderMinutes ?? 0) * 60_000;
  const time = new Date(due).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return { title: task.title, body: task.reminderMinutes ? `Due at ${time}` : `Due now (${time})` };
}
