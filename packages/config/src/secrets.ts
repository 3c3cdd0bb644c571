import {
  checkSecretStrength,
  parseSecretList,
  TokenConfigError,
  validateSecrets,
} from "@todo/token";
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
function isZeroConfigLocalRun(env: Env): boolean {
  return readString(env, "DATABASE_URL") === undefined;
}

const NOT_SET = "is not set; set it to at least 32 random characters (openssl rand -base64 32)";

/** Runs a check of @todo/token, turning its error into a problem on the list. */
function check(problems: string[], run: () => void): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof TokenConfigError)) throw error;
    problems.push(error.message);
  }
}

/**
 * The secrets, checked one by one so that every weak one is named at once; then, when each is
 * strong, together (no repetition, JWT_SECRET ≠ BETTER_AUTH_SECRET). The web app needs
 * BETTER_AUTH_SECRET (`betterAuthSecret: "required"`, and its strength is checked); the API only
 * compares against it.
 */
export function resolveSecrets(
  env: Env,
  dataDir: string,
  announce: (message: string) => void,
  options: { betterAuthSecret: "required" | "optional" } = { betterAuthSecret: "optional" },
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
  const problems: string[] = [];
  if (jwtSecret === undefined) problems.push(`JWT_SECRET ${NOT_SET}`);
  else check(problems, () => checkSecretStrength(jwtSecret, "JWT_SECRET"));
  previousJwtSecrets.forEach((value, i) => {
    check(problems, () => checkSecretStrength(value, `JWT_PREVIOUS_SECRETS entry ${i + 1}`));
  });
  if (options.betterAuthSecret === "required") {
    if (betterAuthSecret === undefined) problems.push(`BETTER_AUTH_SECRET ${NOT_SET}`);
    else check(problems, () => checkSecretStrength(betterAuthSecret, "BETTER_AUTH_SECRET"));
  }
  if (problems.length === 0) {
    check(problems, () =>
      validateSecrets({ secret: jwtSecret, previousSecrets: previousJwtSecrets, betterAuthSecret }),
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  // A missing JWT_SECRET is a problem above, so it is a string from here on.
  return { jwtSecret: jwtSecret as string, previousJwtSecrets, betterAuthSecret, source };
}
