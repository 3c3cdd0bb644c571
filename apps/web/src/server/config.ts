import {
  DEFAULT_API_ORIGIN,
  DEFAULT_WEB_ORIGIN,
  readInteger,
  readJwtSettings,
  readOrigin,
  readString,
  resolveDataDir,
  resolveSecrets,
} from "@todo/config";
import { type DatabaseConfig, parseDatabaseUrl } from "@todo/db";
import {
  checkSecretStrength,
  DEFAULT_TTL_SECONDS,
  MAX_TTL_SECONDS,
  MIN_TTL_SECONDS,
} from "@todo/token";

export interface WebConfig {
  readonly database: DatabaseConfig;
  readonly baseURL: string;
  /** The API's origin as the browser reaches it. */
  readonly apiUrl: string;
  readonly betterAuthSecret: string;
  readonly authRateLimit: boolean;
  /** REDIS_URL: where the sign-in, sign-up and token limits count, shared by every instance. */
  readonly redisUrl: string | undefined;
  readonly jwt: {
    readonly issuer: string;
    readonly audience: string;
    readonly secret: string;
    readonly previousSecrets: readonly string[];
    readonly ttlSeconds: number;
  };
}

/**
 * What the request proxy needs for security headers: origins only, no secrets, so it stays cheap
 * on every request.
 */
export function loadEdgeConfig(env: NodeJS.ProcessEnv = process.env) {
  return {
    apiUrl: readOrigin(env, "API_URL", DEFAULT_API_ORIGIN),
    https: readOrigin(env, "BETTER_AUTH_URL", DEFAULT_WEB_ORIGIN).startsWith("https://"),
    development: env.NODE_ENV === "development",
  };
}

/** The web app's only reader of the environment. Throws ConfigError naming the variable. */
export function loadWebConfig(env: NodeJS.ProcessEnv = process.env): WebConfig {
  const dataDir = resolveDataDir(env);
  const secrets = resolveSecrets(env, dataDir, console.info);
  const betterAuthSecret = secrets.betterAuthSecret;
  if (betterAuthSecret === undefined) {
    throw new Error("BETTER_AUTH_SECRET is not set; set it to at least 32 random characters");
  }
  checkSecretStrength(betterAuthSecret, "BETTER_AUTH_SECRET");
  return {
    database: parseDatabaseUrl(env.DATABASE_URL, dataDir),
    baseURL: readOrigin(env, "BETTER_AUTH_URL", DEFAULT_WEB_ORIGIN),
    apiUrl: readOrigin(env, "API_URL", DEFAULT_API_ORIGIN),
    betterAuthSecret,
    authRateLimit: readString(env, "AUTH_RATE_LIMIT") !== "off",
    redisUrl: readString(env, "REDIS_URL"),
    jwt: {
      ...readJwtSettings(env),
      secret: secrets.jwtSecret,
      previousSecrets: secrets.previousJwtSecrets,
      ttlSeconds: readInteger(env, "JWT_TTL_SECONDS", DEFAULT_TTL_SECONDS, {
        min: MIN_TTL_SECONDS,
        max: MAX_TTL_SECONDS,
      }),
    },
  };
}
