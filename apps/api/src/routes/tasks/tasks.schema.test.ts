import { randomUUID } from "node:crypto";
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE, migrations } from "@todo/db/migrations";
import { Migrator, sql } from "kysely";
import { afterEach, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../../test/database.js";
import { insertUser } from "../../test/helper.js";
import { describeOnDatabase } from "../../test/suite.js";

const kind = testDatabaseKind();

// Migration 0008 on a database that already holds tasks (decision 0025).
describeOnDatabase("tasks in the database", () => {
  let scratch: TestDatabase | undefined;
  afterEach(async () => {
    await scratch?.destroy();
    scratch = undefined;
  });

  it("0008 gives existing tasks distinct positions in their list's creation order", async () => {
    scratch = await createTestDatabase(kind, { migrate: false });
    const { database } = scratch;
    const migrator = new Migrator({
      db: database.db,
      provider: { getMigrations: async () => migrations(database.kind) },
      migrationTableName: MIGRATION_TABLE,
      migrationLockTableName: MIGRATION_LOCK_TABLE,
    });
    expect((await migrator.migrateTo("0007_list_sharing")).error).toBeUndefined();
    const { db } = database;
    const userId = (await insertUser(scratch, "with tasks")).id;
    const inbox = await db
      .selectFrom("list")
      .select("id")
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow();
    const titles = ["first", "second", "third"];
    for (const [i, title] of titles.entries()) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
      await sql`insert into task (id, user_id, list_id, title, description, title_key,
          search_text, completed, completed_at, priority, due_date, created_at, updated_at)
        values (${randomUUID()}, ${userId}, ${inbox.id}, ${title}, '', ${title}, ${title},
          ${kind === "sqlite" ? 0 : false}, null, 2, null, ${at}, ${at})`.execute(db);
    }
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const rows = await db
      .selectFrom("task")
      .select(["title", "position", "tags", "parent_id", "subtask_count"])
      .orderBy("position")
      .execute();
    expect(rows.map((r) => r.title)).toEqual(titles);
    expect(new Set(rows.map((r) => r.position)).size).toBe(3);
    expect(rows[0]).toMatchObject({ tags: "[]", parent_id: null, subtask_count: 0 });
  });
});
