import { sessionRevocation, userCutOff } from "@todo/db/revocations";
import type { BetterAuthOptions, BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware, getSessionFromCtx } from "better-auth/api";
import { type RevocationRecorder, revocationUnavailable } from "./revocation-plugin.js";

/** The adapter calls this file makes: explicit limits and conditions, never a default page. */
export interface SessionStore {
  count(data: { model: string; where: Where[] }): Promise<number>;
  findMany<T>(data: {
    model: string;
    where: Where[];
    limit: number;
    offset?: number;
    sortBy: { field: string; direction: "asc" | "desc" };
  }): Promise<T[]>;
  deleteMany(data: { model: string; where: Where[] }): Promise<number>;
}
interface Where {
  readonly field: string;
  readonly value: string | Date | string[];
  readonly operator?: "eq" | "ne" | "gt" | "lte" | "in";
}

/** The endpoints that end more than one session, and whether the calling session survives. */
const ENDS_MANY = new Map<string, { keepsCurrent: boolean; password?: string }>([
  ["/revoke-other-sessions", { keepsCurrent: true }],
  ["/revoke-sessions", { keepsCurrent: false }],
  // The caller's session is replaced by a new one (below): the cut-off keeps none, so that the old
  // one's tokens are refused however Better Auth's deletion of it goes.
  ["/change-password", { keepsCurrent: false, password: "currentPassword" }],
  ["/delete-user", { keepsCurrent: false, password: "password" }],
]);

/**
 * Every session of `userId` but `keep` created up to the cut-off, deleted in one statement (no
 * page, no hooks). A session created after it (a sign-in racing the action) is not the cut-off's:
 * deleting it here would leave its tokens unrecorded, so it is left to the endpoint's own
 * deletion, which records it, or kept, as a sign-in after the action.
 */
function deleteOtherSessions(store: SessionStore, userId: string, keep: string, upTo: Date) {
  return store.deleteMany({
    model: "session",
    where: [
      { field: "userId", value: userId },
      { field: "id", operator: "ne", value: keep },
      { field: "createdAt", operator: "lte", value: upTo },
    ],
  });
}

/**
 * Signing out everywhere or on other devices, a password change and account deletion end every
 * other session of the user, however many (docs/decisions/0010-session-revocation.md):
 *
 * 1. the password, where the action asks for one, is checked first (a mistyped password ends
 *    nothing);
 * 2. ONE per-user cut-off is written — every token of the user issued until now is refused, except
 *    the calling session's where the action keeps it — before anything is deleted; if it cannot be
 *    written the request answers 503 and nothing has changed (password and account intact);
 * 3. every other session row is deleted by one statement, whatever their number.
 *
 * Better Auth's endpoint then runs as usual on the one session left, the caller's: it deletes it
 * (sign-out everywhere, account deletion; its delete hook records it), keeps it (other devices), or
 * replaces it by a new one (password change). Its own page-at-a-time reads find that one row only.
 * The cut-off spares the caller's session only where it survives ("other devices").
 */
export function sessionEndingPlugin(recorder: RevocationRecorder) {
  const before = createAuthMiddleware(async (ctx) => {
    const rule = ENDS_MANY.get(ctx.path ?? "");
    if (!rule) return;
    const current = await getSessionFromCtx(ctx, { disableCookieCache: true }).catch(() => null);
    // No session: the endpoint itself answers 401.
    if (!current) return;
    const body = (ctx.body ?? {}) as Record<string, unknown>;
    if (rule.password !== undefined) {
      const account = await ctx.context.internalAdapter.findCredentialAccount(current.user.id);
      const password = body[rule.password];
      // Without a password account or a plausible password, the endpoint answers with its own
      // error (128: the longest password accepted, so nothing longer is ever hashed here).
      if (!account?.password || typeof password !== "string" || password.length > 128) return;
      // A wrong password ends nothing: the endpoint checks it again and answers (and audits) it.
      if (!(await ctx.context.password.verify({ hash: account.password, password }))) return;
    }
    const keep = current.session.id;
    const cutOff = userCutOff(current.user.id, {
      retention: recorder.retention,
      ...(rule.keepsCurrent && { keptSessionId: keep }),
    });
    await recorder.record(cutOff);
    try {
      const upTo = new Date(cutOff.revokedAtMs ?? Date.now());
      await deleteOtherSessions(ctx.context.adapter, current.user.id, keep, upTo);
    } catch (error) {
      // The cut-off already refuses their tokens and stops them minting new ones; say it failed.
      recorder.onError(error);
      throw revocationUnavailable();
    }
    if (ctx.path === "/change-password") {
      // Whatever the client asked: Better Auth then ends the caller's session too (the one row
      // left, recorded by the delete hook) and signs it in again with a new one (ASVS 3.3.3).
      return { context: { body: { ...body, revokeOtherSessions: true } } };
    }
  });
  const matcher = (ctx: { path?: string }) => ENDS_MANY.has(ctx.path ?? "");
  return {
    id: "session-ending",
    hooks: { before: [{ matcher, handler: before }] },
  } satisfies BetterAuthPlugin;
}

/**
 * At most `max` live sessions per user: before a new one is created, the oldest beyond `max - 1`
 * are recorded as revoked (one statement, all or none: 503 and no new session when it fails), then
 * deleted. Two sign-ins at the same instant may leave one extra session until the next one.
 */
export function sessionCapHooks(
  max: number,
  recorder: RevocationRecorder,
  store: () => Promise<SessionStore>,
) {
  return {
    before: async (session: { userId: string }) => {
      const adapter = await store();
      const live = [
        { field: "userId", value: session.userId },
        { field: "expiresAt", operator: "gt", value: new Date() },
      ] satisfies Where[];
      const count = await adapter.count({ model: "session", where: live });
      if (count < max) return;
      const oldest = await adapter.findMany<{ id: string }>({
        model: "session",
        where: live,
        limit: count - max + 1,
        sortBy: { field: "createdAt", direction: "asc" },
      });
      if (oldest.length === 0) return;
      const ids = oldest.map((row) => row.id);
      await recorder.recordAll(
        ids.map((id) => sessionRevocation(id, undefined, recorder.retention)),
      );
      try {
        await adapter.deleteMany({
          model: "session",
          where: [{ field: "id", operator: "in", value: ids }],
        });
      } catch (error) {
        recorder.onError(error);
        throw revocationUnavailable();
      }
    },
  } satisfies NonNullable<NonNullable<BetterAuthOptions["databaseHooks"]>["session"]>["create"];
}
