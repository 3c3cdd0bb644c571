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

/** Sessions per page of `GET /api/auth/sessions?page=N`; the cap keeps a user within one. */
const SESSIONS_PAGE_SIZE = 100;

interface SessionRow {
  readonly id: string;
  readonly token: string;
  readonly userAgent?: string | null;
  readonly ipAddress?: string | null;
  readonly createdAt: Date | string;
  readonly updatedAt: Date | string;
  readonly expiresAt: Date | string;
}

/**
 * The user's own sessions, by id. Better Auth's `/list-sessions` hands every session's token to
 * the browser, and `/revoke-session` takes one back; these two endpoints never let a session token
 * reach JavaScript (docs/security.md). Both read the session table with their own conditions (the
 * user's, unexpired) and explicit limits, never Better Auth's default page of 100: the list shows
 * every live session (most recently active first, pages of 100 with a `Link: rel="next"` when
 * there are more), and any of them can be ended. Ending one deletes its row through Better Auth,
 * so the revocation record is written as for any sign-out (revocation-plugin.ts).
 */
export function sessionsPlugin() {
  return {
    id: "sessions",
    endpoints: {
      listOwnSessions: createAuthEndpoint(
        "/sessions",
        {
          method: "GET",
          use: [sessionMiddleware],
          requireHeaders: true,
          query: z
            .object({ page: z.coerce.number().int().min(0).max(10_000).optional() })
            .optional(),
        },
        async (ctx) => {
          const { session, user } = ctx.context.session;
          const page = ctx.query?.page ?? 0;
          const rows = await ctx.context.adapter.findMany<SessionRow>({
            model: "session",
            where: [
              { field: "userId", value: user.id },
              { field: "expiresAt", operator: "gt", value: new Date() },
            ],
            // One more than a page: tells whether another page follows.
            limit: SESSIONS_PAGE_SIZE + 1,
            offset: page * SESSIONS_PAGE_SIZE,
            sortBy: { field: "updatedAt", direction: "desc" },
          });
          const summaries: SessionSummary[] = rows
            .slice(0, SESSIONS_PAGE_SIZE)
            .map((entry) => ({
              id: entry.id,
              userAgent: entry.userAgent ?? null,
              ipAddress: entry.ipAddress ?? null,
              createdAt: new Date(entry.createdAt).toISOString(),
              lastActiveAt: new Date(entry.updatedAt).toISOString(),
              current: entry.id === session.id,
            }))
            .sort((a, b) => Number(b.current) - Number(a.current));
          if (rows.length > SESSIONS_PAGE_SIZE) {
            ctx.setHeader("link", `</api/auth/sessions?page=${page + 1}>; rel="next"`);
          }
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
          // Only the caller's own live sessions are candidates: another user's id is "not found".
          const target = await ctx.context.adapter.findOne<SessionRow>({
            model: "session",
            where: [
              { field: "id", value: ctx.body.id },
              { field: "userId", value: user.id },
            ],
          });
          if (!target || new Date(target.expiresAt).getTime() <= Date.now()) {
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
