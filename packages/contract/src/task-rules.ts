import type { z } from "zod";
import { timingProblem } from "./reminder.js";

/** The fields the rules look at, in a task body as the create and import schemas read it. */
interface RuledTask {
  readonly dueDate?: string | null | undefined;
  readonly dueTime?: string | null | undefined;
  readonly timeZone?: string | null | undefined;
  readonly reminderMinutes?: number | null | undefined;
  readonly recurrence?: string | null | undefined;
}

/**
 * The rules a whole task body follows, beyond each field's own: a recurring task needs a
 * `dueDate`; a due time needs its date and zone, a reminder its due time (`timingProblem`).
 * Creating a task and importing one apply the same; a PATCH checks the task as it would be
 * after the write instead (docs/decisions/0025-tags-subtasks-recurrence.md,
 * docs/decisions/0031-due-time-and-reminders.md).
 */
export function withTaskRules<T extends z.ZodType<RuledTask>>(schema: T): T {
  return schema
    .refine((task) => !task.recurrence || task.dueDate, {
      message: "A recurring task needs a dueDate",
      path: ["dueDate"],
    })
    .superRefine((task, context) => {
      const problem = timingProblem(task);
      if (problem) context.addIssue({ code: "custom", message: problem, path: ["dueTime"] });
    });
}
