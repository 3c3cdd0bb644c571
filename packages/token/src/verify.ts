import { createHmac, type KeyObject, timingSafeEqual } from "node:crypto";
import { decodeCanonical } from "./base64url.js";
import {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_TYPE,
  CLOCK_LEEWAY_SECONDS,
  MAX_ID_CLAIM_LENGTH,
  MAX_TOKEN_LENGTH,
  MAX_TTL_SECONDS,
} from "./contract.js";
import { atMostCodePoints, decodeSegment } from "./decoding.js";
import { type TokenFailureReason, TokenVerificationError } from "./errors.js";
import type { KeyRing } from "./key-ring.js";
import type { AccessTokenClaims } from "./mint.js";

export interface AccessTokenVerifier {
  verify(token: string, nowMs?: number): Promise<AccessTokenClaims>;
  /**
   * The same checks, synchronously: HMAC-SHA256 through node:crypto on the calling thread (a few
   * microseconds), instead of WebCrypto's round trip through the libuv thread pool.
   */
  verifySync(token: string, nowMs?: number): AccessTokenClaims;
  /**
   * The same checks again, with a failure returned as its reason instead of thrown: no error
   * object, no stack trace, for a caller that refuses bad tokens at a high rate (the API).
   */
  outcome(token: string, nowMs?: number): AccessTokenClaims | TokenFailureReason;
}

export interface VerifierOptions {
  readonly keyRing: KeyRing;
  readonly issuer: string;
  readonly audience: string;
  readonly maxTtlSeconds?: number;
  readonly clockLeewaySeconds?: number;
}

const HEADER_MEMBERS = ["alg", "kid", "typ"];
const HMAC_SHA256_SIGNATURE_LENGTH = 43; // 32 bytes, base64url without padding

/** A failed step, thrown inside this module only: a plain object, so no stack is captured. */
class Failure {
  constructor(readonly reason: TokenFailureReason) {}
}
const FAILURES = new Map<TokenFailureReason, Failure>();

function fail(reason: TokenFailureReason): never {
  let failure = FAILURES.get(reason);
  if (failure === undefined) {
    failure = new Failure(reason);
    FAILURES.set(reason, failure);
  }
  throw failure;
}

/** A JSON object from a segment (decoding.ts), or a "malformed" failure (never a crash). */
function decodeObject(segment: string): Record<string, unknown> {
  return decodeSegment(segment) ?? fail("malformed");
}

/**
 * The strict gate before any cryptography: the exact compact form (RFC 7515 §7.1) and the exact
 * header of the contract. jose alone would accept padding, whitespace and other algorithms.
 * Steps 1 to 4 of the order of checks in docs/contract.md.
 */
function checkShape(
  token: unknown,
  keys: ReadonlyMap<string, KeyObject>,
): { key: KeyObject; signature: Buffer; signedLength: number; payload: Record<string, unknown> } {
  if (typeof token !== "string") return fail("malformed");
  if (!atMostCodePoints(token, MAX_TOKEN_LENGTH)) return fail("oversized");
  const segments = token.split(".");
  if (segments.length !== 3) return fail("malformed");
  const [header, payload, signature] = segments as [string, string, string];
  const signatureBytes =
    signature.length === HMAC_SHA256_SIGNATURE_LENGTH ? decodeCanonical(signature) : undefined;
  if (!signatureBytes) return fail("malformed");
  const fields = decodeObject(header);
  const claims = decodeObject(payload);
  // Exactly alg, kid, typ: no jwk, jku, x5u, x5c, crit, b64, zip… (RFC 8725 §3.1, §3.10).
  if (
    Object.keys(fields).length !== HEADER_MEMBERS.length ||
    !HEADER_MEMBERS.every((name) => Object.hasOwn(fields, name))
  ) {
    return fail("header");
  }
  if (fields.alg !== ACCESS_TOKEN_ALGORITHM || fields.typ !== ACCESS_TOKEN_TYPE)
    return fail("header");
  if (typeof fields.kid !== "string") return fail("header");
  // One key for one kid: no fallback, no trying every key.
  const key = keys.get(fields.kid) ?? fail("unknown_kid");
  return {
    key,
    signature: signatureBytes,
    signedLength: header.length + 1 + payload.length,
    payload: claims,
  };
}

function isIdClaim(value: unknown): value is string {
  return (
    typeof value === "string" && value.length > 0 && atMostCodePoints(value, MAX_ID_CLAIM_LENGTH)
  );
}

function isOptionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === "string";
}

/**
 * Steps 6 to 12 of the order of checks in docs/contract.md, after the signature: JSON types and
 * integer times first, then issuer, audience, lifetime and the clock (RFC 8725 §3.9, §3.10).
 * The first failing step gives the reason, so every verifier of the contract agrees on it.
 */
function checkClaims(
  payload: Record<string, unknown>,
  options: Required<Pick<VerifierOptions, "issuer" | "audience">> & {
    maxTtl: number;
    leeway: number;
  },
  nowSeconds: number,
): AccessTokenClaims {
  const { iss, aud, sub, iat, exp, nbf, jti, sid, email, name } = payload;
  if (!isIdClaim(sub) || !isIdClaim(jti) || !isIdClaim(sid)) return fail("claims");
  if (!Number.isSafeInteger(iat) || !Number.isSafeInteger(exp)) return fail("claims");
  if (nbf !== undefined && !Number.isSafeInteger(nbf)) return fail("claims");
  if (!isOptionalString(email) || !isOptionalString(name)) return fail("claims");
  const issuedAt = iat as number;
  const expiresAt = exp as number;
  if (iss !== options.issuer) return fail("issuer");
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (
    !audiences.every((entry) => typeof entry === "string") ||
    !audiences.includes(options.audience)
  ) {
    return fail("audience");
  }
  if (expiresAt <= issuedAt || expiresAt - issuedAt > options.maxTtl) return fail("lifetime");
  if (issuedAt > nowSeconds + options.leeway) return fail("issued_in_future");
  if (expiresAt <= nowSeconds - options.leeway) return fail("expired");
  if (nbf !== undefined && (nbf as number) > nowSeconds + options.leeway) {
    return fail("not_yet_valid");
  }
  return {
    iss: options.issuer,
    aud: options.audience,
    sub,
    iat: issuedAt,
    exp: expiresAt,
    jti,
    sid,
    ...(email !== undefined && { email }),
    ...(name !== undefined && { name }),
  };
}

export function createAccessTokenVerifier(options: VerifierOptions): AccessTokenVerifier {
  const { keyRing, issuer, audience } = options;
  const maxTtl = Math.min(options.maxTtlSeconds ?? MAX_TTL_SECONDS, MAX_TTL_SECONDS);
  const leeway = Math.min(options.clockLeewaySeconds ?? CLOCK_LEEWAY_SECONDS, CLOCK_LEEWAY_SECONDS);
  const outcome = (token: string, nowMs = Date.now()): AccessTokenClaims | TokenFailureReason => {
    try {
      const { key, signature, signedLength, payload } = checkShape(token, keyRing.verification);
      // Step 5: the HMAC over the exact segments as sent, compared in constant time. Claims are
      // checked below, in the contract's order.
      const expected = createHmac("sha256", key).update(token.slice(0, signedLength)).digest();
      if (!timingSafeEqual(expected, signature)) return "signature";
      const nowSeconds = Math.floor(nowMs / 1000);
      return checkClaims(payload, { issuer, audience, maxTtl, leeway }, nowSeconds);
    } catch (error) {
      if (error instanceof Failure) return error.reason;
      throw error;
    }
  };
  const verifySync = (token: string, nowMs?: number): AccessTokenClaims => {
    const result = outcome(token, nowMs);
    if (typeof result === "string") throw new TokenVerificationError(result);
    return result;
  };
  return {
    outcome,
    verifySync,
    async verify(token, nowMs) {
      return verifySync(token, nowMs);
    },
  };
}
