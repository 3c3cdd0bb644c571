import { type Auth, createAuth } from "@todo/auth";
import { createDatabase } from "@todo/db";
import { createAccessTokenIssuer, createKeyRing } from "@todo/token";
import { nextCookies } from "better-auth/next-js";
import { loadWebConfig, type WebConfig } from "./config";

interface Server {
  readonly auth: Auth;
  readonly config: WebConfig;
}

// One instance per process; the global survives Next's module reloads in development.
const globalCache = globalThis as unknown as { __todoServer?: Promise<Server> };

async function start(): Promise<Server> {
  const config = loadWebConfig();
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
