import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint, sessionMiddleware } from "better-auth/api";
import * as z from "zod";

/**
 * What `GET /api/auth/sessions` answers for each session, and what the account page shows: never
 * its token (that is the cookie's secret).
 */
export interface SessionSummary {
  readonly id: string;
  readonly userAgent: string | null;
  readonly ipAddress: string | null;
  readonly createdAt: string;
  readonly lastActiveAt: string;
  readonly current: boolean;
}

/**
 * The user's own sessions, by id. Better Auth's `/list-sessions` hands every session's token to
 * the browser, and `/revoke-session` takes one back; these two endpoints never let a session token
 * reach JavaScript (docs/security.md). Ending a session deletes its row through Better Auth, so
 * the revocation record is written as for any sign-out (revocation-plugin.ts).
 */
export function sessionsPlugin() {
  return {
    id: "sessions",
    endpoints: {
      listOwnSessions: createAuthEndpoint(
        "/sessions",
        { method: "GET", use: [sessionMiddleware], requireHeaders: true },
        async (ctx) => {
          const { session, user } = ctx.context.session;
          const now = Date.now();
          const sessions = await ctx.context.internalAdapter.listSessions(user.id);
          const summaries: SessionSummary[] = sessions
            .filter((entry) => new Date(entry.expiresAt).getTime() > now)
            .map((entry) => ({
              id: entry.id,
              userAgent: entry.userAgent ?? null,
              ipAddress: entry.ipAddress ?? null,
              createdAt: new Date(entry.createdAt).toISOString(),
              lastActiveAt: new Date(entry.updatedAt).toISOString(),
              current: entry.id === session.id,
            }))
            .sort(
              (a, b) =>
                Number(b.current) - Number(a.current) ||
                b.lastActiveAt.localeCompare(a.lastActiveAt),
            );
          ctx.setHeader("cache-control", "no-store");
          return ctx.json(summaries);
        },
      ),
      endOwnSession: createAuthEndpoint(
        "/sessions/end",
        {
          method: "POST",
          use: [sessionMiddleware],
          requireHeaders: true,
          body: z.object({ id: z.string().min(1).max(255) }).strict(),
        },
        async (ctx) => {
          const { session, user } = ctx.context.session;
          if (ctx.body.id === session.id) {
            throw new APIError("BAD_REQUEST", {
              code: "CURRENT_SESSION",
              message: "Sign out to end this device's session.",
            });
          }
          const sessions = await ctx.context.internalAdapter.listSessions(user.id);
          // Only the caller's own sessions are candidates: another user's id is "not found".
          const target = sessions.find((entry) => entry.id === ctx.body.id);
          if (!target) {
            throw new APIError("NOT_FOUND", {
              code: "SESSION_NOT_FOUND",
              message: "No such session.",
            });
          }
          await ctx.context.internalAdapter.deleteSession(target.token);
          return ctx.json({ ended: true });
        },
      ),
    },
  } satisfies BetterAuthPlugin;
}
