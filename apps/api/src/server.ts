import cluster from "node:cluster";
import { ConfigError, loggerOptions } from "@todo/config";
import { type ApiConfig, loadApiConfig } from "./config.js";
import { createLogDestination } from "./infra/log-destination.js";

const SHUTDOWN_GRACE_MS = 10_000;
/** The longest a log line waits in the buffer on a quiet server. */
const LOG_FLUSH_MS = 1_000;

/**
 * API_WORKERS > 1: this primary migrates (when the local default asks for it), then forks the
 * workers, which share the port (node:cluster) and their limits through Redis. SIGTERM/SIGINT
 * reach every worker, each finishing its in-flight requests; a worker that dies otherwise stops
 * the whole group (exit 1), for the supervisor to restart.
 */
async function runPrimary(config: ApiConfig): Promise<void> {
  if (config.migrateOnStart) {
    const { createDatabase } = await import("@todo/db");
    const { migrateToLatest } = await import("@todo/db/migrations");
    const database = createDatabase(config.database, { poolSize: config.databasePoolSize });
    await migrateToLatest(database).finally(() => database.close());
  }
  let closing = false;
  const stopAll = (signal: NodeJS.Signals) => {
    closing = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  for (let i = 0; i < (config.workers ?? 1); i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (!closing) {
      console.error(`API worker ${worker.process.pid} exited (${signal ?? code}); stopping all`);
      process.exitCode = 1;
      stopAll("SIGTERM");
    }
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
  });
  process.once("SIGTERM", () => stopAll("SIGTERM"));
  process.once("SIGINT", () => stopAll("SIGINT"));
  console.info(`API primary ${process.pid}: ${config.workers} workers`);
}

async function main(): Promise<void> {
  const config = loadApiConfig();
  if ((config.workers ?? 1) > 1 && cluster.isPrimary) return runPrimary(config);
  // Tracing starts before the modules it instruments load: they are imported after it.
  const stopTracing = config.observability?.tracing
    ? await (await import("./infra/observability/tracing.js")).startApiTracing(
        config.observability.tracing,
      )
    : undefined;
  const [{ createDatabase, describeDatabase }, { migrateToLatest }, { buildApp }] =
    await Promise.all([import("@todo/db"), import("@todo/db/migrations"), import("./app.js")]);
  const database = createDatabase(config.database, { poolSize: config.databasePoolSize });
  if (config.migrateOnStart && cluster.isPrimary) await migrateToLatest(database);
  // Log lines are gathered and written asynchronously in batches (log-destination.ts). A quiet
  // server would hold its last lines until the batch fills, so it is also flushed every
  // LOG_FLUSH_MS, when the server stops and when the process exits.
  const destination = createLogDestination();
  const flushing = setInterval(() => destination.flush(), LOG_FLUSH_MS);
  flushing.unref();
  process.once("exit", () => destination.flushSync());
  const app = await buildApp(config, {
    database,
    logger: { ...loggerOptions(config.logLevel), stream: destination },
  });
  app.addHook("onClose", async () => {
    clearInterval(flushing);
    destination.flushSync();
  });
  app.addHook("onClose", () => database.close());
  // Last: the spans of the shutdown itself are exported too.
  if (stopTracing) app.addHook("onClose", stopTracing);
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
