import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { clientAddress, type ProxyTrust } from "@todo/config";
import type { FastifyInstance, FastifyServerFactory, RawServerDefault } from "fastify";
import {
  checkToken,
  isPublicPath,
  isRefusal,
  type Principal,
  type Refusal,
  type TokenCheck,
} from "./authenticate.js";
import { type CorsOptions, simpleCorsHeaders } from "./cors.js";
import type { PreparedProblem } from "./problem.js";
import { addressKey, overLimit, type RateLimits } from "./rate-limit.js";
import {
  generateRequestId,
  pathWithoutQuery,
  REQUEST_EVENT,
  type RequestLineWriter,
} from "./request-log.js";
import { API_HEADER_LIST, applySecurityHeaders, HSTS } from "./security-headers.js";
import type { WindowCount } from "./window-counter.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Set when the guard answered the request itself (and wrote its log line). */
    refusal: Refusal | null;
  }
}

/**
 * The liveness probe does no I/O and must not be starved by a limit. The readiness probe touches
 * the database (through a short cache, see health.routes.ts), so it is limited like any route.
 */
const UNLIMITED = "/healthz";

/** One request as the guard sees it, whichever way it arrived. */
interface Arrival {
  readonly raw: IncomingMessage;
  readonly ip: string;
  readonly https: boolean;
  /** Reachable without a token (the probes and the documentation). */
  readonly isPublic: boolean;
  readonly unlimited: boolean;
}

interface Outcome {
  /** The request may go on, as `principal` (null on a public route). */
  pass(principal: Principal | null): void;
  refuse(refusal: Refusal, principal: Principal | null): void;
  /** The check itself failed (a bug): the error handler's 500 answers. */
  fail(error: Error): void;
}

/**
 * The request path's checks, in this order: the per-address limit, authentication (the token,
 * then the revocation set), the per-user limit. With counters in memory nothing here waits: no
 * promise, no extra tick; with Redis each limit is one round trip.
 */
function runChecks(arrival: Arrival, check: TokenCheck, limits: RateLimits, outcome: Outcome) {
  const { settings, perIp, perUser } = limits;
  const authenticate = () => {
    if (arrival.isPublic) {
      outcome.pass(null);
      return;
    }
    let result: Principal | Refusal;
    try {
      result = checkToken(arrival.raw.headers.authorization, check);
    } catch (error) {
      // Called back from a Redis reply too, where a throw would escape.
      outcome.fail(error as Error);
      return;
    }
    if (isRefusal(result)) {
      outcome.refuse(result, null);
      return;
    }
    const principal = result;
    perUser.hit(principal.userId, (count: WindowCount | undefined) => {
      const limited = overLimit(count, settings.perUser, "user");
      if (limited) outcome.refuse(limited, principal);
      else outcome.pass(principal);
    });
  };
  if (arrival.unlimited) {
    authenticate();
    return;
  }
  perIp.hit(addressKey(arrival.ip), (count) => {
    const limited = overLimit(count, settings.perIp, "ip");
    if (limited) outcome.refuse(limited, null);
    else authenticate();
  });
}

/**
 * Writes refusals straight to the socket, with every header an answer from Fastify carries
 * (security headers, request id, CORS) and the problem's own, the body serialised once
 * (problem.ts), and the request's one log line (the refusal's event and reason at its level;
 * request-log.ts writes every other line). guard.test.ts holds these answers to the same headers
 * as those Fastify writes.
 */
function refusalWriter(
  { fixed, allowOrigin }: ReturnType<typeof simpleCorsHeaders>,
  log: RequestLineWriter,
) {
  const prepared = new WeakMap<PreparedProblem, readonly string[]>();
  const fixedHeaders = (problem: PreparedProblem) => {
    let list = prepared.get(problem);
    if (list === undefined) {
      list = [
        ...API_HEADER_LIST,
        ...fixed,
        ...Object.entries(problem.headers).flat(),
        "content-length",
        String(problem.body.length),
      ];
      prepared.set(problem, list);
    }
    return list;
  };
  return (
    arrival: Arrival,
    response: ServerResponse,
    requestId: string,
    refusal: Refusal,
    principal: Principal | null,
    startedAt: number,
  ) => {
    const { raw } = arrival;
    const { problem } = refusal;
    const headers = [...fixedHeaders(problem), "x-request-id", requestId];
    const origin = allowOrigin(raw.headers.origin);
    if (origin !== undefined) headers.push("access-control-allow-origin", origin);
    if (arrival.https) headers.push("strict-transport-security", HSTS);
    response.writeHead(problem.status, headers).end(problem.body);
    const line = {
      method: raw.method,
      route: undefined,
      url: raw.url ?? "/",
      status: problem.status,
      userId: principal?.userId,
      ip: arrival.ip,
      ms: performance.now() - startedAt,
    };
    log(requestId, line, refusal.log ?? REQUEST_EVENT);
  };
}

function isHttps(request: IncomingMessage, trust: ProxyTrust): boolean {
  const forwarded = request.headers["x-forwarded-proto"];
  if (typeof forwarded === "string" && trust(request.socket.remoteAddress ?? "", 0)) {
    return forwarded.slice(forwarded.lastIndexOf(",") + 1).trim() === "https";
  }
  return "encrypted" in request.socket && request.socket.encrypted === true;
}

/** The server settings Fastify applies to a server it creates itself. */
interface FastifyTimeouts {
  readonly keepAliveTimeout: number;
  readonly requestTimeout: number;
  readonly connectionTimeout: number;
  readonly maxRequestsPerSocket: number;
}

export interface GuardOptions {
  readonly check: TokenCheck;
  readonly cors: CorsOptions;
  readonly trust: ProxyTrust;
}

/**
 * The guard runs in front of Fastify: the server's request listener checks every request (but
 * preflights, which carry no credentials and are CORS's) before Fastify routes it, and answers
 * refusals itself, so a refused request costs the checks and the answer and nothing of the
 * framework's lifecycle (docs/decisions/0017-guard-in-front-of-the-framework.md). A request that
 * passes carries its principal into Fastify, where the `onRequest` hook takes it up. A request
 * the front did not see (`inject` in tests) or could not decide (its path looked public but the
 * route is not, or the check failed) goes through the same checks in that hook, so every route
 * is guarded whichever way a request arrives.
 */
export function createGuard({ check, cors, trust }: GuardOptions) {
  const corsHeaders = simpleCorsHeaders(cors);
  /** Set when the guard is registered on the app, before the server listens. */
  let state:
    | { readonly limits: RateLimits; readonly writeRefusal: ReturnType<typeof refusalWriter> }
    | undefined;
  /** Principals (or null on a public path) of requests the front has passed. */
  const passed = new WeakMap<IncomingMessage, Principal | null>();

  const front =
    (handler: (request: IncomingMessage, response: ServerResponse) => void) =>
    (request: IncomingMessage, response: ServerResponse) => {
      if (request.method === "OPTIONS" || state === undefined) {
        handler(request, response);
        return;
      }
      const { limits, writeRefusal } = state;
      const startedAt = performance.now();
      let arrival: Arrival;
      try {
        const path = pathWithoutQuery(request.url ?? "/");
        arrival = {
          raw: request,
          ip: clientAddress(request, trust),
          https: isHttps(request, trust),
          isPublic: isPublicPath(path),
          unlimited: path === UNLIMITED,
        };
      } catch {
        // A request this listener cannot read (its socket already gone): Fastify's hook decides.
        handler(request, response);
        return;
      }
      runChecks(arrival, check, limits, {
        pass(principal) {
          passed.set(request, principal);
          handler(request, response);
        },
        refuse(refusal, principal) {
          writeRefusal(
            arrival,
            response,
            generateRequestId(request),
            refusal,
            principal,
            startedAt,
          );
        },
        // Fastify's hook runs the checks again and its error handler answers.
        fail: () => handler(request, response),
      });
    };

  /** Fastify's `serverFactory`: node:http with Fastify's own server settings, the front first. */
  const serverFactory: FastifyServerFactory<RawServerDefault> = (handler, options) => {
    // Fastify passes its options with its defaults filled in.
    const settings = options as unknown as FastifyTimeouts;
    const server = http.createServer(front(handler));
    server.keepAliveTimeout = settings.keepAliveTimeout;
    server.requestTimeout = settings.requestTimeout;
    server.setTimeout(settings.connectionTimeout);
    if (settings.maxRequestsPerSocket > 0)
      server.maxRequestsPerSocket = settings.maxRequestsPerSocket;
    return server;
  };

  /** The same checks inside Fastify, for requests the front has not passed. */
  const register = (app: FastifyInstance, limits: RateLimits, log: RequestLineWriter) => {
    const writeRefusal = refusalWriter(corsHeaders, log);
    state = { limits, writeRefusal };
    const { allowOrigin } = corsHeaders;
    app.decorateRequest("principal", null);
    app.decorateRequest("refusal", null);
    app.addHook("onRequest", (request, reply, done) => {
      if (request.method === "OPTIONS") {
        done();
        return;
      }
      const { url, config } = request.routeOptions;
      const frontPassed = passed.get(request.raw);
      if (frontPassed !== undefined && (frontPassed !== null || config.public)) {
        request.principal = frontPassed;
        done();
        return;
      }
      const startedAt = performance.now();
      const arrival: Arrival = {
        raw: request.raw,
        ip: request.ip,
        https: request.protocol === "https",
        isPublic: config.public === true,
        unlimited: url === UNLIMITED,
      };
      runChecks(arrival, check, limits, {
        pass(principal) {
          request.principal = principal;
          done();
        },
        refuse(refusal, principal) {
          request.principal = principal;
          request.refusal = refusal;
          reply.hijack();
          writeRefusal(arrival, reply.raw, request.id, refusal, principal, startedAt);
        },
        fail(error) {
          // The error handler's 500, with the headers the hooks after this one will not set.
          applySecurityHeaders(request, reply);
          const origin = allowOrigin(request.headers.origin);
          if (origin !== undefined) reply.header("access-control-allow-origin", origin);
          done(error);
        },
      });
    });
  };

  return { serverFactory, register };
}
