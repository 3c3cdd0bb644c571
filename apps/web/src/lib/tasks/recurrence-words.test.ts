import { describe, expect, it } from "vitest";
import { describeRecurrence } from "./recurrence-words";

describe("describeRecurrence", () => {
  const table: [string, string][] = [
    ["FREQ=DAILY", "Every day"],
    ["FREQ=WEEKLY;BYDAY=MO", "Every week on Mon"],
    ["FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "Every 2 weeks on Mon"],
    ["FREQ=WEEKLY;BYDAY=MO,TH,FR", "Every week on Mon, Thu and Fri"],
    ["FREQ=MONTHLY;BYMONTHDAY=1", "Every month on the 1st"],
    ["FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=22", "Every 3 months on the 22nd"],
    ["FREQ=MONTHLY;BYMONTHDAY=13", "Every month on the 13th"],
    ["FREQ=MONTHLY;BYMONTHDAY=-1", "Every month on the last day"],
    ["FREQ=YEARLY;UNTIL=20301231", "Every year, until 2030-12-31"],
    ["FREQ=DAILY;COUNT=1", "Every day, 1 more time"],
    ["FREQ=HOURLY", "Repeats"],
  ];
  for (const [rule, words] of table) {
    it(`says ${rule} as "${words}"`, () => expect(describeRecurrence(rule)).toBe(words));
  }
});
