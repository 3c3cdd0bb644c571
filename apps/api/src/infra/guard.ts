import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { checkToken, isRefusal, type Refusal, type TokenCheck } from "./authenticate.js";
import { sendPrepared } from "./problem.js";
import { addressKey, overLimit, type RateLimits } from "./rate-limit.js";
import type { WindowCount } from "./window-counter.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Set when the guard answered the request itself; the request log line says why. */
    refusal: Refusal | null;
  }
}

/**
 * The liveness probe does no I/O and must not be starved by a limit. The readiness probe touches
 * the database (through a short cache, see health.routes.ts), so it is limited like any route.
 */
const UNLIMITED = new Set(["/healthz"]);

function refuse(request: FastifyRequest, reply: FastifyReply, refusal: Refusal): void {
  request.refusal = refusal;
  sendPrepared(reply, refusal.problem);
}

/**
 * The request path's checks, in this order, in one hook: the per-address limit, authentication
 * (the token, then the revocation set), the per-user limit. A refusal is answered from here
 * with a body serialised once (problem.ts) and logged by the request's one log line
 * (request-log.ts). With counters in memory nothing here waits: no promise, no extra tick; with
 * Redis each limit is one round trip. Registered after CORS, so preflights are answered first.
 */
export function registerGuard(app: FastifyInstance, check: TokenCheck, limits: RateLimits): void {
  const { settings, perIp, perUser } = limits;
  app.decorateRequest("principal", null);
  app.decorateRequest("refusal", null);
  app.addHook("onRequest", (request, reply, done) => {
    const { url, config } = request.routeOptions;

    const afterUserLimit = (count: WindowCount | undefined) => {
      const limited = overLimit(count, settings.perUser, "user");
      if (limited) refuse(request, reply, limited);
      else done();
    };

    const authenticate = () => {
      if (config.public) {
        done();
        return;
      }
      let outcome: ReturnType<typeof checkToken>;
      try {
        outcome = checkToken(request, check);
      } catch (error) {
        // Called back from a Redis reply too, where a throw would escape: the error handler's 500.
        done(error as Error);
        return;
      }
      if (isRefusal(outcome)) {
        refuse(request, reply, outcome);
        return;
      }
      request.principal = outcome;
      perUser.hit(outcome.userId, afterUserLimit);
    };

    if (url !== undefined && UNLIMITED.has(url)) {
      authenticate();
      return;
    }
    perIp.hit(addressKey(request.ip), (count) => {
      const limited = overLimit(count, settings.perIp, "ip");
      if (limited) refuse(request, reply, limited);
      else authenticate();
    });
  });
}
