import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { type Dialect, Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import type { DatabaseConfig } from "./database-url.js";
import type { DatabaseSchema } from "./schema.js";

export interface Database {
  readonly kind: DatabaseConfig["kind"];
  readonly db: Kysely<DatabaseSchema>;
  /** For libraries that build their own Kysely instance on the same connection (Better Auth). */
  readonly dialect: Dialect;
  ping(): Promise<void>;
  /**
   * PostgreSQL's pool right now (connections open, idle, and callers waiting for one), for
   * metrics; undefined on SQLite, which has one synchronous connection and nothing to wait for.
   */
  pool(): { readonly total: number; readonly idle: number; readonly waiting: number } | undefined;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL pool size per process. */
  readonly poolSize?: number;
}

const PG_DATE_OID = 1082;
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares every query anew, which costs more than running it. Queries
 * come in a few dozen shapes, so their prepared statements are kept (least recently used out).
 * Safe because Kysely runs one statement at a time per connection and never keeps an iterator.
 */
function withStatementCache(connection: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => connection.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = connection.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

const NAMED_STATEMENTS = 256;

/**
 * PostgreSQL parses and plans an unnamed query every time. A query with parameters is sent as a
 * named statement instead, one name per distinct text (up to NAMED_STATEMENTS, then unnamed), so
 * each connection prepares it once and afterwards only binds values. Queries come in a few dozen
 * texts (the task list is compiled once per shape), so the names stay few.
 */
function withNamedStatements(pool: pg.Pool) {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (name === undefined && names.size < NAMED_STATEMENTS) {
      name = `todo_${names.size}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect();
      return {
        release: (error?: Error | boolean) => client.release(error),
        query(text: unknown, values?: unknown[]) {
          const name = typeof text === "string" && values?.length ? nameOf(text) : undefined;
          if (name !== undefined) return client.query({ name, text: text as string, values });
          return client.query(text as string, values);
        },
      };
    },
  };
}

/**
 * The SQLite file holds password hashes and session tokens: created 0600 whatever the umask (SQLite
 * gives its -wal and -shm files the database file's mode), and tightened to 0600 if it is ours and
 * was left wider.
 */
function makePrivate(file: string): void {
  if (file === ":memory:" || file === "") return;
  closeSync(openSync(file, "a", 0o600));
  for (const name of [file, `${file}-wal`, `${file}-shm`]) {
    // The database file is data chosen at run time (DATABASE_URL, the data folder), not a file of
    // the project: the web app's bundler must not trace the whole repository for it.
    if (!existsSync(/*turbopackIgnore: true*/ name)) continue;
    const stat = statSync(/*turbopackIgnore: true*/ name);
    if (stat.uid === process.getuid?.() && (stat.mode & 0o077) !== 0) chmodSync(name, 0o600);
  }
}

function openSqlite(file: string): SQLite.Database {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  makePrivate(file);
  const connection = new SQLite(file, { timeout: 5000 });
  // WAL lets the web app and the API use one file at once; foreign keys make user deletion
  // cascade to tasks (SQLite leaves them off unless asked, per connection).
  connection.pragma("journal_mode = WAL");
  connection.pragma("synchronous = NORMAL");
  connection.pragma("foreign_keys = ON");
  return connection;
}

function openPostgres(url: string, options: DatabaseOptions): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // Fail fast when the server is away, so requests get a 503 instead of hanging.
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 10_000,
    types: {
      // A calendar date stays "YYYY-MM-DD": turning it into a local-midnight Date shifts days.
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === PG_DATE_OID
          ? (value: string) => value
          : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
    },
  });
}

export function createDatabase(config: DatabaseConfig, options: DatabaseOptions = {}): Database {
  let dialect: Dialect;
  let closeDriver: () => Promise<void>;
  let poolOf: Database["pool"] = () => undefined;
  if (config.kind === "sqlite") {
    const connection = openSqlite(config.path);
    dialect = new SqliteDialect({ database: withStatementCache(connection) });
    closeDriver = async () => {
      if (connection.open) connection.close();
    };
  } else {
    const pool = openPostgres(config.url, options);
    // An idle client losing its server emits "error"; without a listener that would crash the
    // process. The next query reports the outage instead (503).
    pool.on("error", () => {});
    dialect = new PostgresDialect({ pool: withNamedStatements(pool) as never });
    closeDriver = () => pool.end();
    poolOf = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
  }
  const db = new Kysely<DatabaseSchema>({ dialect });
  let closed = false;
  return {
    kind: config.kind,
    db,
    dialect,
    async ping() {
      await sql`select 1`.execute(db);
    },
    pool: poolOf,
    async close() {
      if (closed) return;
      closed = true;
      // SqliteDialect.destroy closes the connection; the pool likewise. Either way the driver
      // ends up closed exactly once.
      await db.destroy().catch(() => closeDriver());
    },
  };
}
