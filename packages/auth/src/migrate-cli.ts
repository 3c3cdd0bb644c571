import { ConfigError, resolveDataDir } from "@todo/config";
import { createDatabase, describeDatabase, parseDatabaseUrl } from "@todo/db";
import { migrateAll } from "./migrate.js";

// `npm run db:migrate`: the one command that brings any database (SQLite file or PostgreSQL) to
// the current schema. Exits non-zero on any failure, so a deploy step stops there.
async function main(): Promise<void> {
  const config = parseDatabaseUrl(process.env.DATABASE_URL, resolveDataDir(process.env));
  const database = createDatabase(config, { poolSize: 1 });
  try {
    const report = await migrateAll(database);
    const changes = [
      ...report.authTablesCreated.map((t) => `created ${t}`),
      ...report.authTablesAltered.map((t) => `altered ${t}`),
      ...report.taskMigrations.map((m) => `applied ${m}`),
    ];
    console.info(
      `${describeDatabase(config)}: ${changes.length ? changes.join(", ") : "already up to date"}`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exitCode = 1;
});
