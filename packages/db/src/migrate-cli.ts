import { ConfigError, resolveDataDir } from "@todo/config";
import { createDatabase } from "./create-database.js";
import { describeDatabase, parseDatabaseUrl } from "./database-url.js";
import { migrateToLatest } from "./migrations.js";

// `npm run db:migrate`: brings any database (SQLite file or PostgreSQL) to the current schema,
// every table included, as a deploy step. Exits non-zero on any failure, so a deploy stops there.
async function main(): Promise<void> {
  const config = parseDatabaseUrl(process.env.DATABASE_URL, resolveDataDir(process.env));
  const database = createDatabase(config, { poolSize: 1 });
  try {
    const applied = await migrateToLatest(database);
    console.info(
      `${describeDatabase(config)}: ${applied.length ? `applied ${applied.join(", ")}` : "already up to date"}`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exitCode = 1;
});
