import {
  type AuditSink,
  type Auth,
  consoleAuditSink,
  countersFor,
  createAuth,
  redisRevocationNotifier,
} from "@todo/auth";
import { createDatabase } from "@todo/db";
import { createAccessTokenIssuer, createKeyRing } from "@todo/token";
import { nextCookies } from "better-auth/next-js";
import { countSignIn } from "../../http/sign-ins";
import { type WebConfig, webConfig } from "./config";

interface Server {
  readonly auth: Auth;
  readonly config: WebConfig;
}

// One instance per process; the global survives Next's module reloads in development.
const globalCache = globalThis as unknown as { __todoServer?: Promise<Server> };

let lastRedisWarning = 0;
/** While Redis is down every request would report it: one line per 10 s is enough. */
function warnAtMostEvery10Seconds(error: unknown): void {
  if (Date.now() - lastRedisWarning < 10_000) return;
  lastRedisWarning = Date.now();
  console.warn(
    JSON.stringify({
      level: 40,
      time: Date.now(),
      msg: "redis unreachable: rate limits count in this instance's memory; revocations reach the API by its polling",
      err: String(error),
    }),
  );
}

/** Every security event to the log, and sign-ins to the metrics too (when they are on). */
const audit: AuditSink = (event) => {
  consoleAuditSink(event);
  if (event.event === "auth.sign_in") countSignIn(event.outcome);
};

async function start(): Promise<Server> {
  const config = webConfig();
  const database = createDatabase(config.database);
  const keyRing = await createKeyRing({
    secret: config.jwt.secret,
    previousSecrets: config.jwt.previousSecrets,
    betterAuthSecret: config.betterAuthSecret,
  });
  const issuer = createAccessTokenIssuer({
    keyRing,
    issuer: config.jwt.issuer,
    audience: config.jwt.audience,
    ttlSeconds: config.jwt.ttlSeconds,
  });
  const auth = createAuth({
    database,
    secret: config.betterAuthSecret,
    baseURL: config.baseURL,
    issuer,
    rateLimit: config.authRateLimit,
    maxSessionsPerUser: config.maxSessionsPerUser,
    counters: countersFor(config.redisUrl, warnAtMostEvery10Seconds),
    audit,
    ...(config.redisUrl && {
      notifyRevocation: redisRevocationNotifier(config.redisUrl, warnAtMostEvery10Seconds),
    }),
    finalPlugins: [nextCookies()],
  });
  return { auth, config };
}

export function getServer(): Promise<Server> {
  globalCache.__todoServer ??= start();
  return globalCache.__todoServer;
}

export async function getAuth(): Promise<Auth> {
  return (await getServer()).auth;
}
