// Starting, loading and stopping the servers under test; their peak memory.
import { spawn } from "node:child_process";
import { openSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { ROOT } from "../lib/processes.mjs";
import { SETTINGS } from "./settings.mjs";

const running = new Set();
// A failed run leaves no server behind (it would hold the port for the next one).
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** A server pinned to `core` (taskset execs into node, so the child pid is the server itself). */
export function startServer(logDir, name, args, env, core = 1) {
  const command = SETTINGS.hasTaskset ? "taskset" : process.execPath;
  const fullArgs = SETTINGS.hasTaskset ? ["-c", String(core), process.execPath, ...args] : args;
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

export async function waitUntilUp(url, started) {
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return performance.now() - started;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (performance.now() - started > 30_000) throw new Error(`${url} did not come up`);
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

function rotating(tokens, build) {
  let i = 0;
  return [{ setupRequest: (request) => ({ ...request, ...build(tokens[i++ % tokens.length]) }) }];
}

/** Warm-up, then the measured run; the row of figures for the report. */
export async function load(title, port, pid, tokens, build, seconds = SETTINGS.DURATION) {
  const url = `http://127.0.0.1:${port}`;
  const requests = rotating(tokens, build);
  const { CONNECTIONS: connections, WARMUP } = SETTINGS;
  const peak = peakMeter(pid);
  await autocannon({ url, connections, duration: WARMUP, requests });
  const result = await autocannon({ url, connections, duration: seconds, requests });
  const row = {
    title,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rss: peak(),
    statuses: `${result["2xx"]}/${result["4xx"]}/${result["5xx"]}${result.errors ? ` (${result.errors} errors)` : ""}`,
  };
  console.info(
    `${title}: ${Math.round(row.rps)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, peak RSS ${row.rss.toFixed(0)} MB, ${row.statuses}`,
  );
  return row;
}
