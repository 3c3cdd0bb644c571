// Small helpers to run and supervise the services from the repository root, with nothing but
// Node's standard library (they run before and without any build).
import { spawn, spawnSync } from "node:child_process";
import { printReadable } from "./log-lines.mjs";

export const ROOT = new URL("../../", import.meta.url).pathname;

/**
 * Node options of the API's production start (npm start, npm run start:api, the benchmarks). They
 * keep its peak RSS under load within 150 MB (decision 0016, docs/benchmarks.md):
 * - a young generation of 2 × 8 MB instead of V8's 2 × 16 MB, for a little more time in the
 *   garbage collector (request garbage dies young either way);
 * - garbage collection on the main thread only: an API process serves on one thread and scales by
 *   processes (API_WORKERS), so V8's helper threads would take cores from the other workers, and
 *   each would hold its own malloc arena;
 * - the old generation grows by at most 20% over what survived the last full collection, instead
 *   of V8's factor of up to 4: requests waiting on the database outlive a young collection, and
 *   without it the old space swelled by ~90 MB between full collections (no hard limit is set);
 * - no allocation-site pretenuring: V8 would otherwise start allocating a request's objects
 *   straight in the old space after a burst in which many were still alive, and the API then ran
 *   full collections several times a second at half its throughput (decision 0018).
 */
const API_NODE_OPTIONS = [
  "--max-semi-space-size=8",
  "--single-threaded-gc",
  "--heap-growing-percent=20",
  "--no-allocation-site-pretenuring",
];

/** The built API's arguments to `node`, as every start runs it: its Node options, then `nodeArgs`. */
export function apiArgs(nodeArgs = []) {
  return [...API_NODE_OPTIONS, ...nodeArgs, "apps/api/dist/server.js"];
}

/**
 * Environment of the API's production start: glibc keeps up to 8 malloc arenas per core, each
 * growing on its own; two are plenty for one serving thread (decision 0016). An operator's own
 * setting wins.
 */
export const API_ENV = { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2" };

/** The built API as a service for `supervise`, started as production starts it. */
export const API_SERVICE = {
  name: "api",
  command: process.execPath,
  args: apiArgs(),
  env: API_ENV,
};

// Nothing here may call out to the internet: Next.js would otherwise send telemetry.
process.env.NEXT_TELEMETRY_DISABLED = "1";

/** Runs a command to completion in the repository root; exits the process if it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", ...options });
  if (result.status !== 0) {
    console.error(
      `\n${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`,
    );
    process.exit(result.status ?? 1);
  }
}

/**
 * Starts long-running services and supervises them: Ctrl-C (SIGINT) or SIGTERM is passed to every
 * child, and the supervisor exits once all have stopped. If one stops on its own, the others are
 * stopped too and the exit code is non-zero.
 */
export function supervise(services) {
  // At a terminal, JSON log lines are shown readable (log-lines.mjs); elsewhere they pass as is.
  const readable = process.stdout.isTTY === true;
  const children = services.map(({ name, command, args, env }) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: ["inherit", readable ? "pipe" : "inherit", "inherit"],
      env: { ...process.env, ...env },
    });
    if (readable && child.stdout) printReadable(name, child.stdout);
    child.serviceName = name;
    return child;
  });
  let stopping = false;
  let exitCode = 0;
  const stopAll = (signal) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill(signal);
    setTimeout(() => {
      for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    }, 15_000).unref();
  };
  for (const child of children) {
    child.on("exit", (code, signal) => {
      if (!stopping) {
        console.error(
          `\n${child.serviceName} stopped (${signal ?? `exit ${code}`}); stopping the others.`,
        );
        exitCode = code || 1;
        stopAll("SIGTERM");
      }
      if (children.every((c) => c.exitCode !== null || c.signalCode !== null))
        process.exit(exitCode);
    });
  }
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      console.info(`\nStopping (${signal})…`);
      stopAll(signal === "SIGINT" ? "SIGTERM" : signal);
    });
  }
}
