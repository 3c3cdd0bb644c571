import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, type Database } from "@todo/db";
import { migrateToLatest } from "@todo/db/migrations";

// For tests: a Better Auth instance on a real, migrated SQLite file, driven through its HTTP
// handler exactly as the web app's route handler drives it.

/** A fresh SQLite file in its own temporary folder, with every migration applied. */
export async function migratedTestDatabase(prefix: string): Promise<Database> {
  const dir = mkdtempSync(path.join(tmpdir(), `todo-${prefix}-`));
  const database = createDatabase({ kind: "sqlite", path: path.join(dir, "auth.sqlite") });
  await migrateToLatest(database);
  return database;
}

export interface AuthCall {
  readonly method?: string;
  /** Sent as JSON when present (`{}` included). */
  readonly body?: unknown;
  readonly cookie?: string;
  /** The request's Origin; the instance's own origin by default. */
  readonly origin?: string;
  readonly headers?: Record<string, string>;
}

/** One request to `/api/auth<pathname>` through `handler`, as a browser on `origin` sends it. */
export function authRequest(
  handler: (request: Request) => Promise<Response>,
  origin: string,
  pathname: string,
  init: AuthCall = {},
): Promise<Response> {
  return handler(
    new Request(`${origin}/api/auth${pathname}`, {
      method: init.method ?? "GET",
      headers: {
        "content-type": "application/json",
        origin: init.origin ?? origin,
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    }),
  );
}

/** The `Cookie` header a browser would send back after `response`. */
export function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}
