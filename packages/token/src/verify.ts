import type { webcrypto } from "node:crypto";
import { errors as joseErrors, jwtVerify } from "jose";
import { decodeCanonical, isBase64UrlSegment } from "./base64url.js";
import {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_TYPE,
  CLOCK_LEEWAY_SECONDS,
  MAX_ID_CLAIM_LENGTH,
  MAX_TOKEN_LENGTH,
  MAX_TTL_SECONDS,
} from "./contract.js";
import { type TokenFailureReason, TokenVerificationError } from "./errors.js";
import type { KeyRing } from "./key-ring.js";
import type { AccessTokenClaims } from "./mint.js";

export interface AccessTokenVerifier {
  verify(token: string, nowMs?: number): Promise<AccessTokenClaims>;
}

export interface VerifierOptions {
  readonly keyRing: KeyRing;
  readonly issuer: string;
  readonly audience: string;
  readonly maxTtlSeconds?: number;
  readonly clockLeewaySeconds?: number;
}

const HEADER_MEMBERS = ["alg", "kid", "typ"];
const REQUIRED_CLAIMS = ["iss", "aud", "sub", "iat", "exp", "jti", "sid"];
const HMAC_SHA256_SIGNATURE_LENGTH = 43; // 32 bytes, base64url without padding
const utf8 = new TextDecoder("utf-8", { fatal: true });

function fail(reason: TokenFailureReason): never {
  throw new TokenVerificationError(reason);
}

/** A JSON object from a base64url segment, or a "malformed" failure (never a crash). */
function decodeObject(segment: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(utf8.decode(Buffer.from(segment, "base64url")));
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // falls through to the failure below
  }
  return fail("malformed");
}

/**
 * The strict gate before any cryptography: the exact compact form (RFC 7515 §7.1) and the exact
 * header of the contract. jose alone would accept padding, whitespace and other algorithms.
 */
function checkShape(token: unknown, keyRing: KeyRing): webcrypto.CryptoKey {
  if (typeof token !== "string") return fail("malformed");
  if (token.length > MAX_TOKEN_LENGTH) return fail("oversized");
  const segments = token.split(".");
  if (segments.length !== 3) return fail("malformed");
  const [header, payload, signature] = segments as [string, string, string];
  if (!isBase64UrlSegment(header) || !isBase64UrlSegment(payload)) return fail("malformed");
  if (signature.length !== HMAC_SHA256_SIGNATURE_LENGTH || !decodeCanonical(signature)) {
    return fail("malformed");
  }
  decodeObject(payload);
  const fields = decodeObject(header);
  const members = Object.keys(fields).sort();
  // Exactly alg, kid, typ: no jwk, jku, x5u, x5c, crit, b64, zip… (RFC 8725 §3.1, §3.10).
  if (members.length !== 3 || members.some((name, i) => name !== HEADER_MEMBERS[i])) {
    return fail("header");
  }
  if (fields.alg !== ACCESS_TOKEN_ALGORITHM || fields.typ !== ACCESS_TOKEN_TYPE)
    return fail("header");
  if (typeof fields.kid !== "string") return fail("header");
  // One key for one kid: no fallback, no trying every key.
  return keyRing.verification.get(fields.kid) ?? fail("unknown_kid");
}

function joseReason(
  error: unknown,
  iat: unknown,
  nowSeconds: number,
  leeway: number,
): TokenFailureReason {
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "signature";
  if (error instanceof joseErrors.JWTExpired) {
    return error.claim === "iat" ? "lifetime" : "expired";
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case "nbf":
        return "not_yet_valid";
      case "iss":
        return "issuer";
      case "aud":
        return "audience";
      case "iat":
        return typeof iat === "number" && iat > nowSeconds + leeway ? "issued_in_future" : "claims";
      case "typ":
        return "header";
      default:
        return "claims";
    }
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "header";
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) {
    return "malformed";
  }
  return "claims";
}

function isIdClaim(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= MAX_ID_CLAIM_LENGTH;
}

function optionalString(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : fail("claims");
}

/** What jose leaves open: JSON types, integer times, the lifetime bound (RFC 8725 §3.9, §3.10). */
function checkClaims(
  payload: Record<string, unknown>,
  options: Required<Pick<VerifierOptions, "issuer" | "audience">> & {
    maxTtl: number;
    leeway: number;
  },
  nowSeconds: number,
): AccessTokenClaims {
  const { iss, aud, sub, iat, exp, nbf, jti, sid } = payload;
  if (!isIdClaim(sub) || !isIdClaim(jti) || !isIdClaim(sid)) return fail("claims");
  if (!Number.isSafeInteger(iat) || !Number.isSafeInteger(exp)) return fail("claims");
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
  if (nbf !== undefined) {
    if (!Number.isSafeInteger(nbf)) return fail("claims");
    if ((nbf as number) > nowSeconds + options.leeway) return fail("not_yet_valid");
  }
  const email = optionalString(payload.email);
  const name = optionalString(payload.name);
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
  return {
    async verify(token, nowMs = Date.now()) {
      const key = checkShape(token, keyRing);
      const nowSeconds = Math.floor(nowMs / 1000);
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, key, {
          algorithms: [ACCESS_TOKEN_ALGORITHM],
          typ: ACCESS_TOKEN_TYPE,
          issuer,
          audience,
          requiredClaims: REQUIRED_CLAIMS,
          clockTolerance: leeway,
          maxTokenAge: maxTtl + leeway,
          currentDate: new Date(nowMs),
        }));
      } catch (error) {
        const iat = (error as { payload?: { iat?: unknown } }).payload?.iat;
        return fail(joseReason(error, iat, nowSeconds, leeway));
      }
      return checkClaims(payload, { issuer, audience, maxTtl, leeway }, nowSeconds);
    },
  };
}
