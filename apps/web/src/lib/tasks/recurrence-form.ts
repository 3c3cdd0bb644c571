import { type Frequency, parseRecurrence, WEEKDAYS, type Weekday } from "@todo/contract";
import { type Day, nextMonthDay, nextWeekday, weekdayOf } from "@/lib/quick-add/calendar";

/** The editor's fields for a rule; UNTIL and COUNT are kept as they were (`tail`). */
export interface RecurrenceDraft {
  readonly freq: Frequency | "";
  readonly interval: number;
  readonly byDay: readonly Weekday[];
  readonly monthDay: number;
  readonly tail: string;
}

/** The fields for a stored rule; for none, fields that start from the task's due day. */
export function draftOf(rule: string | null, due: Day): RecurrenceDraft {
  const parsed = rule === null ? undefined : parseRecurrence(rule);
  const base = { interval: 1, byDay: [weekdayOf(due)], monthDay: Number(due.slice(8, 10)) };
  if (parsed === undefined || typeof parsed === "string") return { ...base, freq: "", tail: "" };
  const tail = parsed.until
    ? `;UNTIL=${parsed.until.replaceAll("-", "")}`
    : parsed.count !== null
      ? `;COUNT=${parsed.count}`
      : "";
  return {
    freq: parsed.freq,
    interval: parsed.interval,
    byDay: parsed.byDay.length > 0 ? parsed.byDay : base.byDay,
    monthDay: parsed.byMonthDay[0] ?? base.monthDay,
    tail,
  };
}

/** The RRULE the fields say, or null for "does not repeat". */
export function ruleOf(draft: RecurrenceDraft): string | null {
  if (draft.freq === "") return null;
  const parts = [`FREQ=${draft.freq}`];
  if (draft.interval > 1) parts.push(`INTERVAL=${draft.interval}`);
  if (draft.freq === "WEEKLY" && draft.byDay.length > 0) {
    parts.push(`BYDAY=${WEEKDAYS.filter((day) => draft.byDay.includes(day)).join(",")}`);
  }
  if (draft.freq === "MONTHLY") parts.push(`BYMONTHDAY=${draft.monthDay}`);
  return parts.join(";") + draft.tail;
}

/** Where a rule starts when the task has no due date yet: its first day on or after today. */
export function firstDue(rule: string, today: Day): Day {
  const parsed = parseRecurrence(rule);
  if (typeof parsed === "string") return today;
  if (parsed.byDay.length > 0) return nextWeekday(today, parsed.byDay);
  const monthDay = parsed.byMonthDay[0];
  return monthDay !== undefined && monthDay > 0 ? nextMonthDay(today, monthDay) : today;
}
