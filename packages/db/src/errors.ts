/** Driver errors the API must answer with something better than a 500. */

function codeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}

const UNAVAILABLE_NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "EPIPE",
  "EAI_AGAIN",
]);

const UNAVAILABLE_SQLITE_CODES = new Set([
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_CANTOPEN",
  "SQLITE_IOERR",
  "SQLITE_FULL",
  "SQLITE_READONLY",
]);

/** The database cannot serve the request now; a later retry may succeed (HTTP 503). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined) {
    if (UNAVAILABLE_NETWORK_CODES.has(code)) return true;
    // PostgreSQL SQLSTATE classes 08 (connection), 53 (resources), 57P (operator intervention).
    if (/^(08|53)[0-9A-Z]{3}$/.test(code) || code.startsWith("57P")) return true;
    if ([...UNAVAILABLE_SQLITE_CODES].some((prefix) => code.startsWith(prefix))) return true;
  }
  if (error instanceof Error) {
    const message = error.message;
    return (
      message.includes("Connection terminated") ||
      message.includes("timeout exceeded when trying to connect") ||
      message.includes("Cannot use a pool after calling end") ||
      message.includes("The database connection is not open") ||
      message.includes("driver has already been destroyed")
    );
  }
  return false;
}

/** An insert referenced a row that does not exist (for tasks: a user deleted since the token was issued). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === "23503" || code === "SQLITE_CONSTRAINT_FOREIGNKEY";
}
