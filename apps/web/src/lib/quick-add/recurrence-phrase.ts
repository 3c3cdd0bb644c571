import { type Frequency, WEEKDAYS, type Weekday } from "@todo/contract";
import { type Day, nextMonthDay, nextWeekday } from "./calendar";

/** The weekday names quick add understands, full and short. */
const DAY_NAMES: Record<string, Weekday> = {
  monday: "MO",
  mon: "MO",
  tuesday: "TU",
  tue: "TU",
  tues: "TU",
  wednesday: "WE",
  wed: "WE",
  thursday: "TH",
  thu: "TH",
  thurs: "TH",
  friday: "FR",
  fri: "FR",
  saturday: "SA",
  sat: "SA",
  sunday: "SU",
  sun: "SU",
};
const DAY = `(?:${Object.keys(DAY_NAMES)
  .sort((a, b) => b.length - a.length)
  .join("|")})`;
const UNITS: Record<string, Frequency> = {
  day: "DAILY",
  week: "WEEKLY",
  month: "MONTHLY",
  year: "YEARLY",
};

// "every monday", "every mon and thu", "every weekday", "every 2 weeks", "every other week on
// fri", "every month on the 1st": the rule phrase, a token like `!high` (dates are chrono's).
const EVERY_DAYS = new RegExp(
  `\\bevery\\s+(weekday|${DAY}(?:(?:\\s*,\\s*|\\s+and\\s+)${DAY})*)\\b`,
  "i",
);
const EVERY_UNIT = new RegExp(
  `\\bevery\\s+(?:(\\d{1,3}|other)\\s+)?(day|week|month|year)s?` +
    `(?:\\s+on\\s+(?:the\\s+)?(?:(\\d{1,2})(?:st|nd|rd|th)\\b|(${DAY}(?:(?:\\s*,\\s*|\\s+and\\s+)${DAY})*)\\b))?`,
  "i",
);

export interface RecurrencePhrase {
  readonly start: number;
  readonly end: number;
  /** The RRULE (the API's subset). */
  readonly rule: string;
  /** The first occurrence on or after today: the task's due date. */
  readonly first: Day;
  readonly freq: Frequency;
}

function weekdays(list: string): Weekday[] {
  const days = list
    .split(/\s*,\s*|\s+and\s+/i)
    .map((name) => DAY_NAMES[name.toLowerCase()])
    .filter((day): day is Weekday => day !== undefined);
  return WEEKDAYS.filter((day) => days.includes(day));
}

function rule(freq: Frequency, interval: number, part?: string): string {
  return [
    `FREQ=${freq}`,
    ...(interval > 1 ? [`INTERVAL=${interval}`] : []),
    ...(part ? [part] : []),
  ].join(";");
}

/** The first "every …" phrase in the text, with its rule and first occurrence from `today`. */
export function findRecurrence(text: string, today: Day): RecurrencePhrase | undefined {
  const byDays = EVERY_DAYS.exec(text);
  const byUnit = EVERY_UNIT.exec(text);
  const match = [byDays, byUnit]
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => a.index - b.index)[0];
  if (!match) return undefined;
  const at = { start: match.index, end: match.index + match[0].length };
  if (match === byDays) {
    const days =
      match[1]?.toLowerCase() === "weekday"
        ? (WEEKDAYS.slice(0, 5) as Weekday[])
        : weekdays(match[1] ?? "");
    const first = nextWeekday(today, days);
    return { ...at, freq: "WEEKLY", rule: rule("WEEKLY", 1, `BYDAY=${days.join(",")}`), first };
  }
  const [, count, unit, monthDay, dayList] = match;
  const freq = UNITS[(unit ?? "").toLowerCase()] as Frequency;
  const interval = count === undefined ? 1 : count.toLowerCase() === "other" ? 2 : Number(count);
  if (interval < 1) return undefined;
  const day = Number(monthDay);
  if (freq === "MONTHLY" && monthDay !== undefined && day >= 1 && day <= 31) {
    return {
      ...at,
      freq,
      rule: rule(freq, interval, `BYMONTHDAY=${day}`),
      first: nextMonthDay(today, day),
    };
  }
  if (freq === "WEEKLY" && dayList !== undefined) {
    const days = weekdays(dayList);
    return {
      ...at,
      freq,
      rule: rule(freq, interval, `BYDAY=${days.join(",")}`),
      first: nextWeekday(today, days),
    };
  }
  // "on the 5th" with a unit that takes no day of the month: the phrase ends before "on".
  const on = monthDay !== undefined || dayList !== undefined ? match[0].search(/\s+on\s/i) : -1;
  const end = on > 0 ? at.start + on : at.end;
  return { start: at.start, end, freq, rule: rule(freq, interval), first: today };
}
