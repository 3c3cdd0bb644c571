import { nextRule, parseRecurrence, type Weekday } from "@todo/contract";
// rrule ships CommonJS (UMD) only: Node gives its exports as the default import.
import rrule from "rrule";

const { RRule } = rrule;

const FREQ = {
  DAILY: RRule.DAILY,
  WEEKLY: RRule.WEEKLY,
  MONTHLY: RRule.MONTHLY,
  YEARLY: RRule.YEARLY,
} as const;

const WEEKDAY: Record<Weekday, InstanceType<typeof rrule.Weekday>> = {
  MO: RRule.MO,
  TU: RRule.TU,
  WE: RRule.WE,
  TH: RRule.TH,
  FR: RRule.FR,
  SA: RRule.SA,
  SU: RRule.SU,
};

/** A calendar date as UTC midnight: the rule runs on days, so no time zone shifts a date. */
function utcDay(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

export interface NextOccurrence {
  readonly dueDate: string;
  /** The rule the next occurrence carries (COUNT one lower). */
  readonly recurrence: string;
}

/**
 * The occurrence after the one due on `dueDate`, or null when the series is over (UNTIL passed,
 * COUNT spent). Dates the rule names but the calendar lacks (the 31st in April, 29 February in a
 * common year) are skipped, as RFC 5545 §3.3.10 requires; BYMONTHDAY=-1 is the month's last day.
 */
export function nextOccurrence(rule: string, dueDate: string): NextOccurrence | null {
  const recurrence = parseRecurrence(rule);
  // Stored rules passed the same parser on the way in; a failure here is a broken row.
  if (typeof recurrence === "string")
    throw new Error(`Stored recurrence is invalid: ${recurrence}`);
  if (recurrence.count !== null && recurrence.count <= 1) return null;
  const start = utcDay(dueDate);
  const options: ConstructorParameters<typeof RRule>[0] = {
    freq: FREQ[recurrence.freq],
    interval: recurrence.interval,
    dtstart: start,
  };
  if (recurrence.byDay.length > 0) options.byweekday = recurrence.byDay.map((d) => WEEKDAY[d]);
  if (recurrence.byMonthDay.length > 0) options.bymonthday = [...recurrence.byMonthDay];
  if (recurrence.until !== null) options.until = utcDay(recurrence.until);
  const next = new RRule(options).after(start, false);
  if (next === null) return null;
  return { dueDate: next.toISOString().slice(0, 10), recurrence: nextRule(rule, recurrence) };
}
