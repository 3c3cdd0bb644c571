import { type Kysely, type Migration, sql } from "kysely";

/**
 * 0010: the subtask index holds subtasks only (docs/decisions/0027-list-query-plans-and-the-floor.md).
 *
 * `task_parent_idx` (0008) indexed every task, top-level ones under `parent_id` null. A page of
 * top-level tasks filters on `parent_id is null`, and SQLite's planner, which keeps no statistics,
 * then walked that index (every user's top-level tasks) for the tasks of shared lists instead of
 * the list's own index. Made partial (`where parent_id is not null`), the index can only serve what
 * it is for: one task's subtasks and the cascade from a deleted parent (`parent_id = ?` implies
 * not null, so both planners still use it), and it is smaller.
 */
export function subtaskIndexMigration(): Migration {
  const create = (partial: boolean) => {
    const index = (db: Kysely<unknown>) =>
      db.schema.createIndex("task_parent_idx").on("task").columns(["parent_id", "created_at"]);
    return (db: Kysely<unknown>) =>
      (partial ? index(db).where(sql.ref("parent_id"), "is not", null) : index(db)).execute();
  };
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.dropIndex("task_parent_idx").execute();
      await create(true)(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("task_parent_idx").execute();
      await create(false)(db);
    },
  };
}
