import {
  type AccessTokenClaims,
  type AccessTokenVerifier,
  TokenVerificationError,
} from "@todo/token";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpProblem } from "./problem.js";
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

export function invalidToken(): HttpProblem {
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

/** A route that is not in PUBLIC_ROUTES requires a token: a route added later cannot forget it. */
export function markPublicRoutes(app: FastifyInstance): void {
  const table: RegisteredRoute[] = [];
  routeTables.set(app, table);
  app.addHook("onRoute", (route) => {
    const isPublic = PUBLIC_ROUTES.some((pattern) => pattern.test(route.url));
    if (isPublic) route.config = { ...route.config, public: true };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    table.push({ methods, url: route.url, public: isPublic });
  });
}

/**
 * Stateless bearer authentication: the token alone says who the caller is (`sub`), with no
 * session lookup. The token is read from the Authorization header only; a token in the query
 * string or a cookie is ignored (RFC 6750 §2.3 is not supported, by design).
 */
export function registerAuthentication(app: FastifyInstance, check: TokenCheck): void {
  app.decorateRequest("principal", null);
  app.addHook("onRequest", async (request) => {
    if (request.routeOptions.config.public) return;
    await authenticate(request, check);
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

/**
 * Sets `request.principal` from a valid bearer token, or throws the 401 problem (logged with its
 * reason). Also used for requests Fastify refuses before routing (see framework-errors.ts).
 */
export async function authenticate(request: FastifyRequest, check: TokenCheck): Promise<void> {
  const header = request.headers.authorization;
  if (header === undefined || !/^bearer(\s|$)/i.test(header)) {
    request.log.info({ event: "auth.failure", reason: "missing" }, "no access token");
    throw unauthenticated();
  }
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) {
    request.log.warn({ event: "auth.failure", reason: "malformed_header" }, "invalid access token");
    throw invalidToken();
  }
  let claims: AccessTokenClaims;
  try {
    claims = check.verifier.verifySync(token);
  } catch (error) {
    if (!(error instanceof TokenVerificationError)) throw error;
    request.log.warn({ event: "auth.failure", reason: error.reason }, "invalid access token");
    throw invalidToken();
  }
  const { revocations } = check;
  // Never served before the record has been read once (decision 0010): fail closed at start.
  if (!revocations?.loaded) throw revocationsUnavailable();
  const sessionId = claims.sid;
  if (revocations.isRevoked(sessionId, claims.sub, claims.iat)) {
    request.log.warn({ event: "auth.failure", reason: "revoked" }, "invalid access token");
    throw invalidToken();
  }
  request.principal = {
    userId: claims.sub,
    email: claims.email ?? null,
    name: claims.name ?? null,
    sessionId,
    issuedAt: claims.iat,
    expiresAt: new Date(claims.exp * 1000),
  };
}

/** The authenticated caller of a protected route (the hook guarantees there is one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated();
  return request.principal;
}
