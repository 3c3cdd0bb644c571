import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createScratchPostgres, dropScratchPostgres } from "@todo/db/scratch-postgres";
import { Redis } from "ioredis";

/** The repository root: services start from there, like `npm start` does. */
export const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
/**
 * E2E_PORT_OFFSET moves both services (web 3100, API 4100) so that two checkouts can run their
 * suites side by side on one machine.
 */
const PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const WEB_PORT = 3100 + PORT_OFFSET;
export const API_PORT = 4100 + PORT_OFFSET;
export const WEB_URL = `http://localhost:${WEB_PORT}`;
export const API_URL = `http://localhost:${API_PORT}`;
/** The FastAPI example verifier (verifiers/fastapi), run with Debian's Python when it is there. */
export const FASTAPI_PORT = 4200 + PORT_OFFSET;
export const FASTAPI_URL = `http://127.0.0.1:${FASTAPI_PORT}`;
export const PYTHON = "/usr/bin/python3";
/** Short on purpose: every test lives through several token expiries. */
export const TOKEN_TTL_SECONDS = 10;
const STATE_FILE = path.join(tmpdir(), `todo-e2e-services-${WEB_PORT}.json`);

/**
 * E2E_DATABASE=postgres runs the services as in production: a fresh PostgreSQL database, and Redis
 * (a database index of its own, emptied first) for the rate-limit counters of both services.
 */
const POSTGRES = process.env.E2E_DATABASE === "postgres";
const REDIS_URL = process.env.E2E_REDIS_URL ?? "redis://127.0.0.1:6379/9";

/** Where a fresh run keeps its data: a new SQLite file, or a new PostgreSQL database and Redis. */
async function freshDatabase(dataDir: string): Promise<Record<string, string>> {
  if (!POSTGRES) return { DATABASE_URL: `file:${path.join(dataDir, "e2e.sqlite")}` };
  const redis = new Redis(REDIS_URL);
  await redis.flushdb();
  redis.disconnect();
  return { DATABASE_URL: await createScratchPostgres("todo_e2e"), REDIS_URL };
}

/** Each service's output, for tests that read the audit trail. */
export function serviceLog(name: "web" | "api"): string {
  return readFileSync(path.join(readState().dataDir, `${name}.log`), "utf8");
}

interface State {
  dataDir: string;
  env: Record<string, string>;
  pids: { web?: number; api?: number; fastapi?: number };
}

function readState(): State {
  return JSON.parse(readFileSync(STATE_FILE, "utf8")) as State;
}

function writeState(state: State): void {
  writeFileSync(STATE_FILE, JSON.stringify(state));
}

/** Records one service's new process, read and written in one go: restarts may run side by side. */
function setPid(name: keyof State["pids"], pid: number | undefined): void {
  const state = readState();
  writeState({ ...state, pids: { ...state.pids, [name]: pid } });
}

/** Whether Debian's Python has what the FastAPI example needs (fastapi, uvicorn, PyJWT). */
export function pythonAvailable(): boolean {
  if (!existsSync(PYTHON)) return false;
  const probe = spawnSync(PYTHON, ["-c", "import fastapi, uvicorn, jwt"], { stdio: "ignore" });
  return probe.status === 0;
}

function launch(
  name: "web" | "api" | "fastapi",
  env: Record<string, string>,
  webPort = WEB_PORT,
): ChildProcess {
  const log = openSync(path.join(env.DATA_DIR ?? tmpdir(), `${name}.log`), "a");
  const [command, args] =
    name === "api"
      ? [process.execPath, ["apps/api/dist/server.js"]]
      : name === "web"
        ? [process.execPath, ["apps/web/dist/server.js", "--port", String(webPort)]]
        : [
            PYTHON,
            [
              "-m",
              "uvicorn",
              "--app-dir",
              "verifiers/fastapi",
              "--host",
              "127.0.0.1",
              "--port",
              String(FASTAPI_PORT),
              "--log-level",
              "warning",
              "example_app:app",
            ],
          ];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", log, name === "fastapi" ? log : "inherit"],
    detached: true,
  });
  child.unref();
  return child;
}

export async function waitFor(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function assertFree(url: string): Promise<void> {
  try {
    await fetch(url);
  } catch {
    return;
  }
  throw new Error(
    `${url} is already answering: stop whatever runs there, the tests need a fresh service`,
  );
}

/** Both services on a fresh data folder (a new SQLite file, new secrets). */
export async function startServices(): Promise<void> {
  await Promise.all([assertFree(`${API_URL}/healthz`), assertFree(WEB_URL)]);
  const dataDir = mkdtempSync(path.join(tmpdir(), "todo-e2e-"));
  const env = {
    DATA_DIR: dataDir,
    ...(await freshDatabase(dataDir)),
    JWT_SECRET: randomBytes(32).toString("base64url"),
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    BETTER_AUTH_URL: WEB_URL,
    JWT_ISSUER: WEB_URL,
    JWT_TTL_SECONDS: String(TOKEN_TTL_SECONDS),
    API_URL,
    CORS_ORIGINS: WEB_URL,
    PORT: String(API_PORT),
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    // These tests sign up many users and send many requests from one address; rate limiting has
    // tests of its own (API: rate-limit.test.ts; auth: create-auth.test.ts).
    AUTH_RATE_LIMIT: "off",
    RATE_LIMIT_PER_IP: "100000",
    RATE_LIMIT_PER_USER: "100000",
  };
  const migrate = spawn(process.execPath, ["packages/db/dist/migrate-cli.js"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: "inherit",
  });
  await new Promise<void>((resolve, reject) =>
    migrate.on("exit", (code) => (code === 0 ? resolve() : reject(new Error("migration failed")))),
  );
  const withPython = pythonAvailable();
  if (withPython) await assertFree(`${FASTAPI_URL}/healthz`);
  const api = launch("api", env);
  const web = launch("web", env);
  const fastapi = withPython ? launch("fastapi", env) : undefined;
  writeState({ dataDir, env, pids: { api: api.pid, web: web.pid, fastapi: fastapi?.pid } });
  await Promise.all([
    waitFor(`${API_URL}/healthz`),
    waitFor(`${WEB_URL}/sign-in`),
    ...(withPython ? [waitFor(`${FASTAPI_URL}/healthz`)] : []),
  ]);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    // Each service runs detached, in its own process group: signal the group (Next's server is a child).
    process.kill(-pid, name);
  } catch {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then wait for the process itself to be gone (SIGKILL after a grace period). */
async function stop(pid: number | undefined): Promise<void> {
  if (!pid) return;
  signal(pid, "SIGTERM");
  const deadline = Date.now() + 8_000;
  while (alive(pid)) {
    if (Date.now() > deadline) signal(pid, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function stopApi(): Promise<void> {
  await stop(readState().pids.api);
}

/** Starts the API again; `overrides` change its environment for this run only. */
export async function startApi(overrides: Record<string, string> = {}): Promise<void> {
  const api = launch("api", { ...readState().env, ...overrides });
  setPid("api", api.pid);
  await waitFor(`${API_URL}/healthz`);
}

/** Restarts the API; `overrides` change its environment for this run only. */
export async function restartApi(overrides: Record<string, string> = {}): Promise<void> {
  await stopApi();
  await startApi(overrides);
}

/** Restarts the web app; `overrides` change its environment for this run only. */
export async function restartWeb(overrides: Record<string, string> = {}): Promise<void> {
  const state = readState();
  await stop(state.pids.web);
  const web = launch("web", { ...state.env, ...overrides });
  setPid("web", web.pid);
  await waitFor(`${WEB_URL}/sign-in`);
}

/** Restarts the FastAPI example; `overrides` change its environment for this run only. */
export async function restartFastapi(overrides: Record<string, string> = {}): Promise<void> {
  const state = readState();
  await stop(state.pids.fastapi);
  const fastapi = launch("fastapi", { ...state.env, ...overrides });
  setPid("fastapi", fastapi.pid);
  await waitFor(`${FASTAPI_URL}/healthz`);
}

/**
 * A second web app or API instance on `port`, with the environment of the first (same database,
 * secrets and Redis): what a load balancer in front of several instances sees. Returns its stop
 * function.
 */
export async function startSecond(name: "web" | "api", port: number): Promise<() => Promise<void>> {
  const { env } = readState();
  const child =
    name === "web" ? launch("web", env, port) : launch("api", { ...env, PORT: `${port}` });
  await waitFor(`http://localhost:${port}${name === "web" ? "/sign-in" : "/healthz"}`);
  return () => stop(child.pid);
}

/** The environment the services were started with (the secrets of this run included). */
export function serviceEnv(): Readonly<Record<string, string>> {
  return readState().env;
}

export async function stopServices(): Promise<void> {
  if (!existsSync(STATE_FILE)) return;
  const { pids, env } = readState();
  await Promise.all([stop(pids.api), stop(pids.web), stop(pids.fastapi)]);
  const database = env.DATABASE_URL ?? "";
  if (database.startsWith("postgres")) await dropScratchPostgres(database);
}
