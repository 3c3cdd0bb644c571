import { type Kysely, type Migration, Migrator, sql } from "kysely";
import type { Database } from "./create-database.js";
import { everydayMigration } from "./everyday-migration.js";
import { listsMigration } from "./lists-migration.js";
import { remindersMigration } from "./reminders-migration.js";
import { sharingMigration } from "./sharing-migration.js";
import { subtaskIndexMigration } from "./subtask-index-migration.js";

type Kind = Database["kind"];

/** The one migration table of every database (docs/decisions/0009-versioned-migrations-for-every-table.md). */
export const MIGRATION_TABLE = "schema_migration";
export const MIGRATION_LOCK_TABLE = "schema_migration_lock";
/** Where the API's migrations were recorded before decision 0009; dropped by 0003. */
const LEGACY_TABLES = ["task_migration", "task_migration_lock"];

/**
 * The schema of record for every table, versioned. Names are ordered ("0001_…" runs before
 * "0002_…"); never edit a migration that has shipped: add the next one.
 *
 * 0001 and 0002 create their tables and indexes only if absent: a database made before decision 0009
 * already holds them (Better Auth's own migrations made the first four, `task_migration` the
 * task table), and they are adopted as they are — the same shape, as the upgrade test checks.
 */
export function migrations(kind: Kind): Record<string, Migration> {
  const pg = kind === "postgres";
  // Better Auth's column types per database (its getMigrations: `date` is text-affine in SQLite).
  const timestamp = pg ? "timestamptz" : "date";
  const bool = pg ? "boolean" : "integer";
  const now = sql`CURRENT_TIMESTAMP`;

  return {
    // Exactly what Better Auth 1.7 expects for email and password sign-in, with our plugins (none
    // adds a table or column). Checked by packages/auth/src/schema.test.ts against the version
    // in use: a new column there fails it until a migration here adds the column.
    "0001_auth_tables": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("user")
          .ifNotExists()
          .addColumn("id", "text", (col) => col.notNull().primaryKey())
          .addColumn("name", "text", (col) => col.notNull())
          .addColumn("email", "text", (col) => col.notNull().unique())
          .addColumn("emailVerified", bool, (col) => col.notNull())
          .addColumn("image", "text")
          .addColumn("createdAt", timestamp, (col) => (pg ? col.defaultTo(now) : col).notNull())
          .addColumn("updatedAt", timestamp, (col) => (pg ? col.defaultTo(now) : col).notNull())
          .execute();
        await db.schema
          .createTable("session")
          .ifNotExists()
          .addColumn("id", "text", (col) => col.notNull().primaryKey())
          .addColumn("expiresAt", timestamp, (col) => col.notNull())
          .addColumn("token", "text", (col) => col.notNull().unique())
          .addColumn("createdAt", timestamp, (col) => (pg ? col.defaultTo(now) : col).notNull())
          .addColumn("updatedAt", timestamp, (col) => col.notNull())
          .addColumn("ipAddress", "text")
          .addColumn("userAgent", "text")
          .addColumn("userId", "text", (col) =>
            col.notNull().references("user.id").onDelete("cascade"),
          )
          .execute();
        await db.schema
          .createTable("account")
          .ifNotExists()
          .addColumn("id", "text", (col) => col.notNull().primaryKey())
          .addColumn("accountId", "text", (col) => col.notNull())
          .addColumn("providerId", "text", (col) => col.notNull())
          .addColumn("userId", "text", (col) =>
            col.notNull().references("user.id").onDelete("cascade"),
          )
          .addColumn("accessToken", "text")
          .addColumn("refreshToken", "text")
          .addColumn("idToken", "text")
          .addColumn("accessTokenExpiresAt", timestamp)
          .addColumn("refreshTokenExpiresAt", timestamp)
          .addColumn("scope", "text")
          .addColumn("password", "text")
          .addColumn("createdAt", timestamp, (col) => (pg ? col.defaultTo(now) : col).notNull())
          .addColumn("updatedAt", timestamp, (col) => col.notNull())
          .execute();
        await db.schema
          .createTable("verification")
          .ifNotExists()
          .addColumn("id", "text", (col) => col.notNull().primaryKey())
          .addColumn("identifier", "text", (col) => col.notNull())
          .addColumn("value", "text", (col) => col.notNull())
          .addColumn("expiresAt", timestamp, (col) => col.notNull())
          .addColumn("createdAt", timestamp, (col) => (pg ? col.defaultTo(now) : col).notNull())
          .addColumn("updatedAt", timestamp, (col) => (pg ? col.defaultTo(now) : col).notNull())
          .execute();
        const indexes: Array<[name: string, table: string, column: string]> = [
          ["session_userId_idx", "session", "userId"],
          ["account_userId_idx", "account", "userId"],
          ["verification_identifier_idx", "verification", "identifier"],
        ];
        for (const [name, table, column] of indexes) {
          await db.schema.createIndex(name).ifNotExists().on(table).column(column).execute();
        }
      },
      async down(db: Kysely<unknown>) {
        for (const table of ["verification", "account", "session", "user"]) {
          await db.schema.dropTable(table).execute();
        }
      },
    },

    // The task table as the API's former "0001_create_task" made it, unchanged.
    "0002_create_task": {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable("task")
          .ifNotExists()
          .addColumn("id", pg ? "uuid" : "text", (col) => col.primaryKey())
          .addColumn("user_id", "text", (col) =>
            col.notNull().references("user.id").onDelete("cascade"),
          )
          .addColumn("title", "text", (col) => col.notNull())
          .addColumn("description", "text", (col) => col.notNull().defaultTo(""))
          .addColumn("title_key", "text", (col) => col.notNull())
          .addColumn("search_text", "text", (col) => col.notNull())
          .addColumn("completed", bool, (col) => col.notNull().defaultTo(pg ? sql`false` : 0))
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
          await db.schema.createIndex(name).ifNotExists().on("task").columns(columns).execute();
        }
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable("task").execute();
      },
    },

    // The API's migrations were recorded in a table of their own; this table now records them.
    "0003_drop_task_migration_table": {
      async up(db: Kysely<unknown>) {
        for (const table of LEGACY_TABLES) await db.schema.dropTable(table).ifExists().execute();
      },
      async down() {},
    },
    // Ended sessions and deleted accounts whose tokens the API refuses (decision 0010).
    "0004_create_revocation": {
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
    // Lists; every task in one of its user's lists; an Inbox per user (decision 0013).
    "0005_lists": listsMigration(kind),
    // A per-user cut-off may spare the session that asked for it; the web app finds a user's
    // cut-offs when it mints a token (decision 0010).
    "0006_revocation_cut_off": {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable("revocation").addColumn("kept_session_id", "text").execute();
        await db.schema.alterTable("revocation").addColumn("revoked_at_ms", "bigint").execute();
        await db.schema
          .createIndex("revocation_user_id_idx")
          .on("revocation")
          .column("user_id")
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropIndex("revocation_user_id_idx").execute();
        await db.schema.alterTable("revocation").dropColumn("revoked_at_ms").execute();
        await db.schema.alterTable("revocation").dropColumn("kept_session_id").execute();
      },
    },
    // Members, invite codes and who created a task (decision 0024).
    "0007_list_sharing": sharingMigration(kind),
    // Tags, subtasks, recurring tasks and manual order (decision 0025).
    "0008_everyday_task_fields": everydayMigration(kind),
    // A due time in a named time zone and a reminder before it (decision 0031).
    "0009_due_time_and_reminder": remindersMigration,
    // The subtask index holds subtasks only, so no planner walks it for top-level tasks (decision 0027).
    "0010_subtask_index_partial": subtaskIndexMigration(),
  };
}

/**
 * Brings the database to the latest schema; returns the names of the migrations it applied
 * (none on an up-to-date database). Throws on the first failure, the database left at the last
 * migration that succeeded (each runs in a transaction on PostgreSQL).
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations(database.kind) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
