// The measured runs: API and floor side by side, the profiled API, the PostgreSQL pool sizes.
import { readdirSync } from "node:fs";
import path from "node:path";
import { summariseProfile } from "./profile.mjs";
import {
  load,
  loadSideBySide,
  startApiServer,
  startServer,
  stop,
  waitUntilUp,
} from "./servers.mjs";
import { SCENARIOS, SETTINGS } from "./settings.mjs";

const { PORTS } = SETTINGS;
const up = (port, started) => waitUntilUp(`http://127.0.0.1:${port}/healthz`, started);

/** The API on the run's port, with the run's environment and `env` over it. */
export function startApi(run, name, env = {}, nodeArgs = [], core = 1) {
  const runEnv = { ...run.env, PORT: String(PORTS.api), ...env };
  return startApiServer(run.dataDir, name, runEnv, { nodeArgs, core });
}

/** API and floor, scenario by scenario, on one database; the API is left running. */
export async function compare(run, label, databaseEnv, tokens) {
  const api = startApi(run, `api-${label}`, databaseEnv.api);
  const apiStartMs = await up(PORTS.api, api.started);
  const floor = startServer(run.dataDir, `floor-${label}`, ["scripts/bench/floor-server.mjs"], {
    ...databaseEnv.floor,
    JWT_SECRET: run.env.JWT_SECRET,
    JWT_ISSUER: SETTINGS.ISSUER,
    JWT_AUDIENCE: SETTINGS.AUDIENCE,
    PORT: String(PORTS.floor),
  });
  await waitUntilUp(`http://127.0.0.1:${PORTS.floor}/`, floor.started);
  const results = {};
  for (const [name, { title, build }] of Object.entries(SCENARIOS)) {
    const [apiRow, floorRow] = await loadSideBySide(
      [
        { title: `${label} API: ${title}`, port: PORTS.api, pid: api.child.pid },
        { title: `${label} floor: ${title}`, port: PORTS.floor, pid: floor.child.pid },
      ],
      tokens,
      build,
    );
    results[name] = { api: apiRow, floor: floorRow };
  }
  await stop(floor.child);
  return { results, api, apiStartMs };
}

/** The API alone under one scenario's load, with the CPU profiler on (SQLite). */
export async function profileApi(run, scenario, tokens) {
  const dir = path.join(run.dataDir, `profile-${scenario}`);
  const server = startApi(run, `api-profile-${scenario}`, {}, [
    "--cpu-prof",
    `--cpu-prof-dir=${dir}`,
  ]);
  const upMs = await up(PORTS.api, server.started);
  const { title, build } = SCENARIOS[scenario];
  const seconds = SETTINGS.PROFILE_SECONDS;
  await load(
    `SQLite API (profiled): ${title}`,
    PORTS.api,
    server.child.pid,
    tokens,
    build,
    seconds,
  );
  await stop(server.child);
  return summariseProfile(path.join(dir, readdirSync(dir)[0]), upMs + SETTINGS.WARMUP * 1000);
}

/**
 * The API under the list load at each pool size of SETTINGS.PG_POOLS (report: pool size). The
 * default size was just measured by compare(): its row is `measured`, not run again.
 */
export async function poolSweep(run, url, tokens, measured) {
  const rows = [];
  for (const size of SETTINGS.PG_POOLS) {
    if (size === measured.size) {
      rows.push({ ...measured.row, size });
      continue;
    }
    const api = startApi(run, `api-pool-${size}`, {
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: String(size),
    });
    await up(PORTS.api, api.started);
    const { title, build } = SCENARIOS.list;
    const row = await load(
      `PostgreSQL API, pool ${size}: ${title}`,
      PORTS.api,
      api.child.pid,
      tokens,
      build,
      SETTINGS.POOL_SECONDS,
    );
    rows.push({ size, ...row });
    await stop(api.child);
  }
  return rows;
}
