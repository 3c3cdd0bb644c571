import path from "node:path";
import type { Env } from "./env.js";

/**
 * Where the zero-config local run keeps its SQLite file and generated secrets.
 * Every root script starts the services from the repository root, so "./data" is the same
 * folder for the web app, the API, migrations and tests; DATA_DIR overrides it.
 */
export function resolveDataDir(env: Env, cwd: string = process.cwd()): string {
  return path.resolve(cwd, env.DATA_DIR?.trim() || "data");
}
