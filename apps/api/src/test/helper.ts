import { randomBytes, randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { DEFAULT_AUDIENCE, DEFAULT_WEB_ORIGIN } from "@todo/config";
import { type AccessTokenIssuer, createAccessTokenIssuer, createKeyRing } from "@todo/token";
import type { FastifyInstance, HTTPMethods, LightMyRequestResponse } from "fastify";
import { buildApp } from "../app.js";
import type { ApiConfig } from "../config.js";
import { createTestDatabase, type TestDatabase } from "./database.js";

export interface TestUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly token: string;
  /** The session the token was minted for (its `sid`). */
  readonly sessionId: string;
  /** Headers that authenticate as this user. */
  readonly headers: { authorization: string };
}

export interface TestContext {
  readonly app: FastifyInstance;
  readonly config: ApiConfig;
  readonly db: TestDatabase;
  /** Mints tokens exactly as the web app does, with this app's secret. */
  readonly issuer: AccessTokenIssuer;
  /** Every log line the app wrote, as parsed JSON. */
  readonly logs: Array<Record<string, unknown>>;
  /** The raw log output, to search for anything that must never be logged. */
  rawLogs(): string;
  createUser(overrides?: { name?: string }): Promise<TestUser>;
  /** A request as `user`, with their bearer token and `payload` as its JSON body. */
  call(
    user: TestUser,
    method: HTTPMethods,
    url: string,
    payload?: object,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

function testSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function testConfig(database: TestDatabase, overrides: Partial<ApiConfig> = {}): ApiConfig {
  return {
    host: "127.0.0.1",
    port: 0,
    database: database.config,
    migrateOnStart: false,
    jwt: {
      issuer: DEFAULT_WEB_ORIGIN,
      audience: DEFAULT_AUDIENCE,
      secret: testSecret(),
      previousSecrets: [],
      betterAuthSecret: testSecret(),
    },
    corsOrigins: [DEFAULT_WEB_ORIGIN],
    redisUrl: undefined,
    rateLimit: { perIp: 100_000, perUser: 100_000, windowMs: 60_000 },
    trustProxy: false,
    logLevel: "info",
    bodyLimitBytes: 16 * 1024,
    maxTasksPerUser: 5000,
    maxListsPerUser: 100,
    events: {
      history: 200,
      retentionMs: 3600 * 1000,
      heartbeatMs: 15_000,
      limits: { perUser: 5, perAddress: 50 },
    },
    sharing: {
      maxMembersPerList: 50,
      maxInvitesPerList: 20,
      codeAttempts: 1000,
      codeWindowMs: 60_000,
    },
    ...overrides,
  };
}

/** Inserts a user row as Better Auth would (the API itself never reads it). */
export async function insertUser(
  db: TestDatabase,
  name: string,
): Promise<{ id: string; email: string }> {
  const id = randomUUID().replaceAll("-", "");
  const email = `${id}@example.test`;
  const now = new Date().toISOString();
  await db.database.db
    .insertInto("user")
    .values({
      id,
      name,
      email,
      emailVerified: db.config.kind === "sqlite" ? 0 : false,
      image: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return { id, email };
}

/** A fresh database and a fresh app on it, built in-process; requests go through `app.inject`. */
export async function startTestApp(overrides: Partial<ApiConfig> = {}): Promise<TestContext> {
  const db = await createTestDatabase();
  const config = testConfig(db, overrides);
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString("utf8"));
      done();
    },
  });
  const app = await buildApp(config, {
    database: db.database,
    logger: { level: config.logLevel, stream },
  });
  await app.ready();
  const keyRing = await createKeyRing({
    secret: config.jwt.secret,
    previousSecrets: config.jwt.previousSecrets,
  });
  const issuer = createAccessTokenIssuer({
    keyRing,
    issuer: config.jwt.issuer,
    audience: config.jwt.audience,
  });
  return {
    app,
    config,
    db,
    issuer,
    get logs() {
      return chunks
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    rawLogs: () => chunks.join(""),
    async createUser({ name = "Test User" } = {}) {
      const { id, email } = await insertUser(db, name);
      const sessionId = randomUUID();
      const { token } = await issuer.mint({ sub: id, email, name, sid: sessionId });
      return { id, email, name, token, sessionId, headers: { authorization: `Bearer ${token}` } };
    },
    call: (user, method, url, payload) =>
      app.inject({ method, url, headers: user.headers, ...(payload !== undefined && { payload }) }),
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}
