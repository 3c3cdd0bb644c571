import type { Weekday } from "@todo/contract";

/** A day of the calendar, YYYY-MM-DD: the form due dates take. */
export type Day = string;

const pad = (n: number) => String(n).padStart(2, "0");

/** The wall clock in the zone at that instant, as a Date whose local fields read it. */
export function wallClock(now: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    hourCycle: "h23",
  }).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((part) => part.type === type)?.value);
  return new Date(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
}

/** The day a Date's local fields name. */
export function dayOf(date: Date): Day {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Calendar arithmetic on days only (UTC inside, so no zone's daylight saving can shift it). */
export function addDays(day: Day, days: number): Day {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const WEEK: readonly Weekday[] = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

export function weekdayOf(day: Day): Weekday {
  return WEEK[new Date(`${day}T00:00:00Z`).getUTCDay()] as Weekday;
}

/** The first day on or after `from` that falls on one of the weekdays. */
export function nextWeekday(from: Day, days: readonly Weekday[]): Day {
  let day = from;
  while (!days.includes(weekdayOf(day))) day = addDays(day, 1);
  return day;
}

/** The first day on or after `from` that is that day of its month (skipping months without it). */
export function nextMonthDay(from: Day, monthDay: number): Day {
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (;;) {
    const candidate = `${year}-${pad(month)}-${pad(monthDay)}`;
    const real = new Date(`${candidate}T00:00:00Z`).getUTCDate() === monthDay;
    if (real && candidate >= from) return candidate;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}
