import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware, isAPIError } from "better-auth/api";

/** The one answer whose `token` is meant for JavaScript: the access token (access-token-plugin.ts). */
const ACCESS_TOKEN_PATH = "/token";

/**
 * The session token is the cookie's secret: it lives in an HttpOnly cookie and never in a body
 * that JavaScript can read (docs/decisions/0010-session-revocation.md, ASVS 3.4.2). Better Auth
 * returns it in several answers (`token` of sign-in, sign-up and change-password, `session.token`
 * of get-session); this after hook removes it from every answer but the access token's, on HTTP
 * and `auth.api.*` calls alike. surface.test.ts walks every enabled endpoint to prove it.
 */
export function noSessionTokenPlugin() {
  const after = createAuthMiddleware(async (ctx) => {
    const returned: unknown = ctx.context.returned;
    if (typeof returned !== "object" || returned === null || isAPIError(returned)) return;
    if (returned instanceof Response || Array.isArray(returned)) return;
    const body = returned as Record<string, unknown>;
    const session = body.session;
    const hasSessionToken = typeof session === "object" && session !== null && "token" in session;
    if (!("token" in body) && !hasSessionToken) return;
    const { token: _dropped, ...rest } = body;
    const scrubbed: Record<string, unknown> = "token" in body ? { ...rest, token: null } : rest;
    if (hasSessionToken) {
      const { token: _secret, ...publicSession } = session as Record<string, unknown>;
      scrubbed.session = publicSession;
    }
    return ctx.json(scrubbed);
  });
  return {
    id: "no-session-token",
    hooks: {
      after: [
        { matcher: (ctx: { path?: string }) => ctx.path !== ACCESS_TOKEN_PATH, handler: after },
      ],
    },
  } satisfies BetterAuthPlugin;
}
