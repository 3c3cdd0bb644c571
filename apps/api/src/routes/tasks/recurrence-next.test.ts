import { parseRecurrence } from "@todo/contract";
import { describe, expect, it } from "vitest";
import { nextOccurrence } from "./recurrence-next.js";

describe("nextOccurrence", () => {
  it.each([
    ["FREQ=DAILY", "2027-03-10", "2027-03-11"],
    ["FREQ=DAILY;INTERVAL=3", "2027-12-30", "2028-01-02"],
    ["FREQ=WEEKLY", "2027-03-10", "2027-03-17"],
    ["FREQ=WEEKLY;INTERVAL=2", "2027-03-10", "2027-03-24"],
    // Wednesday 10 March: the next Monday or Friday is Friday 12th.
    ["FREQ=WEEKLY;BYDAY=MO,FR", "2027-03-10", "2027-03-12"],
    ["FREQ=WEEKLY;BYDAY=MO", "2027-03-15", "2027-03-22"],
    ["FREQ=MONTHLY", "2027-03-10", "2027-04-10"],
    ["FREQ=MONTHLY;BYMONTHDAY=1", "2027-03-10", "2027-04-01"],
    // Month ends: the 31st skips months without one (RFC 5545 §3.3.10).
    ["FREQ=MONTHLY", "2027-01-31", "2027-03-31"],
    ["FREQ=MONTHLY;BYMONTHDAY=31", "2027-03-31", "2027-05-31"],
    // The last day of every month, whatever its length.
    ["FREQ=MONTHLY;BYMONTHDAY=-1", "2027-01-31", "2027-02-28"],
    ["FREQ=MONTHLY;BYMONTHDAY=-1", "2028-01-31", "2028-02-29"],
    ["FREQ=MONTHLY;BYMONTHDAY=-1", "2028-02-29", "2028-03-31"],
    ["FREQ=MONTHLY;BYMONTHDAY=15,-1", "2027-04-15", "2027-04-30"],
    // Leap days: 29 February comes back in the next leap year.
    ["FREQ=YEARLY", "2028-02-29", "2032-02-29"],
    ["FREQ=YEARLY", "2027-12-31", "2028-12-31"],
    ["FREQ=DAILY", "2028-02-28", "2028-02-29"],
  ])("%s after %s is %s", (rule, due, next) => {
    expect(nextOccurrence(rule, due)?.dueDate).toBe(next);
  });

  it("ends the series after UNTIL, and keeps an occurrence on UNTIL itself", () => {
    expect(nextOccurrence("FREQ=DAILY;UNTIL=20270312", "2027-03-11")?.dueDate).toBe("2027-03-12");
    expect(nextOccurrence("FREQ=DAILY;UNTIL=20270312", "2027-03-12")).toBeNull();
    expect(nextOccurrence("FREQ=WEEKLY;UNTIL=20270316", "2027-03-10")).toBeNull();
  });

  it("counts COUNT down with each occurrence and ends the series at one", () => {
    expect(nextOccurrence("FREQ=WEEKLY;COUNT=3;BYDAY=MO", "2027-03-15")).toEqual({
      dueDate: "2027-03-22",
      recurrence: "FREQ=WEEKLY;COUNT=2;BYDAY=MO",
    });
    expect(nextOccurrence("COUNT=2;FREQ=DAILY", "2027-03-15")?.recurrence).toBe(
      "COUNT=1;FREQ=DAILY",
    );
    expect(nextOccurrence("FREQ=DAILY;COUNT=1", "2027-03-15")).toBeNull();
  });
});

describe("parseRecurrence", () => {
  it.each([
    "",
    "FREQ=HOURLY",
    "FREQ=DAILY;FREQ=DAILY",
    "FREQ=DAILY;BYDAY=MO",
    "FREQ=WEEKLY;BYDAY=1MO",
    "FREQ=WEEKLY;BYDAY=MO,MO",
    "FREQ=WEEKLY;BYMONTHDAY=1",
    "FREQ=MONTHLY;BYMONTHDAY=32",
    "FREQ=MONTHLY;BYMONTHDAY=0",
    "FREQ=MONTHLY;BYMONTHDAY=-2",
    "FREQ=DAILY;INTERVAL=0",
    "FREQ=DAILY;INTERVAL=1000",
    "FREQ=DAILY;INTERVAL=01",
    "FREQ=DAILY;COUNT=0",
    "FREQ=DAILY;COUNT=2;UNTIL=20271231",
    "FREQ=DAILY;UNTIL=20270230",
    "FREQ=DAILY;UNTIL=20270230T000000Z",
    "FREQ=DAILY;BYSETPOS=1",
    "freq=daily",
    "FREQ=DAILY;",
    "RRULE:FREQ=DAILY",
    `FREQ=DAILY;${"X".repeat(200)}`,
  ])("refuses %j", (rule) => {
    expect(typeof parseRecurrence(rule)).toBe("string");
  });

  it("reads every part of the subset", () => {
    expect(parseRecurrence("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=1,-1;UNTIL=20281231")).toEqual({
      freq: "MONTHLY",
      interval: 2,
      byDay: [],
      byMonthDay: [1, -1],
      until: "2028-12-31",
      count: null,
    });
  });
});
