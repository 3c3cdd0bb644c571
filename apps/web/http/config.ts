// The web app's one config module and its only reader of the environment. The HTTP front
// (server.ts) loads it before listening and refuses to start on any bad variable; the application
// (apps/web/src/server) receives the same parsed config through `webConfig()`.
import {
  collectConfig,
  DEFAULT_API_ORIGIN,
  DEFAULT_MAX_SESSIONS_PER_USER,
  DEFAULT_WEB_ORIGIN,
  type Env,
  envSchema,
  integer,
  MAX_SESSIONS_PER_USER_LIMIT,
  type Observability,
  observabilityFields,
  optionalString,
  origin,
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
import { DEFAULT_TTL_SECONDS, MAX_TTL_SECONDS, MIN_TTL_SECONDS } from "@todo/token";

export interface WebConfig {
  readonly host: string;
  readonly port: number;
  /** TRUST_PROXY: which proxies in front may tell the HTTP front the client's address. */
  readonly trustProxy: TrustProxy;
  readonly database: DatabaseConfig;
  readonly baseURL: string;
  /** The API's origin as the browser reaches it. */
  readonly apiUrl: string;
  readonly betterAuthSecret: string;
  readonly authRateLimit: boolean;
  /** REDIS_URL: where the sign-in, sign-up and token limits count, shared by every instance. */
  readonly redisUrl: string | undefined;
  /** MAX_SESSIONS_PER_USER: live sessions per user; a new sign-in beyond ends the oldest. */
  readonly maxSessionsPerUser: number;
  readonly jwt: {
    readonly issuer: string;
    readonly audience: string;
    readonly secret: string;
    readonly previousSecrets: readonly string[];
    readonly ttlSeconds: number;
  };
  /** METRICS_PORT and OTEL_*: metrics on a listener of their own, traces over OTLP (both off). */
  readonly observability: Observability;
}

/** Every variable the web app reads, and how. */
const webEnv = envSchema({
  ...sharedFields,
  ...observabilityFields,
  HOST: stringWithDefault("127.0.0.1"),
  PORT: integer(3000, { min: 0, max: 65535 }),
  BETTER_AUTH_URL: origin(DEFAULT_WEB_ORIGIN),
  API_URL: origin(DEFAULT_API_ORIGIN),
  AUTH_RATE_LIMIT: optionalString(),
  JWT_TTL_SECONDS: integer(DEFAULT_TTL_SECONDS, { min: MIN_TTL_SECONDS, max: MAX_TTL_SECONDS }),
  MAX_SESSIONS_PER_USER: integer(DEFAULT_MAX_SESSIONS_PER_USER, {
    min: 1,
    max: MAX_SESSIONS_PER_USER_LIMIT,
  }),
});

const processEnv: Env = process.env;

/** Parses the web app's whole environment. Throws one ConfigError naming every bad variable. */
export function loadWebConfig(
  env: Env = processEnv,
  announce: (message: string) => void = console.info,
): WebConfig {
  const dataDir = resolveDataDir(env);
  const { vars, secrets, database } = collectConfig({
    vars: () => parseEnv(webEnv, env),
    secrets: () => resolveSecrets(env, dataDir, announce, { betterAuthSecret: "required" }),
    database: () => databaseConfigFrom(env),
  });
  const { observability } = collectConfig({
    observability: () => readObservability(vars, { port: vars.PORT, name: "todo-web" }),
  });
  return {
    host: vars.HOST,
    port: vars.PORT,
    trustProxy: vars.TRUST_PROXY,
    database,
    baseURL: vars.BETTER_AUTH_URL,
    apiUrl: vars.API_URL,
    // resolveSecrets refuses a missing BETTER_AUTH_SECRET when it is required.
    betterAuthSecret: secrets.betterAuthSecret as string,
    authRateLimit: vars.AUTH_RATE_LIMIT !== "off",
    redisUrl: vars.REDIS_URL,
    maxSessionsPerUser: vars.MAX_SESSIONS_PER_USER,
    jwt: {
      issuer: vars.JWT_ISSUER,
      audience: vars.JWT_AUDIENCE,
      secret: secrets.jwtSecret,
      previousSecrets: secrets.previousJwtSecrets,
      ttlSeconds: vars.JWT_TTL_SECONDS,
    },
    observability,
  };
}

/**
 * The config of this process, parsed once. The HTTP front calls this before `listen`; Next.js
 * loads the application as a separate module graph in the same process, and finds the same parsed
 * value here through a process-wide slot instead of reading the environment again. Under a bare
 * `next dev`/`next start` (no front), the first call parses it.
 */
const SLOT = Symbol.for("todo.web.config");
export function webConfig(overrides: Env = {}): WebConfig {
  const slot = globalThis as { [SLOT]?: WebConfig };
  const defined = Object.entries(overrides).filter(([, value]) => value !== undefined);
  slot[SLOT] ??= loadWebConfig({ ...processEnv, ...Object.fromEntries(defined) });
  return slot[SLOT];
}

/** Next.js reads NODE_ENV while it loads; the front sets it, when unset, before importing it. */
export function defaultNodeEnv(dev: boolean): void {
  (process.env as Record<string, string | undefined>).NODE_ENV ??= dev
    ? "development"
    : "production";
}
