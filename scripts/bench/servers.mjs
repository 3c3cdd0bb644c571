// Starting, loading and stopping the servers under test; their peak memory.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { API_ENV, apiArgs, ROOT, run } from "../lib/processes.mjs";
import { SETTINGS } from "./settings.mjs";

const running = new Set();
// A failed run leaves no server behind (it would hold the port for the next one).
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/**
 * A scratch deployment of the web app and the API for one script: a new data folder with its
 * SQLite file, fresh secrets, production mode, sign-up limits off, migrated. Returns the folder
 * (for the servers' logs, removed by the caller) and the environment both services start with.
 * Options: `databaseUrl` in place of the SQLite file (a scratch PostgreSQL database, say),
 * `redisUrl` to share revocations through Redis, and `env`, further settings over the rest.
 */
export function scratchDeployment(
  prefix,
  webUrl,
  apiUrl,
  { databaseUrl, redisUrl, env: extra } = {},
) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl ?? `file:${path.join(dataDir, "todo.sqlite")}`,
    ...(redisUrl && { REDIS_URL: redisUrl }),
    JWT_SECRET: randomBytes(32).toString("base64url"),
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    BETTER_AUTH_URL: webUrl,
    JWT_ISSUER: webUrl,
    API_URL: apiUrl,
    CORS_ORIGINS: webUrl,
    AUTH_RATE_LIMIT: "off",
    LOG_LEVEL: "warn",
    NODE_ENV: "production",
    ...extra,
  };
  run(process.execPath, ["packages/db/dist/migrate-cli.js"], { env: { ...process.env, ...env } });
  return { dataDir, env };
}

/**
 * A Node process with `env` over this one's, its output in `<logDir>/<name>.log`, pinned to `core`
 * where taskset exists (taskset execs into node, so the child pid is the server itself); a `core`
 * of null leaves it to the scheduler. It is killed if this process exits first.
 */
export function startServer(logDir, name, args, env, core = 1) {
  const pinned = SETTINGS.hasTaskset && core !== null;
  const command = pinned ? "taskset" : process.execPath;
  const fullArgs = pinned ? ["-c", String(core), process.execPath, ...args] : args;
  // Logs go to a file, as in production; writing them is part of the measured work.
  const out = openSync(path.join(logDir, `${name}.log`), "w");
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

/** The built API as production starts it (lib/processes.mjs), `nodeArgs` after its own options. */
export function startApiServer(logDir, name, env, { nodeArgs = [], core = 1 } = {}) {
  return startServer(logDir, name, apiArgs(nodeArgs), { ...API_ENV, ...env }, core);
}

/** Resolves with the ms from `started` until `url` answers below 500; throws after 90 s. */
export async function waitUntilUp(url, started) {
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return performance.now() - started;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (performance.now() - started > 90_000) throw new Error(`${url} did not come up`);
  }
}

export async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** A process and its descendants (cluster workers). */
function family(pid) {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    return [pid, ...(children ? children.split(" ").flatMap((c) => family(Number(c))) : [])];
  } catch {
    return [pid];
  }
}
const status = (pid, field) =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);

/**
 * Peak RSS: the kernel's high-water mark (VmHWM), reset before each scenario (clear_refs 5), so
 * the figure is the true maximum under that load, not a sample that may miss a peak. Where the
 * reset is refused, RSS sampled every 100 ms stands in.
 */
function peakMeter(pid) {
  const pids = family(pid);
  let exact = true;
  for (const p of pids) {
    try {
      writeFileSync(`/proc/${p}/clear_refs`, "5");
    } catch {
      exact = false;
    }
  }
  const sum = (field) => pids.reduce((kb, p) => kb + (status(p, field) || 0), 0) / 1024;
  let sampled = sum("VmRSS");
  const timer = setInterval(() => {
    sampled = Math.max(sampled, sum("VmRSS"));
  }, 100);
  return () => {
    clearInterval(timer);
    return exact ? Math.max(sum("VmHWM"), sampled) : sampled;
  };
}

const TICKS_PER_SECOND = Number(spawnSync("getconf", ["CLK_TCK"]).stdout?.toString() || 100);

/**
 * CPU time (µs, user and system) a process and its descendants have used so far. Divided by the
 * requests served it is the cost of a request, which holds when other work on the machine takes
 * cores away from the servers and their rates fall together.
 */
function cpuMicros(pid) {
  let ticks = 0;
  for (const p of family(pid)) {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {}
  }
  return (ticks * 1_000_000) / TICKS_PER_SECOND;
}

function rotating(tokens, build) {
  let i = 0;
  return [{ setupRequest: (request) => ({ ...request, ...build(tokens[i++ % tokens.length]) }) }];
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** One measured slice: requests, seconds, statuses, CPU time and every response time (ms). */
async function slice(url, pid, requests, seconds, into) {
  const { CONNECTIONS: connections } = SETTINGS;
  const instance = autocannon({ url, connections, duration: seconds, requests });
  instance.on("response", (_client, _status, _bytes, ms) => into.latencies.push(ms));
  const cpuBefore = cpuMicros(pid);
  const result = await instance;
  into.cpu += cpuMicros(pid) - cpuBefore;
  into.requests += result.requests.total;
  into.seconds += result.duration;
  into.s2 += result["2xx"];
  into.s4 += result["4xx"];
  into.s5 += result["5xx"];
  into.errors += result.errors;
}

function row(title, stats, rss) {
  const sorted = stats.latencies.sort((a, b) => a - b);
  const result = {
    title,
    rps: stats.requests / stats.seconds,
    cpuUs: stats.cpu / Math.max(1, stats.requests),
    p50: Math.round(percentile(sorted, 50)),
    p99: Math.round(percentile(sorted, 99)),
    rss,
    statuses: `${stats.s2}/${stats.s4}/${stats.s5}${stats.errors ? ` (${stats.errors} errors)` : ""}`,
  };
  console.info(
    `${title}: ${Math.round(result.rps)} req/s, ${Math.round(result.cpuUs)} µs CPU/req, p50 ${result.p50} ms, p99 ${result.p99} ms, peak RSS ${result.rss.toFixed(0)} MB, ${result.statuses}`,
  );
  return result;
}

const emptyStats = () => ({
  latencies: [],
  requests: 0,
  seconds: 0,
  cpu: 0,
  s2: 0,
  s4: 0,
  s5: 0,
  errors: 0,
});

/**
 * Servers under the same load, each warmed up, then measured in SETTINGS.ROUNDS alternating
 * slices that add up to `seconds` each: contention from other work on the machine then falls on
 * all of them alike, and their ratio holds even when the absolute rates move. Rows for the report.
 */
export async function loadSideBySide(servers, tokens, build, seconds = SETTINGS.DURATION) {
  const { WARMUP, ROUNDS } = SETTINGS;
  const targets = servers.map((server) => ({
    ...server,
    url: `http://127.0.0.1:${server.port}`,
    requests: rotating(tokens, build),
    stats: emptyStats(),
    peak: peakMeter(server.pid),
  }));
  for (const { url, requests } of targets) {
    await autocannon({ url, connections: SETTINGS.CONNECTIONS, duration: WARMUP, requests });
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of targets) {
      await slice(target.url, target.pid, target.requests, seconds / ROUNDS, target.stats);
    }
  }
  return targets.map((target) => row(target.title, target.stats, target.peak()));
}

/** One server: warm-up, then the measured run. */
export async function load(title, port, pid, tokens, build, seconds = SETTINGS.DURATION) {
  const [result] = await loadSideBySide([{ title, port, pid }], tokens, build, seconds);
  return result;
}
