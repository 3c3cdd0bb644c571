import type { AccessTokenVerifier } from "@todo/token";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpProblem, type PreparedProblem, prepareProblem } from "./problem.js";
import { type LineEvent, lineEvent } from "./request-log.js";
import type { RevocationSet } from "./revocations.js";

/**
 * What decides that a token is good: the contract's verifier, then the revocation set (ended
 * sessions and deleted accounts, held in memory). `revocations` is set once the set has been
 * started, before the server listens.
 */
export interface TokenCheck {
  readonly verifier: AccessTokenVerifier;
  revocations?: RevocationSet;
}

export interface Principal {
  readonly userId: string;
  readonly email: string | null;
  readonly name: string | null;
  readonly sessionId: string;
  /** The token's `iat` (seconds): an account revocation refuses tokens issued up to its time. */
  readonly issuedAt: number;
  readonly expiresAt: Date;
}

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a token. Set only by markPublicRoutes from PUBLIC_ROUTES. */
    public?: boolean;
  }
}

/** The only routes without a token: probes and documentation (README.md, "The HTTP API"). */
const PUBLIC_ROUTES: readonly RegExp[] = [
  /^\/healthz$/,
  /^\/readyz$/,
  /^\/openapi\.json$/,
  /^\/docs(\/.*)?$/,
];

const REALM = 'realm="todo-api"';

/** RFC 6750 §2.1: `Bearer` (any case), one or more spaces, a b64token. Nothing else counts. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

function unauthenticated(): HttpProblem {
  // RFC 6750 §3.1: no error code when the request carried no credentials at all.
  return new HttpProblem(401, "UNAUTHENTICATED", "An access token is required.", {
    headers: { "www-authenticate": `Bearer ${REALM}` },
  });
}

/**
 * A write the database refused because the token's user was deleted after the token was issued
 * (the token is still within its lifetime): answered and logged as an invalid token.
 */
export function userGone(request: FastifyRequest): HttpProblem {
  request.log.warn({ event: "auth.failure", reason: "unknown_subject" }, "user is gone");
  return invalidToken();
}

function invalidToken(): HttpProblem {
  // One answer for every failure: the reason is logged, never told (nothing echoed, RFC 8725 §3.x).
  return new HttpProblem(401, "INVALID_TOKEN", "The access token is invalid or has expired.", {
    headers: {
      "www-authenticate": `Bearer ${REALM}, error="invalid_token", error_description="The access token is invalid or has expired"`,
    },
  });
}

export interface RegisteredRoute {
  readonly methods: readonly string[];
  readonly url: string;
  readonly public: boolean;
}

const routeTables = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Every route the app registered, for the test that proves each one is guarded. */
export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  return routeTables.get(app) ?? [];
}

/** Whether a request's path (without its query string) is one of PUBLIC_ROUTES. */
export function isPublicPath(path: string): boolean {
  return PUBLIC_ROUTES.some((pattern) => pattern.test(path));
}

/** A route that is not in PUBLIC_ROUTES requires a token: a route added later cannot forget it. */
export function markPublicRoutes(app: FastifyInstance): void {
  const table: RegisteredRoute[] = [];
  routeTables.set(app, table);
  app.addHook("onRoute", (route) => {
    const isPublic = isPublicPath(route.url);
    if (isPublic) route.config = { ...route.config, public: true };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    table.push({ methods, url: route.url, public: isPublic });
  });
}

function revocationsUnavailable(): HttpProblem {
  return new HttpProblem(
    503,
    "REVOCATIONS_UNAVAILABLE",
    "Sessions cannot be checked right now; try again shortly.",
    { headers: { "retry-after": "5" } },
  );
}

/** A request the guard answers itself, and what its one log line says about why. */
export interface Refusal {
  readonly problem: PreparedProblem;
  readonly log?: LineEvent;
}

// Serialised once: a refusal is answered with the same bytes every time (guard.ts).
const UNAUTHENTICATED = prepareProblem(unauthenticated());
const INVALID_TOKEN = prepareProblem(invalidToken());
const UNAVAILABLE: Refusal = { problem: prepareProblem(revocationsUnavailable()) };
const MISSING: Refusal = {
  problem: UNAUTHENTICATED,
  log: lineEvent("info", "no access token", { event: "auth.failure", reason: "missing" }),
};
const invalidByReason = new Map<string, Refusal>();
function invalid(reason: string): Refusal {
  let refusal = invalidByReason.get(reason);
  if (refusal === undefined) {
    refusal = {
      problem: INVALID_TOKEN,
      log: lineEvent("warn", "invalid access token", { event: "auth.failure", reason }),
    };
    invalidByReason.set(reason, refusal); // the verifier's reasons are a short fixed list
  }
  return refusal;
}
const MALFORMED_HEADER = invalid("malformed_header");
const REVOKED = invalid("revoked");

/**
 * Stateless bearer authentication: the token alone says who the caller is (`sub`), with no
 * session lookup. The token is read from the Authorization header only; a token in the query
 * string or a cookie is ignored (RFC 6750 §2.3 is not supported, by design). Synchronous, and a
 * refusal is a value, not a thrown error: nothing on this path builds a stack trace.
 */
export function checkToken(header: string | undefined, check: TokenCheck): Principal | Refusal {
  if (header === undefined || !/^bearer(\s|$)/i.test(header)) return MISSING;
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) return MALFORMED_HEADER;
  const claims = check.verifier.outcome(token);
  if (typeof claims === "string") return invalid(claims);
  const { revocations } = check;
  // Never served before the record has been read once (decision 0010): fail closed at start.
  if (!revocations?.loaded) return UNAVAILABLE;
  if (revocations.isRevoked(claims.sid, claims.sub, claims.iat)) return REVOKED;
  return {
    userId: claims.sub,
    email: claims.email ?? null,
    name: claims.name ?? null,
    sessionId: claims.sid,
    issuedAt: claims.iat,
    expiresAt: new Date(claims.exp * 1000),
  };
}

export function isRefusal(outcome: Principal | Refusal): outcome is Refusal {
  return "problem" in outcome;
}

/** The authenticated caller of a protected route (the hook guarantees there is one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated();
  return request.principal;
}
