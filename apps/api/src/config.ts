import {
  ConfigError,
  DEFAULT_WEB_ORIGIN,
  type Env,
  parseOrigin,
  readInteger,
  readJwtSettings,
  readList,
  readString,
  resolveDataDir,
  resolveSecrets,
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
  /** Fastify's trustProxy: false, a hop count, or addresses/CIDRs of the proxies in front. */
  readonly trustProxy: boolean | number | string[];
  readonly logLevel: string;
  readonly bodyLimitBytes: number;
  readonly maxTasksPerUser: number;
}

const LOG_LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

function readTrustProxy(env: Env): ApiConfig["trustProxy"] {
  const raw = readString(env, "TRUST_PROXY");
  if (raw === undefined || raw === "false") return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  // "true" would trust any X-Forwarded-For, which lets a client choose its own address
  // (and reset its rate limit): name the proxies or count the hops instead.
  if (raw === "true")
    throw new ConfigError("TRUST_PROXY=true is refused: give a hop count or addresses");
  return raw.split(",").map((item) => item.trim());
}

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
  };
}
