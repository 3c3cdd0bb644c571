// The report of `npm run bench` (docs/benchmarks.md), from the figures run.mjs measured.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../lib/processes.mjs";
import { SCENARIOS, SETTINGS } from "./settings.mjs";

const fmt = (n) => Math.round(n).toLocaleString("en-US");
const pct = (r) => `${(r * 100).toFixed(0)}%`;
const mb = (n) => n.toFixed(0);

function table(run) {
  const lines = [
    "| scenario | server | req/s | CPU µs/req | p50 ms | p99 ms | peak RSS MB | 2xx/4xx/5xx |",
    "|---|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const [name, { api, floor }] of Object.entries(run.results)) {
    for (const [who, r] of [
      ["API", api],
      ["floor", floor],
    ]) {
      lines.push(
        `| ${SCENARIOS[name].title} | ${who} | ${fmt(r.rps)} | ${fmt(r.cpuUs)} | ${r.p50} | ${r.p99} | ${mb(r.rss)} | ${r.statuses} |`,
      );
    }
    const byCpu = pct(floor.cpuUs / api.cpuUs);
    lines.push(`| | **API/floor** | **${pct(api.rps / floor.rps)}** | **${byCpu}** | | | | |`);
  }
  return lines.join("\n");
}

function profileTable(p) {
  const cell = (x) => `\`${x.name.replace(/\|/g, "\\|")}\` | ${(x.share * 100).toFixed(1)}%`;
  const rows = p.components.map((c, i) => {
    const f = p.functions[i];
    return `| ${cell(c)} | | ${f ? cell(f) : " | "} |`;
  });
  return ["| component | share |   | function | share |", "|---|---:|---|---|---:|", ...rows].join(
    "\n",
  );
}

function targetRows(sqlite, postgres) {
  const s = sqlite.results;
  const ratio = (name) => s[name].api.rps / s[name].floor.rps;
  const rss = [
    ...Object.values(s).map((r) => r.api.rss),
    ...Object.values(postgres?.results ?? {}).map((r) => r.api.rss),
  ];
  const maxRss = Math.max(...rss);
  // A guard rail is on the rate; on a busy machine the CPU-time ratio is shown beside it.
  const guardRail = (title, name, floorShare) => {
    const byCpu = s[name].floor.cpuUs / s[name].api.cpuUs;
    const met = ratio(name) >= floorShare;
    const note = met && byCpu < floorShare ? "by rate, not by CPU" : met ? "yes" : "no";
    const measured = `${pct(ratio(name))} (by CPU ${pct(byCpu)})`;
    return [
      `**guard rail**: ${title} ≥ ${pct(floorShare)} of the floor's req/s (SQLite)`,
      measured,
      note,
    ];
  };
  return [
    guardRail("list 20 tasks", "list", 0.5),
    guardRail("401 (bad signature)", "unauthorized", 0.3),
    [
      "**guard rail**: peak RSS ≤ 150 MB in each scenario (API, both databases)",
      `${mb(maxRss)} MB`,
      maxRss <= 150,
    ],
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
    [
      "start to first answer < 1 s (SQLite)",
      `${fmt(sqlite.apiStartMs)} ms`,
      sqlite.apiStartMs < 1000,
    ],
  ];
}

function postgresSection(postgres, pools, workers) {
  if (!postgres) {
    return "## PostgreSQL\n\nNot measured in this run (BENCH_POSTGRES=0, or no PostgreSQL on 127.0.0.1:5432).\n";
  }
  const best = pools?.reduce((a, b) => (b.rps > a.rps ? b : a));
  const poolRows = (pools ?? []).map(
    (r) =>
      `| ${r.size}${r.size === postgres.poolSize ? " (default)" : ""} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${mb(r.rss)} |`,
  );
  const workerRows = workers
    ? `
### Across cores (report only)

\`API_WORKERS=2\` (node:cluster, one port; rate-limit counters and revocations shared through Redis), pinned to both
cores — which PostgreSQL, Redis and the load generator share too, so this is a lower bound:

| workers | req/s | p50 ms | p99 ms | peak RSS MB (all processes) |
|---:|---:|---:|---:|---:|
| 1 (one core) | ${fmt(workers.one.rps)} | ${workers.one.p50} | ${workers.one.p99} | ${mb(workers.one.rss)} |
| 2 (two cores) | ${fmt(workers.two.rps)} | ${workers.two.p50} | ${workers.two.p99} | ${mb(workers.two.rss)} |
`
    : "";
  return `## PostgreSQL

Pool of ${postgres.poolSize} connections in both servers (the API's default, \`DATABASE_POOL_SIZE\`).

${table(postgres)}

### PostgreSQL pool size

The API alone under the list load (${SETTINGS.POOL_SECONDS} s after the warm-up; the default's row is the list run
above) with each pool size. The default was chosen from runs like these; the best size depends on
the machine and on what else the database serves, so measure on yours. Best in this run:
${best ? `${best.size} connections` : "not measured"}.

| pool | req/s | p50 ms | p99 ms | peak RSS MB |
|---:|---:|---:|---:|---:|
${poolRows.join("\n")}
${workerRows}`;
}

function chainSection(chain) {
  if (!chain) return "";
  return `## Sign-in chain

Sign in (Better Auth, including the password hash), fetch an access token with the session cookie,
then the first task list from the API: ${chain.count} chains, ${chain.concurrency} users at a time, web app and API
each on their own core. Sign-in is dominated by the deliberately slow password hash (scrypt,
tens of milliseconds of CPU each), queued ten deep on one core; the token step waits behind it
on the same core.

| step | p50 ms | p99 ms |
|---|---:|---:|
${["signIn:sign-in", "token:token", "list:first list", "total:whole chain"]
  .map((pair) => {
    const [key, label] = pair.split(":");
    return `| ${label} | ${chain[key].p50.toFixed(1)} | ${chain[key].p99.toFixed(1)} |`;
  })
  .join("\n")}
`;
}

/** docs/benchmarks.md as Markdown, and a one-line summary for the console. */
export function renderReport({ sqlite, postgres, pools, workers, chain, profiles, load }) {
  const { CONNECTIONS, DURATION, WARMUP, USERS, TASKS_PER_USER, REVOCATIONS, hasTaskset } =
    SETTINGS;
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const notes = readFileSync(path.join(ROOT, "scripts/bench/profile-notes.md"), "utf8").trim();
  const targets = targetRows(sqlite, postgres);
  const markdown = `# Benchmarks

Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpu}, ${os.cpus().length} cores.
Each server ${hasTaskset ? "pinned to one core (taskset -c 1)" : "unpinned (taskset missing)"}; load from a separate process
(autocannon, ${CONNECTIONS} connections, ${DURATION} s after a ${WARMUP} s warm-up). ${USERS} users with ${TASKS_PER_USER} top-level tasks each, as
people use the app (\`seed.mjs\`): a quarter of them in a second list shared with the next user, who is its editor (so every
page also reads a shared list), tags, a manual order, and every tenth task with two subtasks; requests rotate over the users' tokens; the revocation table holds ${fmt(REVOCATIONS)} live entries (ended sessions and
deleted accounts, none of them the callers'), so every request's revocation check looks into a full set. The API runs with
every control on (validation, CORS, security headers, both rate limits in memory, authentication, the revocation check,
one JSON log line per request to a file, problem details); \`NODE_ENV=production\`. Peak RSS is the kernel's high-water
mark of the server process (and its workers), reset before each scenario: the true maximum under that load.

**CPU µs/req** is the CPU time (user and system, from \`/proc\`) the server used per request served during its slices. The
load average was ${load.map((l) => l.toFixed(1)).join(" at the start and ")} at the end of this run. On a busy machine other
work takes turns with the servers: both rates fall and their ratio drifts towards 1 (the scheduler and the load generator set
the pace, not the servers), and a request's CPU time grows as well (shared caches and cores), less evenly; neither is then a
quiet machine's figure, and the two ratios together bound it. With a load average near 1 (the load generator), the rates are
the servers' own and the two ratios agree.

**The floor** (\`scripts/bench/floor-server.mjs\`) is the least a correct server does for the same requests, with
nothing from the project's packages: \`node:http\`; HS256 through \`node:crypto\` (key made once, \`timingSafeEqual\`) with
every header and claim rule of [the contract](contract.md), \`sid\` included, and its 401 (RFC 6750's challenge in
\`WWW-Authenticate\`); the revocation lookup in two \`Map\`s; one prepared statement per query (named statements on
PostgreSQL); \`JSON.stringify\`. It does the API's database work for the same request: a page is the user's own top-level
tasks and those of the lists shared with them (\`list_member\`), one compound ordered once with the page size plus one,
every column the API returns, each row mapped as the API maps it (tags parsed from their JSON text, the subtask counts,
the manual-order key, ISO timestamps), and the next page's cursor. A create does the same locked work as the API (SQLite:
\`BEGIN IMMEDIATE\`; PostgreSQL: a transaction with the per-user advisory lock): count, the Inbox, the end of its manual
order, the insert with tags and author, and the whole task in the answer. API/floor is the price of everything the API adds.

## SQLite

${table(sqlite)}

${postgresSection(postgres, pools, workers)}
## Against the targets

Same run, same core pinning; the ratios are on SQLite. Where a target is not met, the reason is under
"Why targets are not met" below.

| target | measured | met |
|---|---:|:---:|
${targets.map(([t, m, ok]) => `| ${t} | ${m} | ${typeof ok === "string" ? ok : ok ? "yes" : "no"} |`).join("\n")}

## Where the time goes

Self time in the API under load on SQLite (\`node --cpu-prof\`, this run, ${SETTINGS.PROFILE_SECONDS} s after the warm-up; the
profiler slows the server, so these runs are not in the tables above). By component, then the top functions:

${Object.entries(profiles)
  .map(([name, p]) => `### ${SCENARIOS[name].title} (now)\n\n${profileTable(p)}\n`)
  .join("\n")}
${notes}

${chainSection(chain)}`;
  const s = sqlite.results;
  const ratio = (name) => pct(s[name].api.rps / s[name].floor.rps);
  return {
    markdown,
    summary: `API/floor on SQLite: list ${ratio("list")}, create ${ratio("create")}, 401 ${ratio("unauthorized")}`,
  };
}
