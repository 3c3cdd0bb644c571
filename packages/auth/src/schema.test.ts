import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, type Database, type DatabaseConfig } from "@todo/db";
import { MIGRATION_TABLE, migrateToLatest } from "@todo/db/migrations";
import { adminQuery, createScratchPostgres, dropScratchPostgres } from "@todo/db/scratch-postgres";
import { createAccessTokenIssuer, createKeyRing } from "@todo/token";
import { getMigrations } from "better-auth/db/migration";
import { type Kysely, Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createAuth } from "./create-auth.js";
import { authSchemaOptions } from "./schema-options.js";

const postgresHere = await adminQuery("select 1").then(
  () => true,
  (error: unknown) => {
    if (process.env.CI) throw error;
    console.warn("NOTICE: PostgreSQL unreachable; skipping its schema tests.");
    return false;
  },
);

async function scratch(kind: Database["kind"]) {
  let config: DatabaseConfig;
  let cleanup: () => Promise<void>;
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "todo-schema-"));
    config = { kind, path: path.join(dir, "db.sqlite") };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const url = await createScratchPostgres("todo_schema");
    config = { kind, url };
    cleanup = () => dropScratchPostgres(url);
  }
  const database = createDatabase(config, { poolSize: 2 });
  return {
    database,
    async destroy() {
      await database.close();
      await cleanup();
    },
  };
}

/** What Better Auth, configured as the web app configures it (every plugin), still wants. */
async function betterAuthWants(database: Database) {
  const keyRing = await createKeyRing({ secret: randomBytes(32).toString("base64url") });
  const origin = "http://localhost:3000";
  const auth = createAuth({
    database,
    secret: randomBytes(32).toString("base64url"),
    baseURL: origin,
    issuer: createAccessTokenIssuer({ keyRing, issuer: origin, audience: "todo-api" }),
  });
  const plan = await getMigrations(auth.options);
  return {
    created: plan.toBeCreated.map((t) => t.table),
    added: plan.toBeAdded.map((t) => `${t.table}: ${Object.keys(t.fields).join(", ")}`),
    indexes: plan.toBeAddedIndexes.map((i) => `${i.table}.${i.name}`),
  };
}

/** Tables, columns (name, type, nullability) and indexes, to compare two databases. */
async function shape(database: Database) {
  const tables = await database.db.introspection.getTables();
  const columns = tables
    .filter((t) => !t.name.startsWith("schema_migration"))
    .map((t) => ({
      table: t.name,
      columns: t.columns.map(
        (c) => `${c.name} ${c.dataType} ${c.isNullable ? "null" : "not null"}`,
      ),
    }))
    .sort((a, b) => a.table.localeCompare(b.table));
  const indexes =
    database.kind === "sqlite"
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(
          database.db,
        )
      : await sql<{
          name: string;
        }>`select indexname as name from pg_indexes where schemaname = 'public'`.execute(
          database.db,
        );
  return { columns, indexes: indexes.rows.map((r) => r.name).sort() };
}

/** The current release's path: Better Auth's own migrations, then the API's 0001 in task_migration. */
async function migrateTheOldWay(database: Database) {
  const plan = await getMigrations(authSchemaOptions(database));
  await plan.runMigrations();
  const pg = database.kind === "postgres";
  const migrator = new Migrator({
    db: database.db,
    migrationTableName: "task_migration",
    migrationLockTableName: "task_migration_lock",
    provider: {
      getMigrations: async () => ({
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
        },
      }),
    },
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

async function count(database: Database, table: string): Promise<number> {
  const result = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(
    table,
  )}`.execute(database.db);
  return Number(result.rows[0]?.n);
}

for (const kind of ["sqlite", "postgres"] as const) {
  describe.skipIf(kind === "postgres" && !postgresHere)(`the schema on ${kind}`, () => {
    it("our migrations create everything the Better Auth version in use expects", async () => {
      const { database, destroy } = await scratch(kind);
      try {
        expect(await migrateToLatest(database)).toEqual([
          "0001_auth_tables",
          "0002_create_task",
          "0003_drop_task_migration_table",
          "0004_create_revocation",
          "0005_lists",
          "0006_revocation_cut_off",
          "0007_list_sharing",
          "0008_everyday_task_fields",
          "0009_due_time_and_reminder",
          "0010_subtask_index_partial",
        ]);
        expect(await betterAuthWants(database)).toEqual({ created: [], added: [], indexes: [] });
        expect(await migrateToLatest(database)).toEqual([]);
      } finally {
        await destroy();
      }
    });

    it("adopts a database made by the previous release, every row kept", async () => {
      const fresh = await scratch(kind);
      const old = await scratch(kind);
      try {
        await migrateToLatest(fresh.database);
        const db = old.database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
        await migrateTheOldWay(old.database);
        const pg = kind === "postgres";
        const now = pg ? new Date() : new Date().toISOString();
        const userId = randomUUID();
        await db
          .insertInto("user")
          .values({
            id: userId,
            name: "Ada",
            email: "ada@example.com",
            emailVerified: pg ? false : 0,
            createdAt: now,
            updatedAt: now,
          })
          .execute();
        await db
          .insertInto("session")
          .values({
            id: randomUUID(),
            token: "session-token",
            userId,
            expiresAt: now,
            createdAt: now,
            updatedAt: now,
          })
          .execute();
        await db
          .insertInto("account")
          .values({
            id: randomUUID(),
            accountId: userId,
            providerId: "credential",
            userId,
            password: "hash",
            createdAt: now,
            updatedAt: now,
          })
          .execute();
        for (const title of ["one", "two", "three"]) {
          const stamp = new Date().toISOString();
          await db
            .insertInto("task")
            .values({
              id: randomUUID(),
              user_id: userId,
              title,
              title_key: title,
              search_text: title,
              priority: 2,
              created_at: stamp,
              updated_at: stamp,
            })
            .execute();
        }

        expect(await migrateToLatest(old.database)).toEqual([
          "0001_auth_tables",
          "0002_create_task",
          "0003_drop_task_migration_table",
          "0004_create_revocation",
          "0005_lists",
          "0006_revocation_cut_off",
          "0007_list_sharing",
          "0008_everyday_task_fields",
          "0009_due_time_and_reminder",
          "0010_subtask_index_partial",
        ]);

        expect(await count(old.database, "user")).toBe(1);
        expect(await count(old.database, "session")).toBe(1);
        expect(await count(old.database, "account")).toBe(1);
        expect(await count(old.database, "task")).toBe(3);
        const applied = await sql<{ name: string }>`select name from ${sql.table(
          MIGRATION_TABLE,
        )} order by name`.execute(old.database.db);
        expect(applied.rows.map((r) => r.name)).toHaveLength(10);
        // 0005 gave the user an Inbox and moved the tasks into it.
        expect(await count(old.database, "list")).toBe(1);
        expect(await shape(old.database)).toEqual(await shape(fresh.database));
        expect(await betterAuthWants(old.database)).toEqual({
          created: [],
          added: [],
          indexes: [],
        });
        // The cascade still holds: the user's lists and tasks go with the user.
        await db.deleteFrom("user").where("id", "=", userId).execute();
        expect(await count(old.database, "task")).toBe(0);
        expect(await count(old.database, "list")).toBe(0);
      } finally {
        await fresh.destroy();
        await old.destroy();
      }
    });
  });
}
