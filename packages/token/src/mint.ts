import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_TYPE,
  DEFAULT_TTL_SECONDS,
  MAX_ID_CLAIM_LENGTH,
  MAX_TTL_SECONDS,
  MIN_TTL_SECONDS,
} from "./contract.js";
import { atMostCodePoints } from "./decoding.js";
import { TokenConfigError } from "./errors.js";
import type { KeyRing } from "./key-ring.js";

export interface AccessTokenClaims {
  readonly iss: string;
  readonly aud: string;
  readonly sub: string;
  readonly iat: number;
  readonly exp: number;
  readonly jti: string;
  /** The Better Auth session the token was minted for (checked against the revocation set). */
  readonly sid: string;
  readonly email?: string;
  readonly name?: string;
}

export interface MintInput {
  readonly sub: string;
  readonly sid: string;
  readonly email?: string;
  readonly name?: string;
}

export interface MintedToken {
  readonly token: string;
  readonly expiresAt: Date;
  readonly claims: AccessTokenClaims;
}

export interface AccessTokenIssuer {
  mint(input: MintInput, nowMs?: number): Promise<MintedToken>;
  readonly ttlSeconds: number;
}

export interface IssuerOptions {
  readonly keyRing: KeyRing;
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds?: number;
}

export function createAccessTokenIssuer(options: IssuerOptions): AccessTokenIssuer {
  const { keyRing, issuer, audience } = options;
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  if (
    !Number.isInteger(ttlSeconds) ||
    ttlSeconds < MIN_TTL_SECONDS ||
    ttlSeconds > MAX_TTL_SECONDS
  ) {
    throw new TokenConfigError(
      `JWT_TTL_SECONDS must be a whole number from ${MIN_TTL_SECONDS} to ${MAX_TTL_SECONDS}`,
    );
  }
  return {
    ttlSeconds,
    async mint(input, nowMs = Date.now()) {
      for (const name of ["sub", "sid"] as const) {
        const value: unknown = input[name];
        if (
          typeof value !== "string" ||
          value === "" ||
          !atMostCodePoints(value, MAX_ID_CLAIM_LENGTH)
        ) {
          throw new TypeError(`${name} must be a non-empty string of at most 255 characters`);
        }
      }
      const iat = Math.floor(nowMs / 1000);
      const claims: AccessTokenClaims = {
        iss: issuer,
        aud: audience,
        sub: input.sub,
        iat,
        exp: iat + ttlSeconds,
        jti: randomUUID(),
        sid: input.sid,
        ...(input.email !== undefined && { email: input.email }),
        ...(input.name !== undefined && { name: input.name }),
      };
      const token = await new SignJWT({ ...claims })
        .setProtectedHeader({
          alg: ACCESS_TOKEN_ALGORITHM,
          typ: ACCESS_TOKEN_TYPE,
          kid: keyRing.signing.kid,
        })
        .sign(keyRing.signing.key);
      return { token, expiresAt: new Date(claims.exp * 1000), claims };
    },
  };
}
