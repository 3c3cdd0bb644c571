import type { Database } from "@todo/db";
import type { BetterAuthOptions } from "better-auth";

/**
 * The part of the Better Auth configuration that decides the database schema: the connection and
 * every plugin or field that adds tables or columns. The web app's runtime options and the
 * migration command both start from this one function, so they can never disagree on the schema.
 */
export function authSchemaOptions(database: Database) {
  return {
    database: { dialect: database.dialect, type: database.kind },
    emailAndPassword: { enabled: true },
    // Nothing may call out to the internet (and nothing is reported about the app).
    telemetry: { enabled: false },
  } satisfies BetterAuthOptions;
}
