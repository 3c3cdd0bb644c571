import { describe, expect, it } from "vitest";
import { draftOf, firstDue, ruleOf } from "./recurrence-form";

describe("the recurrence editor's fields", () => {
  it("start a new rule from the due day: its weekday and its day of the month", () => {
    expect(draftOf(null, "2026-12-09")).toMatchObject({ freq: "", byDay: ["WE"], monthDay: 9 });
  });

  it("read a stored rule back to the same rule, UNTIL or COUNT kept", () => {
    for (const rule of [
      "FREQ=DAILY",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR",
      "FREQ=MONTHLY;BYMONTHDAY=31;UNTIL=20271231",
      "FREQ=YEARLY;COUNT=3",
    ]) {
      expect(ruleOf(draftOf(rule, "2026-12-09"))).toBe(rule);
    }
  });

  it("write weekdays in the week's order and a monthly day", () => {
    const draft = draftOf(null, "2026-12-09");
    expect(ruleOf({ ...draft, freq: "WEEKLY", byDay: ["FR", "MO"] })).toBe(
      "FREQ=WEEKLY;BYDAY=MO,FR",
    );
    expect(ruleOf({ ...draft, freq: "MONTHLY", interval: 3 })).toBe(
      "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=9",
    );
    expect(ruleOf({ ...draft, freq: "" })).toBeNull();
  });

  it("put a rule without a due date on its first day from today", () => {
    expect(firstDue("FREQ=WEEKLY;BYDAY=MO", "2026-12-09")).toBe("2026-12-14");
    expect(firstDue("FREQ=MONTHLY;BYMONTHDAY=1", "2026-12-09")).toBe("2027-01-01");
    expect(firstDue("FREQ=DAILY", "2026-12-09")).toBe("2026-12-09");
  });
});
