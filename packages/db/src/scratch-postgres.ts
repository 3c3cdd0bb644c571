import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * For tests: the PostgreSQL every development and CI machine runs (trust auth). Test suites make
 * a database of their own in it and drop it afterwards.
 */
export const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** One statement on the admin connection (create, drop, or a `select 1` to see it is there). */
export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({
    connectionString: POSTGRES_ADMIN_URL,
    connectionTimeoutMillis: 3000,
  });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A new, empty database named `<prefix>_<random hex>`; returns its URL. */
export async function createScratchPostgres(prefix: string): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database made by createScratchPostgres, closing whatever still uses it. */
export async function dropScratchPostgres(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a scratch database name: ${name}`);
  await adminQuery(`drop database if exists ${name} with (force)`);
}
