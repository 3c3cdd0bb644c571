import { randomUUID } from "node:crypto";
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE, migrations } from "@todo/db/migrations";
import { Migrator, sql } from "kysely";
import { afterEach, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../../test/database.js";
import { insertUser } from "../../test/helper.js";
import { describeOnDatabase } from "../../test/suite.js";

const kind = testDatabaseKind();

// The database's own guarantees for lists (migration 0005, decision 0013), checked on the
// database of this test project without the API in between.
describeOnDatabase("lists in the database", () => {
  let scratch: TestDatabase | undefined;
  afterEach(async () => {
    await scratch?.destroy();
    scratch = undefined;
  });

  const migrator = (database: TestDatabase["database"]) =>
    new Migrator({
      db: database.db,
      provider: { getMigrations: async () => migrations(database.kind) },
      migrationTableName: MIGRATION_TABLE,
      migrationLockTableName: MIGRATION_LOCK_TABLE,
    });
  const bool = (value: boolean) => (kind === "sqlite" ? Number(value) : value);
  /** A fresh database of this project's kind, destroyed after the test. */
  const fresh = async (options?: { migrate: boolean }) => {
    scratch = await createTestDatabase(kind, options);
    return scratch;
  };
  const newUser = async (database: TestDatabase, name: string) =>
    (await insertUser(database, name)).id;
  const inboxesOf = (db: TestDatabase["database"]["db"], userId: string) =>
    db
      .selectFrom("list")
      .select(["id", "name", "position"])
      .where("user_id", "=", userId)
      .where(sql<boolean>`is_inbox`)
      .execute();

  it("0005 gives every existing user an Inbox and moves their tasks into it", async () => {
    const test = await fresh({ migrate: false });
    const { database } = test;
    const { error } = await migrator(database).migrateTo("0004_create_revocation");
    expect(error).toBeUndefined();
    const { db } = database;
    const users = [await newUser(test, "with tasks"), await newUser(test, "without")];
    const now = new Date().toISOString();
    const taskIds: string[] = [];
    for (const [i, userId] of [users[0], users[0], users[0]].entries()) {
      const id = randomUUID();
      taskIds.push(id);
      await sql`insert into task (id, user_id, title, description, title_key, search_text,
          completed, completed_at, priority, due_date, created_at, updated_at)
        values (${id}, ${userId}, ${`t${i}`}, '', ${`t${i}`}, ${`t${i}`}, ${bool(i === 2)}, null,
          2, null, ${now}, ${now})`.execute(db);
    }

    const result = await migrator(database).migrateTo("0005_lists");
    expect(result.error).toBeUndefined();
    expect(result.results?.map((r) => r.migrationName)).toEqual(["0005_lists"]);

    for (const userId of users) {
      const inboxes = await inboxesOf(db, String(userId));
      expect(inboxes).toMatchObject([{ name: "Inbox", position: 0 }]);
    }
    const [withTasks] = await inboxesOf(db, String(users[0]));
    const tasks = await db
      .selectFrom("task")
      .select(["id", "list_id", "title"])
      .orderBy("title")
      .execute();
    expect(tasks.map((t) => t.list_id)).toEqual([withTasks?.id, withTasks?.id, withTasks?.id]);
    expect(tasks.map((t) => t.id).sort()).toEqual([...taskIds].sort());
    // A user made after the migration gets an Inbox from the trigger.
    const later = await newUser(test, "later");
    expect(await inboxesOf(db, later)).toHaveLength(1);
  });

  it("an account never exists without its Inbox: the insert of the user makes it", async () => {
    const test = await fresh();
    const { db } = test.database;
    const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => newUser(test, `u${i}`)));
    for (const id of ids) expect(await inboxesOf(db, id)).toHaveLength(1);
  });

  it("allows at most one Inbox per user, also under concurrent attempts", async () => {
    const test = await fresh();
    const { db } = test.database;
    const userId = await newUser(test, "one inbox");
    await db.deleteFrom("list").where("user_id", "=", userId).execute();
    const now = new Date().toISOString();
    const attempts = await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        db
          .insertInto("list")
          .values({
            id: randomUUID(),
            user_id: userId,
            name: "Inbox",
            position: 0,
            is_inbox: bool(true),
            created_at: now,
            updated_at: now,
          })
          .execute(),
      ),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    for (const attempt of attempts.filter((a) => a.status === "rejected")) {
      expect((attempt as PromiseRejectedResult).reason).toMatchObject({
        code: expect.stringMatching(/^(23505|SQLITE_CONSTRAINT_UNIQUE)$/),
      });
    }
    expect(await inboxesOf(db, userId)).toHaveLength(1);
  });

  it("deleting a user deletes their lists and the tasks in them", async () => {
    const test = await fresh();
    const { db } = test.database;
    const userId = await newUser(test, "leaving");
    const other = await newUser(test, "staying");
    const [inbox] = await inboxesOf(db, userId);
    const now = new Date().toISOString();
    await sql`insert into task (id, user_id, list_id, title, description, title_key, search_text,
        completed, completed_at, priority, due_date, created_at, updated_at)
      values (${randomUUID()}, ${userId}, ${inbox?.id}, 't', '', 't', 't', ${bool(false)}, null, 2,
        null, ${now}, ${now})`.execute(db);
    await db.deleteFrom("user").where("id", "=", userId).execute();
    expect(
      await db.selectFrom("list").select("id").where("user_id", "=", userId).execute(),
    ).toEqual([]);
    expect(
      await db.selectFrom("task").select("id").where("user_id", "=", userId).execute(),
    ).toEqual([]);
    expect(await inboxesOf(db, other)).toHaveLength(1);
  });
});
