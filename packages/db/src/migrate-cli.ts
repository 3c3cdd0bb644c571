import { ConfigError } from "@todo/config";
import { createDatabase } from "./create-database.js";
import { databaseConfigFrom, describeDatabase } from "./database-url.js";
import { migrateToLatest } from "./migrations.js";

// `npm run db:migrate`: brings any database (SQLite file or PostgreSQL) to the current schema,
// every table included, as a deploy step. Exits non-zero on any failure, so a deploy stops there.
async function main(): Promise<void> {
  // The same loader as both services' config modules (database-url.ts).
  const config = databaseConfigFrom(process.env);
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
