import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, type Database, type DatabaseConfig } from "@todo/db";
import { migrateToLatest } from "@todo/db/migrations";
import {
  adminQuery,
  createScratchPostgres,
  dropScratchPostgres,
  POSTGRES_ADMIN_URL,
} from "@todo/db/scratch-postgres";

export type TestDatabaseKind = "sqlite" | "postgres";

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite";
}

export interface TestDatabase {
  readonly config: DatabaseConfig;
  readonly database: Database;
  destroy(): Promise<void>;
}

/** Is PostgreSQL here? In CI it must be: a missing server fails the run instead of skipping. */
export async function postgresAvailable(): Promise<boolean> {
  try {
    await adminQuery("select 1");
    return true;
  } catch (error) {
    if (process.env.CI) throw new Error(`PostgreSQL is required in CI: ${String(error)}`);
    console.warn(`NOTICE: PostgreSQL at ${POSTGRES_ADMIN_URL} is unreachable; skipping its tests.`);
    return false;
  }
}

/** A fresh database, migrated unless told not to: a new SQLite file or a new PostgreSQL database. */
export async function createTestDatabase(
  kind = testDatabaseKind(),
  { migrate = true } = {},
): Promise<TestDatabase> {
  let config: DatabaseConfig;
  let cleanup: () => Promise<void>;
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "todo-test-"));
    config = { kind: "sqlite", path: path.join(dir, "test.sqlite") };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const url = await createScratchPostgres("todo_test");
    config = { kind: "postgres", url };
    cleanup = () => dropScratchPostgres(url);
  }
  const database = createDatabase(config, { poolSize: 5 });
  if (migrate) await migrateToLatest(database);
  return {
    config,
    database,
    async destroy() {
      await database.close();
      await cleanup();
    },
  };
}
