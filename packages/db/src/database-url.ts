import path from "node:path";
import { ConfigError, type Env, resolveDataDir } from "@todo/config";

export type DatabaseConfig =
  | { readonly kind: "sqlite"; readonly path: string }
  | { readonly kind: "postgres"; readonly url: string };

export const DEFAULT_SQLITE_FILE = "todo.sqlite";

/**
 * The database an environment names (DATABASE_URL, DATA_DIR): the one loader of the API's and
 * the web app's config modules and of the migration command, so all three open the same one.
 */
export function databaseConfigFrom(env: Env): DatabaseConfig {
  return parseDatabaseUrl(env.DATABASE_URL, resolveDataDir(env));
}

/**
 * DATABASE_URL unset: the embedded SQLite file in the data folder. `postgres://` or
 * `postgresql://`: PostgreSQL. `file:<path>`: another SQLite file (tests use fresh ones).
 */
export function parseDatabaseUrl(url: string | undefined, dataDir: string): DatabaseConfig {
  const value = url?.trim();
  if (!value) return { kind: "sqlite", path: path.join(dataDir, DEFAULT_SQLITE_FILE) };
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: "postgres", url: value };
  if (value.startsWith("file:")) {
    const file = value.slice("file:".length);
    if (!file)
      throw new ConfigError("DATABASE_URL file: needs a path, e.g. file:./data/todo.sqlite");
    return { kind: "sqlite", path: path.resolve(file) };
  }
  // Never echo the value: a mistyped URL may carry a password.
  throw new ConfigError("DATABASE_URL must start with postgres://, postgresql:// or file:");
}

/** The URL without credentials, for log lines. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === "sqlite") return `SQLite ${config.path}`;
  const url = new URL(config.url);
  return `PostgreSQL ${url.hostname}:${url.port || "5432"}${url.pathname}`;
}
