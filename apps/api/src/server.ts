import { ConfigError } from "@todo/config";
import { createDatabase, describeDatabase } from "@todo/db";
import { migrateToLatest } from "@todo/db/migrations";
import pino from "pino";
import { buildApp } from "./app.js";
import { loadApiConfig } from "./config.js";
import { loggerOptions } from "./infra/request-log.js";

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadApiConfig();
  const database = createDatabase(config.database);
  if (config.migrateOnStart) await migrateToLatest(database);
  // Log lines are buffered and written asynchronously (one syscall per few kilobytes instead of
  // one per line), and flushed when the server stops.
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const app = await buildApp(config, {
    database,
    logger: { ...loggerOptions(config.logLevel), stream: destination },
  });
  app.addHook("onClose", async () => destination.flushSync());
  app.addHook("onClose", () => database.close());
  app.log.info({ database: describeDatabase(config.database) }, "database");

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down: finishing in-flight requests");
    // In-flight requests finish, then onClose hooks close the database and Redis.
    const force = setTimeout(() => {
      app.log.error("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    app.close().then(
      () => app.log.info("shut down cleanly"),
      (error: unknown) => {
        app.log.error({ err: error }, "error during shutdown");
        process.exitCode = 1;
      },
    );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);

  await app.listen({ host: config.host, port: config.port });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`API configuration error: ${error.message}`);
  } else {
    console.error("API failed to start:", error);
  }
  process.exit(1);
});
