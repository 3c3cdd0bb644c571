import fastifyCors from "@fastify/cors";
import { loggerOptions, proxyTrust } from "@todo/config";
import { createDatabase, type Database } from "@todo/db";
import { createAccessTokenVerifier, createKeyRing } from "@todo/token";
import Fastify, {
  type FastifyInstance,
  type FastifyServerOptions,
  LogController,
  type RawServerDefault,
} from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";
import { Redis } from "ioredis";
import type { ApiConfig } from "./config.js";
import { authPlugin } from "./infra/auth-plugin.js";
import type { TokenCheck } from "./infra/authenticate.js";
import { type Changes, startChangeFeed } from "./infra/changes/changes.js";
import { logClientErrors } from "./infra/client-errors.js";
import { trackConnections } from "./infra/connections.js";
import { corsOptions } from "./infra/cors.js";
import { registerErrorHandler } from "./infra/error-handler.js";
import { frameworkErrorHandler } from "./infra/framework-errors.js";
import { observedVerifier, registerObservability } from "./infra/observability/register.js";
import { registerOpenApi } from "./infra/openapi.js";
import { apiCounters, createRateLimiter } from "./infra/rate-limit.js";
import { generateRequestId, registerRequestLog } from "./infra/request-log.js";
import { type RevocationSet, startRevocationFeed } from "./infra/revocations.js";
import { registerSecurityHeaders } from "./infra/security-headers.js";
import { serializerCompiler } from "./infra/serializer.js";
import { eventRoutes } from "./routes/events/events.routes.js";
import { createTransferQueries } from "./routes/export/export.queries.js";
import { exportRoutes } from "./routes/export/export.routes.js";
import { healthRoutes } from "./routes/health/health.routes.js";
import { createCodeAttempts } from "./routes/invites/code-attempts.js";
import { inviteCodeRoutes } from "./routes/invites/invite-codes.routes.js";
import { createInviteQueries } from "./routes/invites/invites.queries.js";
import { inviteRoutes } from "./routes/invites/invites.routes.js";
import { createListAudience } from "./routes/lists/list-audience.js";
import { createListQueries } from "./routes/lists/lists.queries.js";
import { listRoutes } from "./routes/lists/lists.routes.js";
import { meRoutes } from "./routes/me/me.routes.js";
import { createMemberQueries } from "./routes/members/members.queries.js";
import { memberRoutes } from "./routes/members/members.routes.js";
import { createTaskQueries } from "./routes/tasks/tasks.queries.js";
import { taskRoutes } from "./routes/tasks/tasks.routes.js";

declare module "fastify" {
  interface FastifyInstance {
    /** This instance's copy of the revocation record (infra/revocations.ts). */
    readonly revocations: RevocationSet;
    /** Announces a user's committed changes to their event streams (infra/changes/changes.ts). */
    readonly changes: Changes;
  }
}

export interface BuildAppOptions {
  /** An open database to use (tests); otherwise one is opened from config and closed with the app. */
  readonly database?: Database;
  /** Fastify logger options; defaults to JSON lines on stdout at config.logLevel. */
  readonly logger?: FastifyServerOptions["logger"];
}

/**
 * Builds the API: infrastructure first (errors, headers, CORS, the front door, the request log),
 * then the features. Hook order is the order of registration here: security headers, CORS
 * (answers preflights), then the front door (infra/auth-plugin.ts: per-address limit,
 * authentication, per-user limit), so every refusal carries the headers of any other answer.
 */
export async function buildApp(
  config: ApiConfig,
  options: BuildAppOptions = {},
): Promise<FastifyInstance> {
  const keyRing = await createKeyRing({
    secret: config.jwt.secret,
    previousSecrets: config.jwt.previousSecrets,
    betterAuthSecret: config.jwt.betterAuthSecret,
  });
  const verifier = createAccessTokenVerifier({
    keyRing,
    issuer: config.jwt.issuer,
    audience: config.jwt.audience,
  });
  const check: TokenCheck = { verifier: await observedVerifier(verifier, config.observability) };
  const trust = proxyTrust(config.trustProxy);

  const app = Fastify<RawServerDefault>({
    logger: options.logger ?? loggerOptions(config.logLevel),
    // The request log is ours (one line per request, see request-log.ts), not Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: generateRequestId,
    // No proxy trusted: plain `false` keeps Fastify on the socket address without parsing headers.
    trustProxy: config.trustProxy === false ? false : trust,
    bodyLimit: config.bodyLimitBytes,
    // Requests arriving while the server closes are answered by the front door (auth-plugin.ts),
    // from the catalogue and with the usual headers, instead of Fastify's bare 503.
    return503OnClosing: false,
    forceCloseConnections: "idle",
    routerOptions: { maxParamLength: 100 },
    frameworkErrors: frameworkErrorHandler(check),
    // Requests Node's parser refuses never reach Fastify: answered and logged here.
    clientErrorHandler: logClientErrors,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: Fastify's default text/plain parser would let a non-JSON body through to validation.
  app.removeContentTypeParser("text/plain");

  const database =
    options.database ?? createDatabase(config.database, { poolSize: config.databasePoolSize });
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, {
        lazyConnect: false,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
      })
    : undefined;
  redis?.on("error", (error: Error) => app.log.warn({ err: error }, "redis error"));
  const revocations = await startRevocationFeed({
    database,
    redisUrl: config.redisUrl,
    log: app.log,
  });
  check.revocations = revocations;
  app.decorate("revocations", revocations);
  const feed = await startChangeFeed({
    redisUrl: config.redisUrl,
    settings: config.events,
    log: app.log,
  });
  app.decorate("changes", { publish: feed.publish } satisfies Changes);
  // A revoked session or account ends its open streams at once (docs/security.md).
  const stopFollowing = revocations.onRevoked((entry) => feed.hub.revoke(entry));
  // Streams never go idle, so they are ended (with a reconnection hint) before the server
  // waits for its connections to close; then every connection without a request is closed.
  const connections = trackConnections(app.server);
  app.addHook("preClose", async () => {
    feed.hub.endAll("shutdown");
    await new Promise((resolve) => setTimeout(resolve, 20));
    connections.destroyIdle();
  });
  app.addHook("onClose", async () => {
    stopFollowing();
    await feed.close();
    await revocations.close();
    if (!options.database) await database.close();
    await redis?.quit().catch(() => redis.disconnect());
  });

  await registerObservability(app, config.observability, {
    database,
    revocations,
    openStreams: feed.hub.total,
  });
  registerErrorHandler(app);
  registerSecurityHeaders(app);
  await app.register(fastifyCors, corsOptions(config.corsOrigins));
  const counters = apiCounters(redis, (error) =>
    app.log.warn({ err: error }, "rate-limit counters unreachable; counting in memory"),
  );
  const limiter = createRateLimiter(config.rateLimit, counters);
  await app.register(authPlugin, { check, limiter });
  registerRequestLog(app);
  await registerOpenApi(app);

  await app.register(healthRoutes, { database, revocations });
  await app.register(meRoutes);
  await app.register(eventRoutes, { feed });
  const lists = createListQueries(database);
  const audience = createListAudience(database);
  await app.register(taskRoutes, {
    queries: createTaskQueries(database),
    lists,
    audience,
    maxTasksPerUser: config.maxTasksPerUser,
  });
  await app.register(exportRoutes, {
    queries: createTransferQueries(database),
    lists,
    maxTasksPerUser: config.maxTasksPerUser,
    maxListsPerUser: config.maxListsPerUser,
  });
  await app.register(listRoutes, {
    queries: lists,
    audience,
    maxListsPerUser: config.maxListsPerUser,
  });
  const invites = createInviteQueries(database);
  const { sharing } = config;
  await app.register(inviteRoutes, {
    queries: invites,
    lists,
    maxInvitesPerList: sharing.maxInvitesPerList,
  });
  await app.register(inviteCodeRoutes, {
    queries: invites,
    lists,
    audience,
    attempts: createCodeAttempts(sharing, counters),
    maxMembersPerList: sharing.maxMembersPerList,
  });
  await app.register(memberRoutes, { queries: createMemberQueries(database), lists, audience });
  return app;
}
