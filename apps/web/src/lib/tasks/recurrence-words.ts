import { parseRecurrence, type Recurrence, type Weekday } from "@todo/contract";

const UNIT = { DAILY: "day", WEEKLY: "week", MONTHLY: "month", YEARLY: "year" } as const;
const DAY_NAMES: Record<Weekday, string> = {
  MO: "Mon",
  TU: "Tue",
  WE: "Wed",
  TH: "Thu",
  FR: "Fri",
  SA: "Sat",
  SU: "Sun",
};

function ordinal(day: number): string {
  if (day === -1) return "the last day";
  const tens = day % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][day % 10] ?? "th");
  return `the ${day}${suffix}`;
}

function list(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? "")
    : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** A parsed rule in words: "Every 2 weeks on Mon and Thu", "Every month on the 1st". */
function recurrenceInWords(rule: Recurrence): string {
  const unit = UNIT[rule.freq];
  let words = rule.interval === 1 ? `Every ${unit}` : `Every ${rule.interval} ${unit}s`;
  if (rule.byDay.length > 0) words += ` on ${list(rule.byDay.map((day) => DAY_NAMES[day]))}`;
  if (rule.byMonthDay.length > 0) words += ` on ${list(rule.byMonthDay.map(ordinal))}`;
  if (rule.until) words += `, until ${rule.until}`;
  if (rule.count !== null) words += `, ${rule.count} more ${rule.count === 1 ? "time" : "times"}`;
  return words;
}

/** A stored rule in words ("Repeats" for one this page cannot read). */
export function describeRecurrence(rule: string): string {
  const parsed = parseRecurrence(rule);
  return typeof parsed === "string" ? "Repeats" : recurrenceInWords(parsed);
}
