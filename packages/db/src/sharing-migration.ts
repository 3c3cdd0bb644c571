import { type Kysely, type Migration, sql } from "kysely";

type Kind = "sqlite" | "postgres";

/** The roles a member can hold; the owner is the list's `user_id`, never a member row. */
const MEMBER_ROLES = sql`role in ('editor', 'viewer')`;

/**
 * 0007: sharing a list (docs/decisions/0024-list-sharing-and-invite-codes.md).
 *
 * - `list_member`: who besides the owner may see a list, and with which role. Deleting the list or
 *   the member's account deletes the row (the database enforces it, nothing is left behind).
 * - `list_invite`: single-use invite codes, stored only as their SHA-256 (`code_hash`); a used,
 *   revoked or expired row stays until the list's next invite is made (the audit log keeps it).
 * - `task.created_by`: who wrote the task. `task.user_id` stays the list's owner (the composite
 *   foreign key to the list keeps every task in a list of that owner), so an editor's task counts
 *   against, and is deleted with, the owner's list; the creator's own account deletion only clears
 *   the column.
 */
export function sharingMigration(kind: Kind): Migration {
  const pg = kind === "postgres";
  const id = pg ? "uuid" : "text";
  const timestamp = pg ? "timestamptz" : "text";
  const up = async (db: Kysely<unknown>) => {
    await db.schema
      .createTable("list_member")
      .addColumn("list_id", id, (col) => col.notNull().references("list.id").onDelete("cascade"))
      .addColumn("user_id", "text", (col) =>
        col.notNull().references("user.id").onDelete("cascade"),
      )
      .addColumn("role", "text", (col) => col.notNull().check(MEMBER_ROLES))
      .addColumn("created_at", timestamp, (col) => col.notNull())
      .addPrimaryKeyConstraint("list_member_pkey", ["list_id", "user_id"])
      .execute();
    // "The lists I am a member of": what every scoped query asks.
    await db.schema
      .createIndex("list_member_user_idx")
      .on("list_member")
      .columns(["user_id", "list_id", "role"])
      .execute();

    await db.schema
      .createTable("list_invite")
      .addColumn("id", id, (col) => col.primaryKey())
      .addColumn("list_id", id, (col) => col.notNull().references("list.id").onDelete("cascade"))
      .addColumn("code_hash", "text", (col) => col.notNull().unique())
      .addColumn("role", "text", (col) => col.notNull().check(MEMBER_ROLES))
      .addColumn("created_at", timestamp, (col) => col.notNull())
      .addColumn("expires_at", timestamp, (col) => col.notNull())
      .addColumn("used_at", timestamp)
      .addColumn("used_by", "text", (col) => col.references("user.id").onDelete("set null"))
      .addColumn("revoked_at", timestamp)
      .execute();
    await db.schema
      .createIndex("list_invite_list_idx")
      .on("list_invite")
      .columns(["list_id", "created_at"])
      .execute();

    // SQLite adds a column with a foreign key in place when its default is null.
    await db.schema
      .alterTable("task")
      .addColumn("created_by", "text", (col) => col.references("user.id").onDelete("set null"))
      .execute();
    // The column a user's deletion walks to clear it.
    await db.schema.createIndex("task_created_by_idx").on("task").column("created_by").execute();
  };
  return {
    // SQLite runs migrations outside a transaction (no transactional DDL in Kysely there).
    up: pg ? up : (db) => db.transaction().execute((trx) => up(trx as unknown as Kysely<unknown>)),
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("task_created_by_idx").execute();
      await db.schema.alterTable("task").dropColumn("created_by").execute();
      await db.schema.dropTable("list_invite").execute();
      await db.schema.dropTable("list_member").execute();
    },
  };
}
