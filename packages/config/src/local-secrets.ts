import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "./errors.js";

export interface LocalSecrets {
  readonly JWT_SECRET: string;
  readonly BETTER_AUTH_SECRET: string;
}

const FILE_NAME = "secrets.json";

function generate(): LocalSecrets {
  // 32 random bytes each, independent of one another (the two must never be equal: RFC 8725 §3.12).
  return {
    JWT_SECRET: randomBytes(32).toString("base64url"),
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
  };
}

function read(file: string): LocalSecrets {
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (
    typeof parsed === "object" &&
    parsed !== null &&
    "JWT_SECRET" in parsed &&
    "BETTER_AUTH_SECRET" in parsed &&
    typeof parsed.JWT_SECRET === "string" &&
    typeof parsed.BETTER_AUTH_SECRET === "string"
  ) {
    return { JWT_SECRET: parsed.JWT_SECRET, BETTER_AUTH_SECRET: parsed.BETTER_AUTH_SECRET };
  }
  throw new ConfigError(`${file} is not a valid secrets file; delete it to generate a new one`);
}

/**
 * The data folder, created 0700; an existing one of ours is tightened to 0700 (it holds the
 * secrets and the SQLite file with password hashes and session tokens).
 */
function ensurePrivateDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const stat = statSync(dataDir);
  if (stat.uid === process.getuid?.() && (stat.mode & 0o077) !== 0) chmodSync(dataDir, 0o700);
}

/**
 * An existing secrets file is used only when it is this user's and nobody else can read or write
 * it: otherwise anyone on the machine may have read (or planted) the secrets.
 */
function assertPrivate(file: string): void {
  const stat = statSync(file);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new ConfigError(
      `${file} belongs to another user (uid ${stat.uid}); delete it to generate new secrets, or chown it to this user and chmod 600 ${file}`,
    );
  }
  if ((stat.mode & 0o077) !== 0) {
    throw new ConfigError(
      `${file} is readable or writable by others (mode ${(stat.mode & 0o777).toString(8)}); run: chmod 600 ${file} (and rotate the secrets if others may have read them)`,
    );
  }
}

/**
 * The zero-config local default: secrets generated once into the data folder (mode 0600) and
 * shared by both services. Creation uses the exclusive "wx" flag, so when the web app and the API
 * start together exactly one of them writes the file and the other reads it.
 */
export function loadOrCreateLocalSecrets(
  dataDir: string,
  announce: (message: string) => void,
): LocalSecrets {
  const file = path.join(dataDir, FILE_NAME);
  ensurePrivateDataDir(dataDir);
  const fresh = generate();
  try {
    writeFileSync(file, `${JSON.stringify(fresh, null, 2)}\n`, { flag: "wx", mode: 0o600 });
    announce(
      `Generated local secrets in ${file} (JWT_SECRET, BETTER_AUTH_SECRET). ` +
        "This happens once, for local use only; set both variables when you deploy.",
    );
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  assertPrivate(file);
  return readWhenComplete(file);
}

/** The other process may have created the file a moment ago and still be writing it. */
function readWhenComplete(file: string): LocalSecrets {
  for (let attempt = 0; ; attempt++) {
    try {
      return read(file);
    } catch (error) {
      if (attempt >= 20 || error instanceof ConfigError) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    }
  }
}
