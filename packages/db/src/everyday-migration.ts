import { positionsAfter } from "@todo/contract/position";
import { type Kysely, type Migration, sql } from "kysely";

type Kind = "sqlite" | "postgres";

/**
 * 0008: tags, subtasks, recurring tasks and manual order (docs/decisions/0025-tags-subtasks-recurrence.md).
 *
 * - `tags`: the JSON text of the task's tags as written; `tag_keys`: the lower-cased keys between
 *   newlines, what a tag filter matches (one column on both databases, no join per page).
 * - `parent_id`: the task this one is a subtask of. The foreign key deletes a parent's subtasks
 *   with it, in the database. One level and the same list are the API's rules.
 * - `subtask_count`, `subtasks_completed`: a parent's progress, written with each subtask change,
 *   so a page of tasks reads them from its own rows.
 * - `recurrence`: an RFC 5545 RRULE of the subset the API accepts, or null.
 * - `position`: the task's place in its list's manual order, a fractional index key compared byte
 *   by byte (`collate "C"` on PostgreSQL; SQLite compares text as bytes already). Existing tasks get
 *   keys in their list's creation order.
 */
export function everydayMigration(kind: Kind): Migration {
  const pg = kind === "postgres";
  const up = async (db: Kysely<unknown>) => {
    const task = () => db.schema.alterTable("task");
    await task()
      .addColumn("tags", "text", (col) => col.notNull().defaultTo("[]"))
      .execute();
    await task()
      .addColumn("tag_keys", "text", (col) => col.notNull().defaultTo(""))
      .execute();
    // SQLite adds a column with a foreign key in place when its default is null.
    await task()
      .addColumn("parent_id", pg ? "uuid" : "text", (col) =>
        col.references("task.id").onDelete("cascade"),
      )
      .execute();
    await task()
      .addColumn("subtask_count", "integer", (col) => col.notNull().defaultTo(0))
      .execute();
    await task()
      .addColumn("subtasks_completed", "integer", (col) => col.notNull().defaultTo(0))
      .execute();
    await task().addColumn("recurrence", "text").execute();
    await task()
      .addColumn("position", pg ? sql`text collate "C"` : "text", (col) =>
        col.notNull().defaultTo(""),
      )
      .execute();
    const rows = await sql<{ id: string; list_id: string }>`
      select id, list_id from task order by list_id, created_at, id`.execute(db);
    const byList = new Map<string, string[]>();
    for (const row of rows.rows) {
      const ids = byList.get(row.list_id) ?? [];
      ids.push(row.id);
      byList.set(row.list_id, ids);
    }
    for (const ids of byList.values()) {
      const keys = positionsAfter(null, ids.length);
      for (const [index, id] of ids.entries()) {
        await sql`update task set position = ${keys[index]} where id = ${id}`.execute(db);
      }
    }
    // The manual sort of one list, and of all of a user's tasks (each ends in id, the tie-breaker).
    await db.schema
      .createIndex("task_list_position_idx")
      .on("task")
      .columns(["list_id", "position", "id"])
      .execute();
    await db.schema
      .createIndex("task_user_position_idx")
      .on("task")
      .columns(["user_id", "position", "id"])
      .execute();
    // The subtasks of one task, and what the cascade walks.
    await db.schema
      .createIndex("task_parent_idx")
      .on("task")
      .columns(["parent_id", "created_at"])
      .execute();
  };
  return {
    up: pg ? up : (db) => db.transaction().execute((trx) => up(trx as unknown as Kysely<unknown>)),
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("task_parent_idx").execute();
      await db.schema.dropIndex("task_list_position_idx").execute();
      await db.schema.dropIndex("task_user_position_idx").execute();
      for (const column of [
        "position",
        "recurrence",
        "subtasks_completed",
        "subtask_count",
        "parent_id",
        "tag_keys",
        "tags",
      ]) {
        await db.schema.alterTable("task").dropColumn(column).execute();
      }
    },
  };
}
