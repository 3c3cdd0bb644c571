import type { Task } from "@todo/contract";
import { describe, expect, it } from "vitest";
import { aTask } from "@/test/task";
import { describeReminder, LATE_GRACE_MS, plannedReminders } from "./schedule";

let serial = 0;
const at = "2027-01-01T00:00:00.000Z";
const task = (fields: Partial<Task>): Task =>
  aTask(++serial, {
    dueDate: "2027-03-10",
    dueTime: "09:30",
    timeZone: "UTC",
    reminderMinutes: 15,
    createdAt: at,
    updatedAt: at,
    ...fields,
  });

const NINE = Date.parse("2027-03-10T09:00:00Z");

describe("plannedReminders", () => {
  it("lists the open tasks' reminders soonest first, at the due time minus the reminder", () => {
    const later = task({ dueTime: "11:00", reminderMinutes: 60 });
    const sooner = task({ dueTime: "09:30", reminderMinutes: 15 });
    const planned = plannedReminders([later, sooner], NINE);
    expect(planned.map((p) => [p.task.id, new Date(p.at).toISOString()])).toEqual([
      [sooner.id, "2027-03-10T09:15:00.000Z"],
      [later.id, "2027-03-10T10:00:00.000Z"],
    ]);
    expect(planned[0]?.tag).toBe(`reminder:${sooner.id}:${planned[0]?.at}`);
  });

  it("leaves out completed tasks, drafts, tasks without a reminder and long-missed ones", () => {
    const planned = plannedReminders(
      [
        task({ completed: true }),
        task({ id: "pending-1" }),
        task({ reminderMinutes: null }),
        task({ dueTime: null, timeZone: null, reminderMinutes: null }),
        task({ dueTime: "08:00", reminderMinutes: 0 }),
      ],
      NINE,
    );
    expect(planned).toEqual([]);
  });

  it("still shows a reminder missed by less than the grace period, once per task", () => {
    const late = task({ dueTime: "09:00", reminderMinutes: 0 });
    const planned = plannedReminders([late, late], NINE + LATE_GRACE_MS - 1);
    expect(planned).toHaveLength(1);
  });
});

describe("describeReminder", () => {
  it("names each lead time of the menu", () => {
    expect(describeReminder(0)).toBe("at the time");
    expect(describeReminder(60)).toBe("1 hour before");
    expect(describeReminder(1440)).toBe("1 day before");
  });
});
