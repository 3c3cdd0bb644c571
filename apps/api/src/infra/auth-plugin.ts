import type { FastifyInstance, FastifyRequest, RouteOptions } from "fastify";
import fp from "fastify-plugin";
import {
  checkToken,
  isRefusal,
  type Principal,
  REVOKED,
  type Refusal,
  type TokenCheck,
} from "./authenticate.js";
import { sendProblem } from "./problem.js";
import { addressKey, type RateLimiter } from "./rate-limit.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Who the token says the caller is; null on a public route or before the hook ran. */
    principal: Principal | null;
    /** Set when the hook refused the request, for its one log line (request-log.ts). */
    refusal: Refusal | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a token. Declared on the route itself; every other route needs one. */
    public?: boolean;
    /** Not counted by the per-address limit: the liveness probe, which does no I/O. */
    unlimited?: boolean;
  }
}

export interface AuthPluginOptions {
  readonly check: TokenCheck;
  readonly limiter: RateLimiter;
}

export interface RegisteredRoute {
  readonly methods: readonly string[];
  readonly url: string;
  readonly public: boolean;
}

/** A request that arrives on a kept-alive connection while the server closes: retry elsewhere. */
const SHUTTING_DOWN: Refusal = { code: "SHUTTING_DOWN", headers: { connection: "close" } };

const routeTables = new WeakMap<FastifyInstance, RouteOptions[]>();

/** Every route the app registered, for the test that proves each one is guarded. */
export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  // Read when asked: a hook registered after this one (the docs' scope) may still mark a route.
  return (routeTables.get(app) ?? []).map((route) => ({
    methods: Array.isArray(route.method) ? route.method : [route.method],
    url: route.url,
    public: route.config?.public === true,
  }));
}

/**
 * The request path's checks, in this order: the per-address limit, authentication (the token,
 * then the revocation set), the per-user limit. A revocation pushed while the per-user count
 * was in flight (a Redis round trip) is looked up again before the request goes on.
 */
async function admit(
  request: FastifyRequest,
  { check, limiter }: AuthPluginOptions,
  closing: boolean,
): Promise<Refusal | undefined> {
  if (closing) return SHUTTING_DOWN;
  const { config } = request.routeOptions;
  if (config.unlimited !== true) {
    const limited = await limiter.hit("ip", addressKey(request.ip));
    if (limited) return limited;
  }
  if (config.public === true) return undefined;
  const outcome = checkToken(request.headers.authorization, check);
  if (isRefusal(outcome)) return outcome;
  // Set before the per-user count, so that a 429's log line names the user.
  request.principal = outcome;
  const limited = await limiter.hit("user", outcome.userId);
  if (limited) return limited;
  if (check.revocations?.isRevoked(outcome.sessionId, outcome.userId, outcome.issuedAt)) {
    return REVOKED;
  }
  return undefined;
}

/**
 * The one place a request is authenticated, limited and refused: one `onRequest` hook, after
 * the security headers and CORS (so every refusal carries them) and before anything reads the
 * body. A route is public only when it says so (`config: { public: true }`); a route added
 * later, and every unknown path (the not-found handler), needs a token. Refusals are answered
 * through the reply from the problem catalogue, and logged once by the request log.
 */
export const authPlugin = fp<AuthPluginOptions>(
  (app, options, done) => {
    app.decorateRequest("principal", null);
    app.decorateRequest("refusal", null);
    const table: RouteOptions[] = [];
    routeTables.set(app, table);
    app.addHook("onRoute", (route) => {
      table.push(route);
    });
    let closing = false;
    app.addHook("preClose", (done) => {
      closing = true;
      done();
    });
    app.addHook("onRequest", async (request, reply) => {
      // A preflight that CORS did not answer (an origin not ours): no credentials, no data, the
      // not-found answer. Preflights are not counted (docs/decisions/0021-one-front-door.md).
      if (request.method === "OPTIONS") return;
      const refusal = await admit(request, options, closing);
      if (refusal === undefined) return;
      request.refusal = refusal;
      return sendProblem(
        reply,
        refusal.code,
        refusal.headers ? { headers: refusal.headers } : undefined,
      );
    });
    done();
  },
  { name: "todo-auth", fastify: "5.x" },
);
