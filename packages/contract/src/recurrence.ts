import { z } from "zod";

export const RECURRENCE_MAX_LENGTH = 200;
export const RECURRENCE_INTERVAL_MAX = 999;
export const RECURRENCE_COUNT_MAX = 1000;

export const FREQUENCIES = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A parsed rule of the subset the API accepts (RFC 5545 §3.3.10). */
export interface Recurrence {
  readonly freq: Frequency;
  readonly interval: number;
  readonly byDay: readonly Weekday[];
  /** 1…31, or -1 for the last day of the month. */
  readonly byMonthDay: readonly number[];
  /** Last possible occurrence, YYYY-MM-DD. */
  readonly until: string | null;
  /** Occurrences left, this one included. */
  readonly count: number | null;
}

const WHOLE = /^[1-9][0-9]{0,3}$/;
const DATE = /^(\d{4})(\d{2})(\d{2})$/;

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

function list<T>(raw: string, item: (part: string) => T | undefined): T[] | undefined {
  const parts = raw.split(",");
  const out: T[] = [];
  for (const part of parts) {
    const value = item(part);
    if (value === undefined || out.includes(value)) return undefined;
    out.push(value);
  }
  return out;
}

/**
 * Parses the accepted subset strictly: `FREQ` first-class, `INTERVAL`, `BYDAY` (weekly only, plain
 * weekdays), `BYMONTHDAY` (monthly only), `UNTIL` as a DATE (due dates are days) or `COUNT`, never
 * both (RFC 5545 §3.3.10 forbids it). Anything else, a repeated part included, is an error: the
 * string is stored and read back, so what is stored is only ever what this function understands.
 */
export function parseRecurrence(rule: string): Recurrence | string {
  if (rule.length > RECURRENCE_MAX_LENGTH) return `at most ${RECURRENCE_MAX_LENGTH} characters`;
  const parts = new Map<string, string>();
  for (const part of rule.split(";")) {
    const at = part.indexOf("=");
    const key = part.slice(0, at);
    if (at <= 0 || parts.has(key)) return "parts are KEY=value, each key once";
    parts.set(key, part.slice(at + 1));
  }
  const freq = parts.get("FREQ");
  if (!freq || !(FREQUENCIES as readonly string[]).includes(freq)) {
    return "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY";
  }
  let interval = 1;
  let count: number | null = null;
  let until: string | null = null;
  let byDay: Weekday[] = [];
  let byMonthDay: number[] = [];
  for (const [key, value] of parts) {
    switch (key) {
      case "FREQ":
        break;
      case "INTERVAL":
        if (!WHOLE.test(value) || Number(value) > RECURRENCE_INTERVAL_MAX) {
          return `INTERVAL must be 1 to ${RECURRENCE_INTERVAL_MAX}`;
        }
        interval = Number(value);
        break;
      case "COUNT":
        if (!WHOLE.test(value) || Number(value) > RECURRENCE_COUNT_MAX) {
          return `COUNT must be 1 to ${RECURRENCE_COUNT_MAX}`;
        }
        count = Number(value);
        break;
      case "UNTIL": {
        const match = DATE.exec(value);
        if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
          return "UNTIL must be a date as YYYYMMDD";
        }
        until = `${match[1]}-${match[2]}-${match[3]}`;
        break;
      }
      case "BYDAY": {
        if (freq !== "WEEKLY") return "BYDAY is for FREQ=WEEKLY only";
        const days = list(value, (d) => WEEKDAYS.find((w) => w === d));
        if (!days) return "BYDAY must list distinct weekdays (MO,TU,WE,TH,FR,SA,SU)";
        byDay = days;
        break;
      }
      case "BYMONTHDAY": {
        if (freq !== "MONTHLY") return "BYMONTHDAY is for FREQ=MONTHLY only";
        const days = list(value, (d) =>
          d === "-1" ? -1 : WHOLE.test(d) && Number(d) <= 31 ? Number(d) : undefined,
        );
        if (!days) return "BYMONTHDAY must list distinct days 1 to 31, or -1 for the last";
        byMonthDay = days;
        break;
      }
      default:
        return "only FREQ, INTERVAL, BYDAY, BYMONTHDAY, UNTIL and COUNT are supported";
    }
  }
  if (count !== null && until !== null) return "give UNTIL or COUNT, not both";
  return { freq: freq as Frequency, interval, byDay, byMonthDay, until, count };
}

export const RecurrenceSchema = z
  .string()
  .max(RECURRENCE_MAX_LENGTH)
  .superRefine((rule, ctx) => {
    const parsed = parseRecurrence(rule);
    if (typeof parsed === "string") {
      ctx.addIssue({ code: "custom", message: `Recurrence: ${parsed}` });
    }
  })
  .meta({
    description:
      "An RFC 5545 RRULE subset: FREQ=DAILY|WEEKLY|MONTHLY|YEARLY; INTERVAL; BYDAY (weekly); BYMONTHDAY (monthly, -1 = last day); UNTIL=YYYYMMDD or COUNT (occurrences left, this one included). Needs a dueDate.",
    example: "FREQ=WEEKLY;BYDAY=MO",
  });

/** The rule for the occurrence after this one: COUNT goes down by one, the rest stays. */
export function nextRule(rule: string, recurrence: Recurrence): string {
  if (recurrence.count === null) return rule;
  return rule.replace(/(^|;)COUNT=\d+/, `$1COUNT=${recurrence.count - 1}`);
}
