import {
  ConfigError,
  collectConfig,
  DEFAULT_WEB_ORIGIN,
  type Env,
  envSchema,
  integer,
  type Observability,
  observabilityFields,
  oneOf,
  originList,
  parseEnv,
  readObservability,
  resolveDataDir,
  resolveSecrets,
  sharedFields,
  stringWithDefault,
  type TrustProxy,
} from "@todo/config";
// The parser alone: importing @todo/db would load the database drivers, which tracing must
// instrument before they load (docs/operations.md).
import { type DatabaseConfig, databaseConfigFrom } from "@todo/db/database-url";
import type { ChangesSettings } from "./infra/changes/changes.js";
import type { RateLimitSettings } from "./infra/rate-limit.js";

export interface SharingSettings {
  /** Members of one list, the owner not counted. */
  readonly maxMembersPerList: number;
  /** Invites of one list not yet used, revoked or expired. */
  readonly maxInvitesPerList: number;
  /** Requests naming an invite code, per user and per address, in `codeWindowMs`. */
  readonly codeAttempts: number;
  readonly codeWindowMs: number;
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
  readonly maxListsPerUser: number;
  /** Live sync (`GET /api/events`): history kept for replay, heartbeat, open streams allowed. */
  readonly events: ChangesSettings;
  /** Shared lists (docs/decisions/0024-list-sharing-and-invite-codes.md). */
  readonly sharing: SharingSettings;
  /** API_WORKERS: processes serving one port (node:cluster); above 1 needs REDIS_URL. */
  readonly workers?: number;
  /** DATABASE_POOL_SIZE: PostgreSQL connections per process (ignored on SQLite). */
  readonly databasePoolSize?: number;
  /** METRICS_PORT and OTEL_*: metrics on a listener of their own, traces over OTLP (both off). */
  readonly observability?: Observability;
}

/** Connections per API process (docs/benchmarks.md, "PostgreSQL pool size"). */
const DEFAULT_POOL_SIZE = 5;

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** Every variable the API reads, and how. */
const apiEnv = envSchema({
  ...sharedFields,
  ...observabilityFields,
  HOST: stringWithDefault("127.0.0.1"),
  PORT: integer(4000, { min: 0, max: 65535 }),
  CORS_ORIGINS: originList([DEFAULT_WEB_ORIGIN]),
  RATE_LIMIT_PER_IP: integer(600, { min: 1, max: 10_000_000 }),
  RATE_LIMIT_PER_USER: integer(300, { min: 1, max: 10_000_000 }),
  RATE_LIMIT_WINDOW_SECONDS: integer(60, { min: 1, max: 86_400 }),
  MAX_TASKS_PER_USER: integer(5000, { min: 1, max: 1_000_000 }),
  MAX_LISTS_PER_USER: integer(100, { min: 1, max: 10_000 }),
  LOG_LEVEL: oneOf(LOG_LEVELS, "info"),
  API_WORKERS: integer(1, { min: 1, max: 64 }),
  // Chosen by measurement (docs/benchmarks.md, "PostgreSQL pool size"); PostgreSQL only.
  DATABASE_POOL_SIZE: integer(DEFAULT_POOL_SIZE, { min: 1, max: 100 }),
  EVENT_STREAMS_PER_USER: integer(5, { min: 1, max: 1000 }),
  EVENT_STREAMS_PER_ADDRESS: integer(50, { min: 1, max: 100_000 }),
  MAX_MEMBERS_PER_LIST: integer(50, { min: 1, max: 10_000 }),
  MAX_INVITES_PER_LIST: integer(20, { min: 1, max: 1000 }),
  INVITE_CODE_ATTEMPTS: integer(20, { min: 1, max: 100_000 }),
  INVITE_CODE_WINDOW_SECONDS: integer(900, { min: 1, max: 86_400 }),
});

/**
 * The API's only reader of the environment, called once before anything listens. Throws one
 * ConfigError naming every bad variable; server.ts prints it and exits.
 */
export function loadApiConfig(
  env: Env = process.env,
  announce: (message: string) => void = console.info,
): ApiConfig {
  const dataDir = resolveDataDir(env);
  const { vars, secrets, database } = collectConfig({
    vars: () => parseEnv(apiEnv, env),
    secrets: () => resolveSecrets(env, dataDir, announce),
    database: () => databaseConfigFrom(env),
  });
  const { observability } = collectConfig({
    observability: () => readObservability(vars, { port: vars.PORT, name: "todo-api" }),
  });
  if (vars.API_WORKERS > 1 && vars.REDIS_URL === undefined) {
    // Rate-limit counters and revocation pushes would otherwise be per process.
    throw new ConfigError("API_WORKERS above 1 requires REDIS_URL (limits shared by the workers)");
  }
  return {
    host: vars.HOST,
    port: vars.PORT,
    database,
    databasePoolSize: vars.DATABASE_POOL_SIZE,
    migrateOnStart: vars.DATABASE_URL === undefined,
    jwt: {
      issuer: vars.JWT_ISSUER,
      audience: vars.JWT_AUDIENCE,
      secret: secrets.jwtSecret,
      previousSecrets: secrets.previousJwtSecrets,
      betterAuthSecret: secrets.betterAuthSecret,
    },
    corsOrigins: vars.CORS_ORIGINS,
    redisUrl: vars.REDIS_URL,
    rateLimit: {
      perIp: vars.RATE_LIMIT_PER_IP,
      perUser: vars.RATE_LIMIT_PER_USER,
      windowMs: vars.RATE_LIMIT_WINDOW_SECONDS * 1000,
    },
    trustProxy: vars.TRUST_PROXY,
    logLevel: vars.LOG_LEVEL,
    bodyLimitBytes: 16 * 1024,
    maxTasksPerUser: vars.MAX_TASKS_PER_USER,
    maxListsPerUser: vars.MAX_LISTS_PER_USER,
    events: {
      history: 200,
      retentionMs: 24 * 3600 * 1000,
      heartbeatMs: 15_000,
      limits: { perUser: vars.EVENT_STREAMS_PER_USER, perAddress: vars.EVENT_STREAMS_PER_ADDRESS },
    },
    sharing: {
      maxMembersPerList: vars.MAX_MEMBERS_PER_LIST,
      maxInvitesPerList: vars.MAX_INVITES_PER_LIST,
      codeAttempts: vars.INVITE_CODE_ATTEMPTS,
      codeWindowMs: vars.INVITE_CODE_WINDOW_SECONDS * 1000,
    },
    workers: vars.API_WORKERS,
    observability,
  };
}
