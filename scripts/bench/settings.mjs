// The one source of the benchmark's settings: run.mjs measures with them, report.mjs prints them.
import { spawnSync } from "node:child_process";

export const SETTINGS = {
  DURATION: Number(process.env.BENCH_SECONDS ?? 8),
  WARMUP: 2,
  /** API and floor take turns in this many slices of DURATION / ROUNDS seconds each. */
  ROUNDS: 4,
  /** The profiled runs only need stable shares, not a precise rate: shorter. */
  PROFILE_SECONDS: 4,
  CONNECTIONS: 50,
  USERS: 50,
  TASKS_PER_USER: 40,
  REVOCATIONS: 10_000,
  /** PostgreSQL pool sizes tried for the API under the list load (DATABASE_POOL_SIZE). */
  PG_POOLS: [2, 5, 10, 20],
  POOL_SECONDS: 4,
  ISSUER: "http://localhost:3000",
  AUDIENCE: "todo-api",
  PORTS: { api: 4170, floor: 4171, web: 3171 },
  hasTaskset: spawnSync("taskset", ["-c", "0", "true"]).status === 0,
};

// Creates come last: on a slow database their queued work would otherwise spill into the next load.
export const SCENARIOS = {
  list: {
    title: "list 20 tasks",
    build: (token) => ({
      method: "GET",
      path: "/api/tasks?limit=20",
      headers: { authorization: `Bearer ${token}` },
    }),
  },
  // A well-formed token of a known key whose signature does not match.
  unauthorized: {
    title: "401 (bad signature)",
    build: (token) => ({
      method: "GET",
      path: "/api/tasks",
      headers: { authorization: `Bearer ${token.slice(0, -4)}AAAA` },
    }),
  },
  create: {
    title: "create a task",
    build: (token) => ({
      method: "POST",
      path: "/api/tasks",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "Benchmark task", priority: "high", dueDate: "2031-01-01" }),
    }),
  },
};
