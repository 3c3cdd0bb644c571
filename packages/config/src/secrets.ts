import { parseSecretList, TokenConfigError, validateSecrets } from "@todo/token";
import { type Env, isProduction, readString } from "./env.js";
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
 * Secrets come from the environment. Only outside production, and only for a variable that is
 * unset, the locally generated value from the data folder fills in. A value that is set is always
 * validated, in every environment: a placeholder in the environment is a mistake wherever it is.
 */
export function resolveSecrets(
  env: Env,
  dataDir: string,
  announce: (message: string) => void,
): ResolvedSecrets {
  let jwtSecret = readString(env, "JWT_SECRET");
  let betterAuthSecret = readString(env, "BETTER_AUTH_SECRET");
  let source: ResolvedSecrets["source"] = "environment";
  if (!isProduction(env) && (jwtSecret === undefined || betterAuthSecret === undefined)) {
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
