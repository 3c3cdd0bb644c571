import type { ErrorCode } from "@todo/contract";
import type { AccessTokenVerifier } from "@todo/token";
import type { FastifyRequest } from "fastify";
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

/** What a refused request's one log line says about why (request-log.ts). */
interface RefusalLog {
  readonly level: "info" | "warn";
  readonly msg: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** A request answered with a catalogued problem before its route ran, and why. */
export interface Refusal {
  readonly code: ErrorCode;
  readonly headers?: Readonly<Record<string, string>>;
  readonly log?: RefusalLog;
}

const UNAVAILABLE: Refusal = { code: "REVOCATIONS_UNAVAILABLE" };
const MISSING: Refusal = {
  code: "UNAUTHENTICATED",
  log: {
    level: "info",
    msg: "no access token",
    fields: { event: "auth.failure", reason: "missing" },
  },
};
const invalidByReason = new Map<string, Refusal>();
function invalid(reason: string): Refusal {
  let refusal = invalidByReason.get(reason);
  if (refusal === undefined) {
    // One answer for every failure: the reason is logged, never told (RFC 6750 §3.1).
    refusal = {
      code: "INVALID_TOKEN",
      log: {
        level: "warn",
        msg: "invalid access token",
        fields: { event: "auth.failure", reason },
      },
    };
    invalidByReason.set(reason, refusal); // the verifier's reasons are a short fixed list
  }
  return refusal;
}
const MALFORMED_HEADER = invalid("malformed_header");
/** A revoked session or account, whenever the request path finds out (auth-plugin, events). */
export const REVOKED = invalid("revoked");

/** RFC 6750 §2.1: `Bearer` (any case), one or more spaces, a b64token. Nothing else counts. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * Stateless bearer authentication: the token alone says who the caller is (`sub`), with no
 * session lookup. The token is read from the Authorization header only; a token in the query
 * string or a cookie is ignored (RFC 6750 §2.3 is not supported, by design). Synchronous and
 * pure: a refusal is a value, not a thrown error, so nothing on this path builds a stack trace.
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
  return "code" in outcome;
}

/** The refusal as an error, for a route that finds out late (the error handler answers it). */
export function refusalProblem(request: FastifyRequest, refusal: Refusal): HttpProblem {
  if (refusal.log) request.log[refusal.log.level](refusal.log.fields, refusal.log.msg);
  return new HttpProblem(refusal.code, refusal.headers ? { headers: refusal.headers } : {});
}

/**
 * A write the database refused because the token's user was deleted after the token was issued
 * (the token is still within its lifetime): answered and logged as an invalid token.
 */
export function userGone(request: FastifyRequest): HttpProblem {
  return refusalProblem(request, invalid("unknown_subject"));
}

/** The authenticated caller of a protected route (the hook guarantees there is one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new HttpProblem("UNAUTHENTICATED");
  return request.principal;
}
