import type { Database } from "@todo/db";
import { CompiledQuery, type Kysely } from "kysely";

type Executor = Kysely<Database["db"] extends Kysely<infer S> ? S : never>;

// Compiled once, like the queries around them (compiled-query.ts); the lock's text never changes.
const BEGIN_IMMEDIATE = CompiledQuery.raw("begin immediate");
const COMMIT = CompiledQuery.raw("commit");
const ROLLBACK = CompiledQuery.raw("rollback");
const ADVISORY_LOCK = "select pg_advisory_xact_lock(hashtext($1))";

/**
 * Runs `work` in one transaction under a per-user lock, so one user's writes that check a limit or
 * renumber positions cannot interleave: on PostgreSQL a transaction-scoped advisory lock on the
 * user id; on SQLite an immediate transaction, which takes the database's write lock at BEGIN
 * (Kysely's SQLite driver also runs one connection, held for the whole callback, so it serialises
 * this process; the write lock serialises the others: API workers, the web app).
 */
export function withUserLock<T>(
  database: Database,
  userId: string,
  work: (executor: Executor) => Promise<T>,
): Promise<T> {
  const { db, kind } = database;
  if (kind === "postgres") {
    return db.transaction().execute(async (trx) => {
      await trx.executeQuery(CompiledQuery.raw(ADVISORY_LOCK, [userId]));
      return work(trx);
    });
  }
  return db.connection().execute(async (connection) => {
    await connection.executeQuery(BEGIN_IMMEDIATE);
    try {
      const result = await work(connection);
      await connection.executeQuery(COMMIT);
      return result;
    } catch (error) {
      await connection.executeQuery(ROLLBACK).catch(() => {});
      throw error;
    }
  });
}
