import {
  ConfigError,
  DEFAULT_WEB_ORIGIN,
  type Env,
  parseOrigin,
  readInteger,
  readJwtSettings,
  readList,
  readString,
  readTrustProxy,
  resolveDataDir,
  resolveSecrets,
  type TrustProxy,
} from "@todo/config";
import { type DatabaseConfig, parseDatabaseUrl } from "@todo/db";

export interface RateLimitSettings {
  /** Requests per window per client address, before authentication (slows token guessing). */
  readonly perIp: number;
  /** Requests per window per authenticated user, whatever address they come from. */
  readonly perUser: number;
  readonly windowMs: number;
}

export interface ApiConfig {
  readonly host: string;
  readonly port: number;
  readonly database: DatabaseConfig;
  /** The zero-config local default (no DATABASE_URL) migrates at start; deployments run db:migrate. */
  readonly migrateOnStart: boolean;
  readonly jwt: {
    readonly issuer: string;
    readonly audience: string;
    readonly secret: string;
    readonly previousSecrets: readonly string[];
    readonly betterAuthSecret: string | undefined;
  };
  readonly corsOrigins: readonly string[];
  readonly redisUrl: string | undefined;
  readonly rateLimit: RateLimitSettings;
  /** TRUST_PROXY: which proxies in front may tell us the client's address (see @todo/config). */
  readonly trustProxy: TrustProxy;
  readonly logLevel: string;
  readonly bodyLimitBytes: number;
  readonly maxTasksPerUser: number;
  /** API_WORKERS: processes serving one port (node:cluster); above 1 needs REDIS_URL. */
  readonly workers?: number;
}

const LOG_LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/**
 * The API's only reader of the environment (apart from the migration command). Throws ConfigError
 * with a message that names the variable; server.ts prints it and exits.
 */
export function loadApiConfig(env: Env = process.env, announce = console.info): ApiConfig {
  const dataDir = resolveDataDir(env);
  const secrets = resolveSecrets(env, dataDir, announce);
  const corsOrigins = (readList(env, "CORS_ORIGINS") ?? [DEFAULT_WEB_ORIGIN]).map((origin) =>
    parseOrigin(origin, "CORS_ORIGINS"),
  );
  const logLevel = readString(env, "LOG_LEVEL") ?? "info";
  if (!LOG_LEVELS.has(logLevel))
    throw new ConfigError(`LOG_LEVEL must be one of ${[...LOG_LEVELS]}`);
  const workers = readInteger(env, "API_WORKERS", 1, { min: 1, max: 64 });
  if (workers > 1 && readString(env, "REDIS_URL") === undefined) {
    // Rate-limit counters and revocation pushes would otherwise be per process.
    throw new ConfigError("API_WORKERS above 1 requires REDIS_URL (limits shared by the workers)");
  }
  return {
    host: readString(env, "HOST") ?? "127.0.0.1",
    port: readInteger(env, "PORT", 4000, { min: 0, max: 65535 }),
    database: parseDatabaseUrl(env.DATABASE_URL, dataDir),
    migrateOnStart: readString(env, "DATABASE_URL") === undefined,
    jwt: {
      ...readJwtSettings(env),
      secret: secrets.jwtSecret,
      previousSecrets: secrets.previousJwtSecrets,
      betterAuthSecret: secrets.betterAuthSecret,
    },
    corsOrigins,
    redisUrl: readString(env, "REDIS_URL"),
    rateLimit: {
      perIp: readInteger(env, "RATE_LIMIT_PER_IP", 600, { min: 1, max: 10_000_000 }),
      perUser: readInteger(env, "RATE_LIMIT_PER_USER", 300, { min: 1, max: 10_000_000 }),
      windowMs: readInteger(env, "RATE_LIMIT_WINDOW_SECONDS", 60, { min: 1, max: 86_400 }) * 1000,
    },
    trustProxy: readTrustProxy(env),
    logLevel,
    bodyLimitBytes: 16 * 1024,
    maxTasksPerUser: readInteger(env, "MAX_TASKS_PER_USER", 5000, { min: 1, max: 1_000_000 }),
    workers,
  };
}
