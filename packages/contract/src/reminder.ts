import { z } from "zod";

/**
 * A due time and a reminder before it (docs/decisions/0031-due-time-and-reminders.md).
 *
 * The time is a wall-clock time in a named IANA time zone, not an instant: "09:00 in
 * Europe/Paris" stays 09:00 across a daylight-saving change, on every device, and a recurring
 * task's next occurrence keeps it. The instant to remind at is computed from the three by
 * whoever schedules the reminder (`reminderInstant`).
 */

/** HH:MM, 24-hour clock. */
export const DueTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Due time must be a time as HH:MM (00:00 to 23:59)");

export const TIME_ZONE_MAX_LENGTH = 64;

/** True when this runtime knows the zone by that name (Intl, the IANA database it ships). */
export function isTimeZone(name: string): boolean {
  // Names only ("Europe/Paris", "UTC"): offsets like "+01:00" have no daylight-saving rules.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneSchema = z
  .string()
  .max(TIME_ZONE_MAX_LENGTH, `Time zone must be at most ${TIME_ZONE_MAX_LENGTH} characters`)
  .refine(isTimeZone, "Time zone must be an IANA time zone name, such as Europe/Paris")
  .meta({ description: "IANA time zone of dueTime, such as Europe/Paris" });

/** How long before the due time to remind: a short fixed menu, so nothing unbounded is stored. */
export const REMINDER_MINUTES = [0, 5, 10, 15, 30, 60, 120, 1440] as const;
export type ReminderMinutes = (typeof REMINDER_MINUTES)[number];

export const ReminderMinutesSchema = z
  .number()
  .int()
  .refine((value) => (REMINDER_MINUTES as readonly number[]).includes(value), {
    message: `Reminder must be one of ${REMINDER_MINUTES.join(", ")} minutes before the due time`,
  })
  .meta({ description: `Minutes before the due time: one of ${REMINDER_MINUTES.join(", ")}` });

interface Timed {
  readonly dueDate?: string | null | undefined;
  readonly dueTime?: string | null | undefined;
  readonly timeZone?: string | null | undefined;
  readonly reminderMinutes?: number | null | undefined;
}

/**
 * Why these fields do not go together, or undefined when they do: a due time needs a due date
 * and its time zone; a reminder needs a due time. The API checks the task as it would be after
 * a write; the create and import schemas check the body.
 */
export function timingProblem(task: Timed): string | undefined {
  const time = task.dueTime ?? null;
  if (time !== null && (task.dueDate ?? null) === null) return "A due time needs a dueDate";
  if (time !== null && (task.timeZone ?? null) === null) return "A due time needs a timeZone";
  if ((task.reminderMinutes ?? null) !== null && time === null) return "A reminder needs a dueTime";
  return undefined;
}

/** The zone's offset from UTC at `instant`, in minutes (Paris in summer: 120). */
function offsetMinutes(timeZone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((asUtc - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/**
 * The instant (ms since the epoch) of a wall-clock date and time in a zone. A time skipped by a
 * daylight-saving change (02:30 on the spring-forward night) becomes the same time an hour
 * later; a time that happens twice takes the first.
 */
export function wallClockInstant(date: string, time: string, timeZone: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const naive = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
  // The offsets in force half a day either side: a change of offset happens at most once a day.
  const before = naive - offsetMinutes(timeZone, naive - HALF_DAY) * 60_000;
  const after = naive - offsetMinutes(timeZone, naive + HALF_DAY) * 60_000;
  const reads = (instant: number) => instant + offsetMinutes(timeZone, instant) * 60_000 === naive;
  const candidates = [before, after].filter(reads);
  // None reads back: the time was skipped; the earlier offset lands it an hour later.
  return candidates.length > 0 ? Math.min(...candidates) : before;
}

const HALF_DAY = 12 * 60 * 60_000;

/** When to remind of a task, or undefined when it has no reminder. */
export function reminderInstant(task: Timed): number | undefined {
  const { dueDate, dueTime, timeZone, reminderMinutes } = task;
  if (!dueDate || !dueTime || !timeZone || reminderMinutes == null) return undefined;
  return wallClockInstant(dueDate, dueTime, timeZone) - reminderMinutes * 60_000;
}
