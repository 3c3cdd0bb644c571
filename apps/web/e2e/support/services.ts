import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: services start from there, like `npm start` does. */
export const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
export const WEB_URL = "http://localhost:3100";
export const API_URL = "http://localhost:4100";
/** Short on purpose: every test lives through several token expiries. */
export const TOKEN_TTL_SECONDS = 10;
const STATE_FILE = path.join(tmpdir(), "todo-e2e-services.json");

interface State {
  dataDir: string;
  env: Record<string, string>;
  pids: { web?: number; api?: number };
}

function readState(): State {
  return JSON.parse(readFileSync(STATE_FILE, "utf8")) as State;
}

function writeState(state: State): void {
  writeFileSync(STATE_FILE, JSON.stringify(state));
}

function launch(name: "web" | "api", env: Record<string, string>): ChildProcess {
  const args =
    name === "api"
      ? ["apps/api/dist/server.js"]
      : [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "apps/web", "--port", "3100"];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
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
    DATABASE_URL: `file:${path.join(dataDir, "e2e.sqlite")}`,
    JWT_SECRET: randomBytes(32).toString("base64url"),
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    BETTER_AUTH_URL: WEB_URL,
    JWT_ISSUER: WEB_URL,
    JWT_TTL_SECONDS: String(TOKEN_TTL_SECONDS),
    API_URL,
    CORS_ORIGINS: WEB_URL,
    PORT: "4100",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    // These tests sign up many users from one address; rate limiting has tests of its own.
    AUTH_RATE_LIMIT: "off",
  };
  const migrate = spawn(process.execPath, ["packages/auth/dist/migrate-cli.js"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: "inherit",
  });
  await new Promise<void>((resolve, reject) =>
    migrate.on("exit", (code) => (code === 0 ? resolve() : reject(new Error("migration failed")))),
  );
  const api = launch("api", env);
  const web = launch("web", env);
  writeState({ dataDir, env, pids: { api: api.pid, web: web.pid } });
  await Promise.all([waitFor(`${API_URL}/healthz`), waitFor(`${WEB_URL}/sign-in`)]);
}

/** Each service runs detached, in its own process group: signal the group (Next's server is a child). */
function kill(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

export async function stopApi(): Promise<void> {
  const state = readState();
  kill(state.pids.api);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      await fetch(`${API_URL}/healthz`);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the API did not stop");
}

/** Starts the API again; `overrides` change its environment for this run only. */
export async function startApi(overrides: Record<string, string> = {}): Promise<void> {
  const state = readState();
  const api = launch("api", { ...state.env, ...overrides });
  writeState({ ...state, pids: { ...state.pids, api: api.pid } });
  await waitFor(`${API_URL}/healthz`);
}

/** Restarts the web app; `overrides` change its environment for this run only. */
export async function restartWeb(overrides: Record<string, string> = {}): Promise<void> {
  const state = readState();
  kill(state.pids.web);
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await fetch(`${WEB_URL}/sign-in`);
    } catch {
      break;
    }
    if (Date.now() > deadline) throw new Error("the web app did not stop");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const web = launch("web", { ...state.env, ...overrides });
  writeState({ ...state, pids: { ...state.pids, web: web.pid } });
  await waitFor(`${WEB_URL}/sign-in`);
}

/** The environment the services were started with (the secrets of this run included). */
export function serviceEnv(): Readonly<Record<string, string>> {
  return readState().env;
}

export function stopServices(): void {
  if (!existsSync(STATE_FILE)) return;
  const { pids } = readState();
  kill(pids.api);
  kill(pids.web);
}
