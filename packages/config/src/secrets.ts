import { parseSecretList, TokenConfigError, validateSecrets } from "@todo/token";
import { type Env, readString } from "./env.js";
import { ConfigError } from "./errors.js";
import { loadOrCreateLocalSecrets } from "./local-secrets.js";

export interface ResolvedSecrets {
  readonly jwtSecret: string;
  readonly previousJwtSecrets: readonly string[];
  /** Known to the web app always; to the API only locally or when set, for the inequality check. */
  readonly betterAuthSecret: string | undefined;
  readonly source: "environment" | "generated";
}

/**
 * The zero-config local default is a run with no DATABASE_URL (the embedded SQLite file). Only
 * there, and only for a variable that is unset, a value generated once into the data folder fills
 * in. Any configured database means a deployment, where a missing secret stops the service.
 * NODE_ENV cannot decide this: `next start` always sets it to "production".
 * A value that is set is always validated: a placeholder is a mistake wherever it is.
 */
export function isZeroConfigLocalRun(env: Env): boolean {
  return readString(env, "DATABASE_URL") === undefined;
}

export function resolveSecrets(
  env: Env,
  dataDir: string,
  announce: (message: string) => void,
): ResolvedSecrets {
  let jwtSecret = readString(env, "JWT_SECRET");
  let betterAuthSecret = readString(env, "BETTER_AUTH_SECRET");
  let source: ResolvedSecrets["source"] = "environment";
  if (isZeroConfigLocalRun(env) && (jwtSecret === undefined || betterAuthSecret === undefined)) {
    const local = loadOrCreateLocalSecrets(dataDir, announce);
    if (jwtSecret === undefined) source = "generated";
    jwtSecret ??= local.JWT_SECRET;
    betterAuthSecret ??= local.BETTER_AUTH_SECRET;
  }
  const previousJwtSecrets = parseSecretList(env.JWT_PREVIOUS_SECRETS);
  try {
    validateSecrets({ secret: jwtSecret, previousSecrets: previousJwtSecrets, betterAuthSecret });
  } catch (error) {
    if (error instanceof TokenConfigError) throw new ConfigError(error.message);
    throw error;
  }
  // validateSecrets refuses a missing JWT_SECRET, so it is a string from here on.
  return { jwtSecret: jwtSecret as string, previousJwtSecrets, betterAuthSecret, source };
}
