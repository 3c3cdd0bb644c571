import { type Kysely, type Migration, Migrator, sql } from "kysely";
import type { Database } from "./create-database.js";

type Kind = Database["kind"];

/**
 * The API's schema, versioned. Better Auth's tables (user, session, account, verification) are
 * created first by its own migrations; `task.user_id` references `user.id` and is deleted with it.
 * Names are ordered: "0001_…" runs before "0002_…". Never edit a migration that has shipped.
 */
function taskMigrations(kind: Kind): Record<string, Migration> {
  const pg = kind === "postgres";
  return {
    "0001_create_task": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("task")
          .addColumn("id", pg ? "uuid" : "text", (col) => col.primaryKey())
          .addColumn("user_id", "text", (col) =>
            col.notNull().references("user.id").onDelete("cascade"),
          )
          .addColumn("title", "text", (col) => col.notNull())
          .addColumn("description", "text", (col) => col.notNull().defaultTo(""))
          .addColumn("title_key", "text", (col) => col.notNull())
          .addColumn("search_text", "text", (col) => col.notNull())
          .addColumn("completed", pg ? "boolean" : "integer", (col) =>
            col.notNull().defaultTo(pg ? sql`false` : 0),
          )
          .addColumn("completed_at", pg ? "timestamptz" : "text")
          .addColumn("priority", "smallint", (col) =>
            col.notNull().check(sql`priority between 1 and 3`),
          )
          .addColumn("due_date", pg ? "date" : "text")
          .addColumn("created_at", pg ? "timestamptz" : "text", (col) => col.notNull())
          .addColumn("updated_at", pg ? "timestamptz" : "text", (col) => col.notNull())
          .execute();
        // One index per sort order the list offers; each ends in id, the keyset tie-breaker.
        const indexes: Array<[string, string[]]> = [
          ["task_user_created_idx", ["user_id", "created_at", "id"]],
          ["task_user_updated_idx", ["user_id", "updated_at", "id"]],
          ["task_user_due_idx", ["user_id", "due_date", "id"]],
          ["task_user_priority_idx", ["user_id", "priority", "id"]],
          ["task_user_title_idx", ["user_id", "title_key", "id"]],
        ];
        for (const [name, columns] of indexes) {
          await db.schema.createIndex(name).on("task").columns(columns).execute();
        }
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable("task").execute();
      },
    },
    "0002_create_revocation": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("revocation")
          .addColumn("id", pg ? "bigserial" : "integer", (col) =>
            pg ? col.primaryKey() : col.primaryKey().autoIncrement(),
          )
          .addColumn("session_id", "text")
          .addColumn("user_id", "text")
          .addColumn("revoked_at", "bigint", (col) => col.notNull())
          .addColumn("keep_until", "bigint", (col) => col.notNull())
          .addCheckConstraint(
            "revocation_names_one",
            sql`(session_id is null) <> (user_id is null)`,
          )
          .execute();
        await db.schema
          .createIndex("revocation_keep_until_idx")
          .on("revocation")
          .column("keep_until")
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable("revocation").execute();
      },
    },
  };
}

export async function migrateTasks(database: Database): Promise<string[]> {
  const migrations = taskMigrations(database.kind);
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: "task_migration",
    migrationLockTableName: "task_migration_lock",
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
