import { INBOX_NAME } from "@todo/contract";
import { type Kysely, type Migration, sql } from "kysely";

type Kind = "sqlite" | "postgres";

/** One index per sort order of the task list (as 0002 made them), each ending in the id. */
const TASK_INDEXES: Array<[string, string[]]> = [
  ["task_user_created_idx", ["user_id", "created_at", "id"]],
  ["task_user_updated_idx", ["user_id", "updated_at", "id"]],
  ["task_user_due_idx", ["user_id", "due_date", "id"]],
  ["task_user_priority_idx", ["user_id", "priority", "id"]],
  ["task_user_title_idx", ["user_id", "title_key", "id"]],
  // A list's tasks, newest first; also what the cascade from a deleted list walks.
  ["task_list_created_idx", ["list_id", "created_at", "id"]],
];

/** A random (version 4) UUID in SQLite, which has no function for it. */
const SQLITE_UUID = sql.raw(
  `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)
   || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2)
   || '-' || hex(randomblob(6)))`,
);
const SQLITE_NOW = sql.raw(`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`);

/**
 * The inbox of a new account is made by the database, in the statement that inserts the user
 * (an AFTER INSERT trigger): whoever creates a user — Better Auth's sign-up, an admin, a test —
 * an account never exists without its Inbox, and a failed Inbox means no account
 * (docs/decisions/0013-lists-inbox-and-composite-keys.md).
 */
async function createInboxTrigger(db: Kysely<unknown>, kind: Kind): Promise<void> {
  const name = sql.lit(INBOX_NAME);
  if (kind === "postgres") {
    await sql`create function create_inbox() returns trigger language plpgsql as $$
      begin
        insert into list (id, user_id, name, position, is_inbox, created_at, updated_at)
        values (gen_random_uuid(), new.id, ${name}, 0, true, now(), now());
        return new;
      end $$`.execute(db);
    await sql`create trigger user_inbox after insert on "user"
      for each row execute function create_inbox()`.execute(db);
    return;
  }
  await sql`create trigger user_inbox after insert on "user" begin
      insert into list (id, user_id, name, position, is_inbox, created_at, updated_at)
      values (${SQLITE_UUID}, new.id, ${name}, 0, 1, ${SQLITE_NOW}, ${SQLITE_NOW});
    end`.execute(db);
}

/** The task table of 0002 with `list_id`, rebuilt (SQLite cannot add a foreign key to a table). */
async function rebuildSqliteTask(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("task_next")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("user_id", "text", (col) => col.notNull().references("user.id").onDelete("cascade"))
    .addColumn("list_id", "text", (col) => col.notNull())
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("description", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("title_key", "text", (col) => col.notNull())
    .addColumn("search_text", "text", (col) => col.notNull())
    .addColumn("completed", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("completed_at", "text")
    .addColumn("priority", "smallint", (col) => col.notNull().check(sql`priority between 1 and 3`))
    .addColumn("due_date", "text")
    .addColumn("created_at", "text", (col) => col.notNull())
    .addColumn("updated_at", "text", (col) => col.notNull())
    .addForeignKeyConstraint(
      "task_list_fk",
      ["list_id", "user_id"],
      "list",
      ["id", "user_id"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();
  await sql`insert into task_next
    select t.id, t.user_id, l.id, t.title, t.description, t.title_key, t.search_text, t.completed,
           t.completed_at, t.priority, t.due_date, t.created_at, t.updated_at
    from task t join list l on l.user_id = t.user_id and l.is_inbox`.execute(db);
  await db.schema.dropTable("task").execute();
  await db.schema.alterTable("task_next").renameTo("task").execute();
}

/**
 * 0005: lists. Every task belongs to one list of its own user, enforced by a composite foreign key
 * task(list_id, user_id) → list(id, user_id): the database itself refuses a task in another
 * user's list, and deleting a list deletes its tasks. At most one Inbox per user (a partial unique
 * index). Existing users get their Inbox here, and their tasks move into it.
 */
export function listsMigration(kind: Kind): Migration {
  const pg = kind === "postgres";
  const timestamp = pg ? "timestamptz" : "text";
  const up = async (db: Kysely<unknown>) => {
    await db.schema
      .createTable("list")
      .addColumn("id", pg ? "uuid" : "text", (col) => col.primaryKey())
      .addColumn("user_id", "text", (col) =>
        col.notNull().references("user.id").onDelete("cascade"),
      )
      .addColumn("name", "text", (col) => col.notNull())
      .addColumn("position", "integer", (col) => col.notNull().check(sql`position >= 0`))
      .addColumn("is_inbox", pg ? "boolean" : "integer", (col) =>
        col.notNull().defaultTo(pg ? sql`false` : 0),
      )
      .addColumn("created_at", timestamp, (col) => col.notNull())
      .addColumn("updated_at", timestamp, (col) => col.notNull())
      // The target of the tasks' composite foreign key.
      .addUniqueConstraint("list_id_user_id_key", ["id", "user_id"])
      .execute();
    await sql`create unique index list_one_inbox_idx on list (user_id) where is_inbox`.execute(db);
    await db.schema
      .createIndex("list_user_position_idx")
      .on("list")
      .columns(["user_id", "position", "id"])
      .execute();

    const now = pg ? sql`now()` : SQLITE_NOW;
    await sql`insert into list (id, user_id, name, position, is_inbox, created_at, updated_at)
      select ${pg ? sql`gen_random_uuid()` : SQLITE_UUID}, u.id, ${sql.lit(INBOX_NAME)}, 0,
             ${pg ? sql`true` : sql`1`}, ${now}, ${now}
      from "user" u`.execute(db);
    await createInboxTrigger(db, kind);

    if (pg) {
      await sql`alter table task add column list_id uuid`.execute(db);
      await sql`update task set list_id = l.id from list l
        where l.user_id = task.user_id and l.is_inbox`.execute(db);
      await sql`alter table task alter column list_id set not null`.execute(db);
      await sql`alter table task add constraint task_list_fk foreign key (list_id, user_id)
        references list (id, user_id) on delete cascade`.execute(db);
      for (const [name, columns] of TASK_INDEXES.slice(-1)) {
        await db.schema.createIndex(name).on("task").columns(columns).execute();
      }
    } else {
      await rebuildSqliteTask(db);
      for (const [name, columns] of TASK_INDEXES) {
        await db.schema.createIndex(name).on("task").columns(columns).execute();
      }
    }
  };
  return {
    // SQLite runs migrations outside a transaction (Kysely: no transactional DDL there), so this
    // one makes its own: a failure halfway leaves the tasks as they were.
    up: pg ? up : (db) => db.transaction().execute((trx) => up(trx as unknown as Kysely<unknown>)),
    // Nothing here migrates down; on PostgreSQL this reverses 0005 for a hand-run rollback. SQLite
    // cannot drop a column that a foreign key names: restore the backup taken before upgrading.
    async down(db: Kysely<unknown>) {
      if (!pg) throw new Error("0005_lists cannot be undone on SQLite; restore a backup instead");
      await sql`drop trigger user_inbox on "user"`.execute(db);
      await sql`drop function create_inbox()`.execute(db);
      await sql`alter table task drop column list_id`.execute(db);
      await db.schema.dropTable("list").execute();
    },
  };
}
