import type { Kysely, Migration } from "kysely";

/**
 * 0009: a due time and a reminder (docs/decisions/0031-due-time-and-reminders.md).
 *
 * - `due_time`: wall-clock HH:MM on the due date, or null;
 * - `time_zone`: the IANA zone that time is in (the API validates the name);
 * - `reminder_minutes`: how long before the due time to remind, or null for none.
 * Existing tasks have none of the three: nothing to fill in.
 */
export const remindersMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("task").addColumn("due_time", "text").execute();
    await db.schema.alterTable("task").addColumn("time_zone", "text").execute();
    await db.schema.alterTable("task").addColumn("reminder_minutes", "integer").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("task").dropColumn("reminder_minutes").execute();
    await db.schema.alterTable("task").dropColumn("time_zone").execute();
    await db.schema.alterTable("task").dropColumn("due_time").execute();
  },
};
