import type { AccessTokenIssuer } from "@todo/token";
import type { BetterAuthPlugin } from "better-auth";
import { createAuthEndpoint, sessionMiddleware } from "better-auth/api";
import { attemptLimiter, type Counters } from "./counters.js";
import { tooManyRequests } from "./rate-limit-answers.js";

export interface TokenLimit {
  readonly counters: Counters;
  /** Tokens one user may obtain per minute, from all their sessions and addresses together. */
  readonly perMinute: number;
}

/**
 * `GET /api/auth/token`: the bridge from the session cookie to the API. With a valid session it
 * returns a short-lived access token for that session's user; without one, 401 (from the session
 * middleware). The subject comes from the session only, never from the request (ASVS 9.1).
 * Being a Better Auth endpoint, it inherits the session checks, origin checks and per-address rate
 * limit; on top of that, each user gets `limit.perMinute` tokens a minute (a browser needs one per
 * token lifetime and page load, so only a script minting tokens in a loop ever meets the limit).
 */
export function accessTokenPlugin(issuer: AccessTokenIssuer, limit: TokenLimit) {
  return {
    id: "access-token",
    endpoints: {
      issueAccessToken: createAuthEndpoint(
        "/token",
        { method: "GET", use: [sessionMiddleware], requireHeaders: true },
        async (ctx) => {
          const { session, user } = ctx.context.session;
          const attempt = await attemptLimiter(limit.counters, {
            limit: limit.perMinute,
            windowMs: 60_000,
          }).consume(`token:${user.id}`);
          if (!attempt.allowed) {
            throw tooManyRequests(
              "TOO_MANY_TOKENS",
              "Too many token requests; try again later.",
              attempt,
            );
          }
          const minted = await issuer.mint({
            sub: user.id,
            sid: session.id,
            email: user.email,
            name: user.name,
          });
          // A bearer token must never be stored by a cache (RFC 6750 §5.3).
          ctx.setHeader("cache-control", "no-store");
          ctx.setHeader("pragma", "no-cache");
          return ctx.json({ token: minted.token, expiresAt: minted.expiresAt.toISOString() });
        },
      ),
    },
  } satisfies BetterAuthPlugin;
}

export type AccessTokenPlugin = ReturnType<typeof accessTokenPlugin>;
