// `npm run bench`: loads the built API and the floor (scripts/bench/floor-server.mjs, the least a
// correct server does per request) in the same run, on SQLite and on PostgreSQL, from this
// separate process with autocannon at 50 connections; profiles the API under the list load; and
// writes docs/benchmarks.md. Servers are pinned to one core when taskset exists.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase } from "@todo/db";
import { migrateToLatest } from "@todo/db/migrations";
import { adminQuery, createScratchPostgres, dropScratchPostgres } from "@todo/db/scratch-postgres";
import { createAccessTokenIssuer, createKeyRing } from "@todo/token";
import autocannon from "autocannon";
import { ROOT } from "../lib/processes.mjs";
import { measureChain } from "./chain.mjs";

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

/** Users, their tasks, one token each, and ~10,000 live revocations (none of them these users'). */
async function seed(config) {
  const database = createDatabase(config);
  await migrateToLatest(database);
  const issuer = createAccessTokenIssuer({
    keyRing: await createKeyRing({ secret }),
    issuer: ISSUER,
    audience: AUDIENCE,
    ttlSeconds: 3600,
  });
  const bool = (v) => (config.kind === "sqlite" ? Number(v) : v);
  const tokens = [];
  const start = Date.now() - 86_400_000;
  for (let u = 0; u < USERS; u++) {
    const id = randomUUID();
    const now = new Date().toISOString();
    await database.db
      .insertInto("user")
      .values({
        id,
        name: `User ${u}`,
        email: `bench${u}@example.test`,
        emailVerified: bool(false),
        image: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const rows = Array.from({ length: TASKS_PER_USER }, (_, t) => {
      const at = new Date(start + t * 60_000).toISOString();
      const title = `Task ${t} of user ${u}`;
      return {
        id: randomUUID(),
        user_id: id,
        title,
        description: "Some words about it",
        title_key: title.toLowerCase(),
        search_text: `${title}\nsome words about it`.toLowerCase(),
        completed: bool(t % 3 === 0),
        completed_at: t % 3 === 0 ? at : null,
        priority: (t % 3) + 1,
        due_date: t % 2 ? "2030-01-01" : null,
        created_at: at,
        updated_at: at,
      };
    });
    await database.db.insertInto("task").values(rows).execute();
    const minted = await issuer.mint({
      sub: id,
      sid: randomUUID(),
      email: `bench${u}@example.test`,
      name: `User ${u}`,
    });
    tokens.push(minted.token);
  }
  const at = Math.floor(Date.now() / 1000);
  for (let i = 0; i < REVOCATIONS; i += 500) {
    const batch = Array.from({ length: 500 }, (_, j) => ({
      session_id: (i + j) % 10 === 9 ? null : randomUUID(),
      user_id: (i + j) % 10 === 9 ? randomUUID() : null,
      revoked_at: at,
      keep_until: at + 3600,
    }));
    await database.db.insertInto("revocation").values(batch).execute();
  }
  await database.close();
  return tokens;
}

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

/** Where a profile node's code lives: a package, the API, a workspace package, Node, or a state. */
function component(frame) {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : `(native) ${functionName}`;
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return dependency[1];
  const workspace = /\/(apps\/[^/]+|packages\/[^/]+)\//.exec(url);
  if (workspace) return workspace[1];
  if (url.startsWith("node:")) return "Node.js (http, streams, crypto, timers…)";
  return url;
}

/** Self time by component and by function from a .cpuprofile, after the first `skipMs`. */
function summariseProfile(file, skipMs) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const components = new Map();
  const functions = new Map();
  let t = 0;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    if (t < skipMs * 1000) return;
    const frame = byId.get(id).callFrame;
    const where = component(frame);
    const fn = frame.url ? `${frame.functionName || "(anonymous)"} · ${where}` : where;
    components.set(where, (components.get(where) ?? 0) + dt);
    functions.set(fn, (functions.get(fn) ?? 0) + dt);
    total += dt;
  });
  const top = (map, n) =>
    [...map.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, share: us / total }));
  return { components: top(components, 10), functions: top(functions, 10) };
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
const sqliteTokens = await seed({ kind: "sqlite", path: dbFile });
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
  const chain = await measureChain({
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
    const pgTokens = await seed({ kind: "postgres", url });
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

// ---------------------------------------------------------------------------------------------
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const fmt = (n) => Math.round(n).toLocaleString("en-US");
const pct = (r) => `${(r * 100).toFixed(0)}%`;

function table(run) {
  const lines = [];
  for (const [name, { api, floor }] of Object.entries(run.results)) {
    for (const [who, r] of [
      ["API", api],
      ["floor", floor],
    ]) {
      lines.push(
        `| ${SCENARIO_TITLES[name]} | ${who} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${r.rss.toFixed(0)} | ${r.statuses} |`,
      );
    }
    lines.push(`| | **API/floor** | **${pct(api.rps / floor.rps)}** | | | | |`);
  }
  return `| scenario | server | req/s | p50 ms | p99 ms | max RSS MB | 2xx/4xx/5xx |
|---|---|---:|---:|---:|---:|---|
${lines.join("\n")}`;
}

const s = sqlite.results;
const ratio = (name) => s[name].api.rps / s[name].floor.rps;
const maxRss = Math.max(
  ...Object.values(s).map((r) => r.api.rss),
  ...Object.values(postgres?.results ?? {}).map((r) => r.api.rss),
);
const targets = [
  [
    "list 20 tasks: API ≥ 75% of the floor's req/s (SQLite)",
    pct(ratio("list")),
    ratio("list") >= 0.75,
  ],
  [
    "list 20 tasks: API p99 ≤ 2× the floor's p99 (SQLite)",
    `${s.list.api.p99} ms vs ${s.list.floor.p99} ms`,
    s.list.api.p99 <= 2 * s.list.floor.p99,
  ],
  [
    "401 (bad signature): API ≥ 80% of the floor's (SQLite)",
    pct(ratio("unauthorized")),
    ratio("unauthorized") >= 0.8,
  ],
  [
    "create a task: API ≥ 60% of the floor's locked insert (SQLite)",
    pct(ratio("create")),
    ratio("create") >= 0.6,
  ],
  ["RSS ≤ 150 MB in each scenario (API, both databases)", `${maxRss.toFixed(0)} MB`, maxRss <= 150],
  [
    "start to first answer < 1 s (SQLite)",
    `${fmt(sqlite.apiStartMs)} ms`,
    sqlite.apiStartMs < 1000,
  ],
];

const markdown = `# Benchmarks

Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpu}, ${os.cpus().length} cores.
Each server ${hasTaskset ? "pinned to one core (taskset -c 1)" : "unpinned (taskset missing)"}; load from a separate process
(autocannon, ${CONNECTIONS} connections, ${DURATION} s after a ${WARMUP} s warm-up). ${USERS} users with ${TASKS_PER_USER} tasks each;
requests rotate over the users' tokens; the revocation table holds ${fmt(REVOCATIONS)} live entries (ended sessions and
deleted accounts, none of them the callers'), so every request's revocation check looks into a full set. The API runs with
every control on (validation, CORS, security headers, both rate limits in memory, authentication, the revocation check,
one JSON log line per request to a file, problem details); \`NODE_ENV=production\`.

**The floor** (\`scripts/bench/floor-server.mjs\`) is the least a correct server does for the same requests, with
nothing from the project's packages: \`node:http\`; HS256 through \`node:crypto\` (key made once, \`timingSafeEqual\`) with
every header and claim rule of [the contract](contract.md), \`sid\` included; the revocation lookup in two \`Map\`s;
one prepared statement per query (named statements on PostgreSQL); \`JSON.stringify\`. Creates do the same locked
count-and-insert as the API (SQLite: \`BEGIN IMMEDIATE\`, count, insert, \`COMMIT\`; PostgreSQL: a transaction with the
per-user advisory lock). API/floor is the price of everything the API adds.

## SQLite

${table(sqlite)}

${
  postgres
    ? `## PostgreSQL

Pool of ${PG_POOL} connections in both servers (the API's default). The pool size has not yet been chosen by
measurement; with one core serving, a larger pool can only queue more work in PostgreSQL.

${table(postgres)}
${
  workers
    ? `
### Across cores (report only)

\`API_WORKERS=2\` (node:cluster, one port; rate-limit counters and revocations shared through Redis), pinned to both
cores — which PostgreSQL, Redis and the load generator share too, so this is a lower bound:

| workers | req/s | p50 ms | p99 ms | max RSS MB (all processes) |
|---:|---:|---:|---:|---:|
| 1 (one core) | ${fmt(workers.one.rps)} | ${workers.one.p50} | ${workers.one.p99} | ${workers.one.rss.toFixed(0)} |
| 2 (two cores) | ${fmt(workers.two.rps)} | ${workers.two.p50} | ${workers.two.p99} | ${workers.two.rss.toFixed(0)} |
`
    : ""
}`
    : "## PostgreSQL\n\nNot measured in this run (BENCH_POSTGRES=0, or no PostgreSQL on 127.0.0.1:5432).\n"
}
## Against the targets

Same run, same core pinning; the targets are on SQLite.

| target | measured | met |
|---|---:|:---:|
${targets.map(([t, m, ok]) => `| ${t} | ${m} | ${ok ? "yes" : "no"} |`).join("\n")}

## Where the time goes

Self time in the API under load on SQLite (\`node --cpu-prof\`, this run, the ${DURATION} s after warm-up; the
profiler slows the server, so these runs are not in the tables above). By component, then the top functions:

${Object.entries(profiles)
  .map(
    ([name, p]) => `### ${SCENARIO_TITLES[name]}

| component | share |   | function | share |
|---|---:|---|---|---:|
${p.components
  .map((c, i) => {
    const f = p.functions[i];
    const cell = (x) => `\`${x.name.replace(/\|/g, "\\|")}\` | ${(x.share * 100).toFixed(1)}%`;
    return `| ${cell(c)} | | ${f ? cell(f) : " | "} |`;
  })
  .join("\n")}
`,
  )
  .join("\n")}
${readFileSync(path.join(ROOT, "scripts/bench/profile-notes.md"), "utf8").trim()}

${
  chain
    ? `## Sign-in chain

Sign in (Better Auth, including the password hash), fetch an access token with the session cookie,
then the first task list from the API: ${chain.count} chains, ${chain.concurrency} users at a time, web app and API
each on their own core. Sign-in is dominated by the deliberately slow password hash (scrypt,
tens of milliseconds of CPU each), queued ten deep on one core; the token step waits behind it
on the same core.

| step | p50 ms | p99 ms |
|---|---:|---:|
| sign-in | ${chain.signIn.p50.toFixed(1)} | ${chain.signIn.p99.toFixed(1)} |
| token | ${chain.token.p50.toFixed(1)} | ${chain.token.p99.toFixed(1)} |
| first list | ${chain.list.p50.toFixed(1)} | ${chain.list.p99.toFixed(1)} |
| whole chain | ${chain.total.p50.toFixed(1)} | ${chain.total.p99.toFixed(1)} |
`
    : ""
}`;
writeFileSync(path.join(ROOT, "docs/benchmarks.md"), markdown);
console.info(
  `\nAPI/floor on SQLite: list ${pct(ratio("list"))}, create ${pct(ratio("create"))}, 401 ${pct(ratio("unauthorized"))}`,
);
console.info("Wrote docs/benchmarks.md");
rmSync(dataDir, { recursive: true, force: true });
