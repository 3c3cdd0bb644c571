import type { Database } from "@todo/db";
import { readUserCutOffs } from "@todo/db/revocations";
import type { AccessTokenIssuer } from "@todo/token";
import type { BetterAuthPlugin } from "better-auth";
import {
  APIError,
  createAuthEndpoint,
  createAuthMiddleware,
  sessionMiddleware,
} from "better-auth/api";
import { attemptLimiter } from "./attempt-limiter.js";
import type { Counters } from "./counters.js";
import { tooManyRequests } from "./rate-limit-answers.js";
import { revocationUnavailable } from "./revocation-plugin.js";

export interface TokenLimit {
  readonly counters: Counters;
  /** Tokens one user may obtain per minute, from all their sessions and addresses together. */
  readonly perMinute: number;
  /** Where the per-user cut-offs are read before a token is minted. */
  readonly database: Database;
}

/**
 * When a token for this session may be issued (ms), or `undefined` when a per-user cut-off covers
 * the session (created at or before it, not the session it keeps): such a session is being ended
 * and gets no new token, even if its row outlives the cut-off because a deletion failed. A session
 * created after a cut-off, in the same second, gets `iat` one second later, so that the API's rule
 * (`iat` at or before the cut-off is refused) cannot catch it; 1 s is well inside the leeway.
 */
async function mintableFrom(
  database: Database,
  session: { id: string; userId: string; createdAt: Date | string },
): Promise<number | undefined> {
  const cutOffs = await readUserCutOffs(database, session.userId).catch((error: unknown) => {
    console.error(JSON.stringify({ level: 50, msg: "revocation read", err: String(error) }));
    throw revocationUnavailable();
  });
  const createdMs = new Date(session.createdAt).getTime();
  let from = Date.now();
  for (const cutOff of cutOffs) {
    if (cutOff.keptSessionId === session.id) continue;
    if (createdMs <= (cutOff.revokedAtMs ?? Number.POSITIVE_INFINITY)) return undefined;
    from = Math.max(from, (cutOff.revokedAt + 1) * 1000);
  }
  return from;
}

/** The most a display claim may take in the token, in UTF-8 bytes once JSON-encoded. */
const MAX_NAME_CLAIM_BYTES = 100;
const MAX_EMAIL_CLAIM_BYTES = 256;

/**
 * A display claim cut to fit its budget at a code point boundary, or left out when even that
 * cannot fit. Input bounds (user-fields.ts) already keep names and emails short; this keeps the
 * token small (under 1 KB) whatever is in the database, rows written before those bounds included.
 */
function boundedClaim(value: string, maxBytes: number): string | undefined {
  const size = (s: string) => Buffer.byteLength(JSON.stringify(s));
  if (size(value) <= maxBytes) return value;
  // Every code point takes at least one byte: no more than maxBytes of them can fit.
  const points = [...value.slice(0, 2 * maxBytes)].slice(0, maxBytes);
  let text = points.join("");
  while (points.length > 0 && size(text) > maxBytes) {
    points.pop();
    text = points.join("");
  }
  return points.length > 0 ? text : undefined;
}

/**
 * A token is for this app's own pages (fetch from the same origin) or for a client outside any
 * browser. A browser says where a request comes from in `Sec-Fetch-Site` and `Sec-Fetch-Mode`
 * (Fetch Metadata): a cross-site or same-site page, or a top-level navigation, which SameSite=Lax
 * lets carry the session cookie, is refused before anything is minted or counted, so a hostile page
 * cannot spend the user's token budget. A request with no `Sec-Fetch-*` header is not a modern
 * browser's and is allowed.
 */
const ownPagesOnly = createAuthMiddleware(async (ctx) => {
  const site = ctx.headers?.get("sec-fetch-site");
  const mode = ctx.headers?.get("sec-fetch-mode");
  if ((site !== null && site !== undefined && site !== "same-origin") || mode === "navigate") {
    throw new APIError("FORBIDDEN", {
      code: "CROSS_SITE_TOKEN_REQUEST",
      message: "Access tokens are only issued to this app's own pages.",
    });
  }
});

/**
 * `GET /api/auth/token`: the bridge from the session cookie to the API. With a valid session it
 * returns a short-lived access token for that session's user; without one, 401 (from the session
 * middleware). The subject comes from the session only, never from the request (ASVS 9.1).
 * Being a Better Auth endpoint, it inherits the session checks, origin checks and per-address rate
 * limit; it answers only the app's own pages (`ownPagesOnly`); and each user gets `limit.perMinute` tokens a minute (a browser needs one per
 * token lifetime and page load, so only a script minting tokens in a loop ever meets the limit).
 */
export function accessTokenPlugin(issuer: AccessTokenIssuer, limit: TokenLimit) {
  return {
    id: "access-token",
    endpoints: {
      issueAccessToken: createAuthEndpoint(
        "/token",
        { method: "GET", use: [ownPagesOnly, sessionMiddleware], requireHeaders: true },
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
          const from = await mintableFrom(limit.database, session);
          if (from === undefined) {
            throw new APIError("UNAUTHORIZED", {
              code: "SESSION_REVOKED",
              message: "This session has ended; sign in again.",
            });
          }
          const email = boundedClaim(user.email, MAX_EMAIL_CLAIM_BYTES);
          const name = boundedClaim(user.name, MAX_NAME_CLAIM_BYTES);
          const minted = await issuer.mint(
            {
              sub: user.id,
              sid: session.id,
              ...(email !== undefined && { email }),
              ...(name !== undefined && { name }),
            },
            from,
          );
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
