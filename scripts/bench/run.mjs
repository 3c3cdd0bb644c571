// `npm run bench`: loads the built API and the floor (scripts/bench/floor-server.mjs, the least a
// correct server does per request) in the same run, on SQLite and on PostgreSQL, from this
// separate process with autocannon at 50 connections; profiles the API under the list load; and
// writes docs/benchmarks.md. Servers are pinned to one core when taskset exists.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { adminQuery, createScratchPostgres, dropScratchPostgres } from "@todo/db/scratch-postgres";
import autocannon from "autocannon";
import { ROOT } from "../lib/processes.mjs";
import { measureChain } from "./chain.mjs";
import { summariseProfile } from "./profile.mjs";
import { renderReport } from "./report.mjs";
import { seed } from "./seed.mjs";

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP = 2;
const CONNECTIONS = 50;
const USERS = 50;
const TASKS_PER_USER = 40;
const REVOCATIONS = 10_000;
const PG_POOL = 10; // the API's pool size; the floor uses the same
const ISSUER = "http://localhost:3000";
const AUDIENCE = "todo-api";
const hasTaskset = spawnSync("taskset", ["-c", "0", "true"]).status === 0;

const dataDir = mkdtempSync(path.join(os.tmpdir(), "todo-bench-"));
const dbFile = path.join(dataDir, "todo.sqlite");
const secret = randomBytes(32).toString("base64url");
const betterAuthSecret = randomBytes(32).toString("base64url");
const SEED = {
  secret,
  issuer: ISSUER,
  audience: AUDIENCE,
  users: USERS,
  tasksPerUser: TASKS_PER_USER,
  revocations: REVOCATIONS,
};

/** Users, their tasks, one token each, and ~10,000 live revocations (none of them these users'). */

const running = new Set();
// A failed run leaves no server behind (it would hold the port for the next one).
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

function startServer(name, args, env, core = 1) {
  const command = hasTaskset ? "taskset" : process.execPath;
  const fullArgs = hasTaskset ? ["-c", String(core), process.execPath, ...args] : args;
  // Logs go to a file, as in production; writing them is part of the measured work.
  const out = openSync(path.join(dataDir, `${name}.log`), "w");
  const started = performance.now();
  const child = spawn(command, fullArgs, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", out, out],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  return { child, started };
}

async function waitUntilUp(url, started) {
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return performance.now() - started;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (performance.now() - started > 30_000) throw new Error(`${url} did not come up`);
  }
}

/** RSS of a process and its descendants (cluster workers), in MB. */
function rssMb(pid) {
  let kb = 0;
  try {
    kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    for (const child of children ? children.split(" ") : []) kb += rssMb(Number(child)) * 1024;
  } catch {}
  return kb / 1024;
}

/** taskset execs into node, so the child pid is the server process itself. */
async function load(title, port, pid, requests) {
  let maxRss = rssMb(pid);
  const sampler = setInterval(() => {
    maxRss = Math.max(maxRss, rssMb(pid));
  }, 200);
  const url = `http://127.0.0.1:${port}`;
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP, requests });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, requests });
  clearInterval(sampler);
  const row = {
    title,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rss: maxRss,
    statuses: `${result["2xx"]}/${result["4xx"]}/${result["5xx"]}${result.errors ? ` (${result.errors} errors)` : ""}`,
  };
  console.info(
    `${title}: ${Math.round(row.rps)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, RSS ${row.rss.toFixed(0)} MB, ${row.statuses}`,
  );
  return row;
}

function rotating(tokens, build) {
  let i = 0;
  return [{ setupRequest: (request) => ({ ...request, ...build(tokens[i++ % tokens.length]) }) }];
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

const SCENARIOS = {
  list: (token) => ({
    method: "GET",
    path: "/api/tasks?limit=20",
    headers: { authorization: `Bearer ${token}` },
  }),
  create: (token) => ({
    method: "POST",
    path: "/api/tasks",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ title: "Benchmark task", priority: "high", dueDate: "2031-01-01" }),
  }),
  // A well-formed token of a known key whose signature does not match.
  unauthorized: (token) => ({
    method: "GET",
    path: "/api/tasks",
    headers: { authorization: `Bearer ${token.slice(0, -4)}AAAA` },
  }),
};
const SCENARIO_TITLES = {
  list: "list 20 tasks",
  create: "create a task",
  unauthorized: "401 (bad signature)",
};

const env = {
  DATA_DIR: dataDir,
  JWT_SECRET: secret,
  BETTER_AUTH_SECRET: betterAuthSecret,
  JWT_ISSUER: ISSUER,
  JWT_AUDIENCE: AUDIENCE,
  RATE_LIMIT_PER_IP: "10000000",
  RATE_LIMIT_PER_USER: "10000000",
  MAX_TASKS_PER_USER: "1000000",
  NODE_ENV: "production",
};

/** API and floor side by side, scenario by scenario, on one database. */
async function compare(label, databaseEnv, tokens) {
  const api = startServer(`api-${label}`, ["apps/api/dist/server.js"], {
    ...env,
    ...databaseEnv.api,
    PORT: "4170",
  });
  const apiStartMs = await waitUntilUp("http://127.0.0.1:4170/healthz", api.started);
  const floor = startServer(`floor-${label}`, ["scripts/bench/floor-server.mjs"], {
    ...databaseEnv.floor,
    JWT_SECRET: secret,
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    PORT: "4171",
  });
  await waitUntilUp("http://127.0.0.1:4171/", floor.started);
  const results = {};
  for (const [name, build] of Object.entries(SCENARIOS)) {
    const title = SCENARIO_TITLES[name];
    results[name] = {
      api: await load(`${label} API: ${title}`, 4170, api.child.pid, rotating(tokens, build)),
      floor: await load(`${label} floor: ${title}`, 4171, floor.child.pid, rotating(tokens, build)),
    };
  }
  await stop(floor.child);
  return { results, api, apiStartMs };
}

/** The API alone under one scenario's load, with the CPU profiler on. */
async function profileApi(scenario, tokens) {
  const dir = path.join(dataDir, `profile-${scenario}`);
  const server = startServer(
    `api-profile-${scenario}`,
    ["--cpu-prof", `--cpu-prof-dir=${dir}`, "apps/api/dist/server.js"],
    { ...env, PORT: "4170" },
  );
  const upMs = await waitUntilUp("http://127.0.0.1:4170/healthz", server.started);
  await load(
    `SQLite API (profiled): ${SCENARIO_TITLES[scenario]}`,
    4170,
    server.child.pid,
    rotating(tokens, SCENARIOS[scenario]),
  );
  await stop(server.child);
  return summariseProfile(path.join(dir, readdirSync(dir)[0]), upMs + WARMUP * 1000);
}

// ---------------------------------------------------------------------------------------------
const sqliteTokens = await seed({ kind: "sqlite", path: dbFile }, SEED);
const sqlite = await compare("SQLite", { api: {}, floor: { DB_FILE: dbFile } }, sqliteTokens);

// The chain a user goes through on arrival, against the web app and the API together
// (BENCH_CHAIN=0 leaves it out while iterating).
let chain;
if (process.env.BENCH_CHAIN !== "0") {
  const web = startServer(
    "web",
    ["apps/web/dist/server.js", "--port", "3171"],
    {
      ...env,
      DATABASE_URL: `file:${dbFile}`,
      BETTER_AUTH_URL: "http://localhost:3171",
      API_URL: "http://localhost:4170",
      AUTH_RATE_LIMIT: "off",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    0,
  );
  await waitUntilUp("http://127.0.0.1:3171/sign-in", web.started);
  chain = await measureChain({
    webUrl: "http://localhost:3171",
    apiUrl: "http://127.0.0.1:4170",
  });
  console.info("chain (ms):", JSON.stringify(chain));
  await stop(web.child);
}
await stop(sqlite.api.child);

// The API under the list and the 401 loads with the CPU profiler on, for "where the time goes".
const profiles = {
  list: await profileApi("list", sqliteTokens),
  unauthorized: await profileApi("unauthorized", sqliteTokens),
};

// PostgreSQL, when the local server is there.
let postgres;
let workers;
const pgAvailable =
  process.env.BENCH_POSTGRES !== "0" &&
  (await adminQuery("select 1").then(
    () => true,
    () => false,
  ));
if (pgAvailable) {
  const url = await createScratchPostgres("todo_bench");
  try {
    const pgTokens = await seed({ kind: "postgres", url }, SEED);
    postgres = await compare(
      "PostgreSQL",
      { api: { DATABASE_URL: url }, floor: { DATABASE_URL: url, PG_POOL: String(PG_POOL) } },
      pgTokens,
    );
    await stop(postgres.api.child);
    if (process.env.BENCH_WORKERS !== "0" && process.env.REDIS_URL !== "") {
      // Two API workers on two cores, counters and revocations shared through Redis (report only).
      const cluster = startServer(
        "api-workers",
        ["apps/api/dist/server.js"],
        {
          ...env,
          DATABASE_URL: url,
          PORT: "4170",
          API_WORKERS: "2",
          REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
        },
        "0,1",
      );
      try {
        await waitUntilUp("http://127.0.0.1:4170/healthz", cluster.started);
        const two = await load(
          "PostgreSQL API, 2 workers: list 20 tasks",
          4170,
          cluster.child.pid,
          rotating(pgTokens, SCENARIOS.list),
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

const { markdown, summary } = renderReport({
  settings: {
    CONNECTIONS,
    DURATION,
    WARMUP,
    USERS,
    TASKS_PER_USER,
    REVOCATIONS,
    PG_POOL,
    SCENARIO_TITLES,
    hasTaskset,
  },
  sqlite,
  postgres,
  workers,
  chain,
  profiles,
});
writeFileSync(path.join(ROOT, "docs/benchmarks.md"), markdown);
console.info(`\n${summary}`);
console.info("Wrote docs/benchmarks.md");
rmSync(dataDir, { recursive: true, force: true });
