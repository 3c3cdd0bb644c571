import type { Database } from "@todo/db";
import { migrateTasks } from "@todo/db/migrations";
import { getMigrations } from "better-auth/db/migration";
import { authSchemaOptions } from "./schema-options.js";

export interface MigrationReport {
  readonly authTablesCreated: string[];
  readonly authTablesAltered: string[];
  readonly taskMigrations: string[];
}

/**
 * Better Auth's tables first (the task table references "user"), then the API's own versioned
 * migrations. Both steps are idempotent: running them on an up-to-date database changes nothing.
 */
export async function migrateAll(database: Database): Promise<MigrationReport> {
  const plan = await getMigrations(authSchemaOptions(database));
  await plan.runMigrations();
  const taskMigrations = await migrateTasks(database);
  return {
    authTablesCreated: plan.toBeCreated.map((t) => t.table),
    authTablesAltered: plan.toBeAdded.map((t) => t.table),
    taskMigrations,
  };
}
