// `npm run bench`: loads the built API and the floor (scripts/bench/floor-server.mjs, the least a
// correct server does per request) in the same run, on SQLite and on PostgreSQL, from this
// separate process with autocannon; profiles the API under load; tries PostgreSQL pool sizes;
// and writes docs/benchmarks.md. Settings: settings.mjs. Servers are pinned to one core when
// taskset exists. BENCH_POSTGRES=0, BENCH_CHAIN=0, BENCH_WORKERS=0 leave parts out;
// BENCH_REDIS_URL is the Redis of the two-worker run.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { adminQuery, createScratchPostgres, dropScratchPostgres } from "@todo/db/scratch-postgres";
import { ROOT } from "../lib/processes.mjs";
import { measureChain } from "./chain.mjs";
import { compare, poolSweep, profileApi, startApi } from "./compare.mjs";
import { renderReport } from "./report.mjs";
import { seed } from "./seed.mjs";
import { load, startServer, stop, waitUntilUp } from "./servers.mjs";
import { SCENARIOS, SETTINGS } from "./settings.mjs";

const { PORTS } = SETTINGS;
// The servers inherit this environment: their counters stay in memory, as the report says. Only
// the two-worker run uses Redis (BENCH_REDIS_URL).
const workersRedisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
delete process.env.REDIS_URL;
const began = performance.now();
const loadAtStart = os.loadavg()[0];
const phases = [];
const phase = (name) => phases.push([name, performance.now()]);

const dataDir = mkdtempSync(path.join(os.tmpdir(), "todo-bench-"));
const dbFile = path.join(dataDir, "todo.sqlite");
const secret = randomBytes(32).toString("base64url");
const SEED = {
  secret,
  issuer: SETTINGS.ISSUER,
  audience: SETTINGS.AUDIENCE,
  users: SETTINGS.USERS,
  tasksPerUser: SETTINGS.TASKS_PER_USER,
  revocations: SETTINGS.REVOCATIONS,
};
const run = {
  dataDir,
  env: {
    DATA_DIR: dataDir,
    JWT_SECRET: secret,
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    JWT_ISSUER: SETTINGS.ISSUER,
    JWT_AUDIENCE: SETTINGS.AUDIENCE,
    RATE_LIMIT_PER_IP: "10000000",
    RATE_LIMIT_PER_USER: "10000000",
    MAX_TASKS_PER_USER: "1000000",
    NODE_ENV: "production",
  },
};

// --- SQLite -------------------------------------------------------------------------------------
phase("SQLite");
const sqliteTokens = await seed({ kind: "sqlite", path: dbFile }, SEED);
const sqlite = await compare(run, "SQLite", { api: {}, floor: { DB_FILE: dbFile } }, sqliteTokens);

// The chain a user goes through on arrival, against the web app and the API together.
let chain;
if (process.env.BENCH_CHAIN !== "0") {
  phase("sign-in chain");
  const web = startServer(
    dataDir,
    "web",
    ["apps/web/dist/server.js", "--port", String(PORTS.web)],
    {
      ...run.env,
      DATABASE_URL: `file:${dbFile}`,
      BETTER_AUTH_URL: `http://localhost:${PORTS.web}`,
      API_URL: `http://localhost:${PORTS.api}`,
      AUTH_RATE_LIMIT: "off",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    0,
  );
  await waitUntilUp(`http://127.0.0.1:${PORTS.web}/sign-in`, web.started);
  chain = await measureChain({
    webUrl: `http://localhost:${PORTS.web}`,
    apiUrl: `http://127.0.0.1:${PORTS.api}`,
  });
  console.info("chain (ms):", JSON.stringify(chain));
  await stop(web.child);
}
await stop(sqlite.api.child);

// The API under each load with the CPU profiler on, for "where the time goes".
phase("profiles");
const profiles = {
  list: await profileApi(run, "list", sqliteTokens),
  unauthorized: await profileApi(run, "unauthorized", sqliteTokens),
  create: await profileApi(run, "create", sqliteTokens),
};

// --- PostgreSQL, when the local server is there -------------------------------------------------
let postgres;
let pools;
let workers;
const pgAvailable =
  process.env.BENCH_POSTGRES !== "0" &&
  (await adminQuery("select 1").then(
    () => true,
    () => false,
  ));
if (pgAvailable) {
  phase("PostgreSQL");
  const url = await createScratchPostgres("todo_bench");
  try {
    const pgTokens = await seed({ kind: "postgres", url }, SEED);
    // The floor gets the API's pool size, whatever its default is today.
    const { loadApiConfig } = await import("../../apps/api/dist/config.js");
    const poolSize = loadApiConfig({ ...run.env, DATABASE_URL: url }, () => {}).databasePoolSize;
    const databaseEnv = {
      api: { DATABASE_URL: url },
      floor: { DATABASE_URL: url, PG_POOL: String(poolSize) },
    };
    postgres = { ...(await compare(run, "PostgreSQL", databaseEnv, pgTokens)), poolSize };
    await stop(postgres.api.child);
    phase("pool sizes");
    pools = await poolSweep(run, url, pgTokens, { size: poolSize, row: postgres.results.list.api });
    if (process.env.BENCH_WORKERS !== "0") {
      // Two API workers on two cores, counters and revocations shared through Redis (report only).
      phase("2 workers");
      const env = { DATABASE_URL: url, API_WORKERS: "2", REDIS_URL: workersRedisUrl };
      const cluster = startApi(run, "api-workers", env, [], "0,1");
      try {
        await waitUntilUp(`http://127.0.0.1:${PORTS.api}/healthz`, cluster.started);
        const { title, build } = SCENARIOS.list;
        const two = await load(
          `PostgreSQL API, 2 workers: ${title}`,
          PORTS.api,
          cluster.child.pid,
          pgTokens,
          build,
        );
        workers = { one: postgres.results.list.api, two };
      } catch (error) {
        console.warn(`2 workers not measured: ${error.message}`);
      } finally {
        await stop(cluster.child);
      }
    }
  } finally {
    await dropScratchPostgres(url);
  }
} else {
  console.warn("PostgreSQL left out (BENCH_POSTGRES=0 or nothing on 127.0.0.1:5432).");
}
phase("end");

const loads = [loadAtStart, os.loadavg()[0]];
const { markdown, summary } = renderReport({
  sqlite,
  postgres,
  pools,
  workers,
  chain,
  profiles,
  load: loads,
});
writeFileSync(path.join(ROOT, "docs/benchmarks.md"), markdown);
console.info(`\n${summary}`);
const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;
const timings = phases
  .slice(0, -1)
  .map(([name, at], i) => `${name} ${seconds(phases[i + 1][1] - at)}`);
console.info(
  `Wrote docs/benchmarks.md in ${seconds(performance.now() - began)} (${timings.join(", ")})`,
);
rmSync(dataDir, { recursive: true, force: true });
