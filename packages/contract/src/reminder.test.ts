import { describe, expect, it } from "vitest";
import { isTimeZone, reminderInstant, timingProblem, wallClockInstant } from "./reminder.js";

describe("wallClockInstant", () => {
  it("reads a wall-clock time in its zone, in winter and in summer", () => {
    expect(new Date(wallClockInstant("2027-01-15", "09:30", "Europe/Paris")).toISOString()).toBe(
      "2027-01-15T08:30:00.000Z",
    );
    expect(new Date(wallClockInstant("2027-07-15", "09:30", "Europe/Paris")).toISOString()).toBe(
      "2027-07-15T07:30:00.000Z",
    );
    expect(
      new Date(wallClockInstant("2027-07-15", "23:45", "America/New_York")).toISOString(),
    ).toBe("2027-07-16T03:45:00.000Z");
  });

  it("keeps the wall-clock time on both sides of a daylight-saving change", () => {
    // Paris moves from +01:00 to +02:00 on 2027-03-28 at 02:00.
    expect(new Date(wallClockInstant("2027-03-27", "09:30", "Europe/Paris")).toISOString()).toBe(
      "2027-03-27T08:30:00.000Z",
    );
    expect(new Date(wallClockInstant("2027-03-28", "09:30", "Europe/Paris")).toISOString()).toBe(
      "2027-03-28T07:30:00.000Z",
    );
  });

  it("moves a time the clocks skip an hour later, and takes the first of a repeated one", () => {
    expect(new Date(wallClockInstant("2027-03-28", "02:30", "Europe/Paris")).toISOString()).toBe(
      "2027-03-28T01:30:00.000Z",
    );
    // 2027-10-31 02:30 happens twice in Paris: first at +02:00.
    expect(new Date(wallClockInstant("2027-10-31", "02:30", "Europe/Paris")).toISOString()).toBe(
      "2027-10-31T00:30:00.000Z",
    );
  });
});

describe("reminderInstant", () => {
  it("is the due instant minus the reminder, or undefined without a reminder", () => {
    const task = {
      dueDate: "2027-01-15",
      dueTime: "09:30",
      timeZone: "UTC",
      reminderMinutes: 15,
    };
    expect(new Date(reminderInstant(task) ?? 0).toISOString()).toBe("2027-01-15T09:15:00.000Z");
    expect(reminderInstant({ ...task, reminderMinutes: null })).toBeUndefined();
  });
});

describe("timing rules", () => {
  it("a time needs a date and a zone; a reminder needs a time", () => {
    expect(timingProblem({ dueDate: "2027-01-01", dueTime: "09:00", timeZone: "UTC" })).toBe(
      undefined,
    );
    expect(timingProblem({ dueTime: "09:00", timeZone: "UTC" })).toMatch(/dueDate/);
    expect(timingProblem({ dueDate: "2027-01-01", dueTime: "09:00" })).toMatch(/timeZone/);
    expect(timingProblem({ dueDate: "2027-01-01", reminderMinutes: 0 })).toMatch(/dueTime/);
  });

  it("knows IANA zone names and refuses the rest", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("America/Argentina/Buenos_Aires")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("+01:00")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});
