import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { attemptLimiter } from "./attempt-limiter.js";
import type { Counters } from "./counters.js";
import { tooManyRequests } from "./rate-limit-answers.js";
import { accountFailureKey } from "./sign-in-throttle.js";

export interface ReauthenticationOptions {
  readonly counters: Counters;
  /** Wrong passwords allowed per account within the window: the sign-in throttle's budget. */
  readonly maxFailures: number;
  readonly windowMs: number;
}

/** The endpoints that act on the account itself, and the field that must carry the password. */
const PASSWORD_FIELDS = new Map<string, string>([
  ["/delete-user", "password"],
  ["/change-password", "currentPassword"],
]);

/**
 * Server-enforced re-authentication for account deletion and password change (ASVS 6.2.3, 7.5.1).
 *
 * - The current password must be in the request: missing, not a string or empty is refused with
 *   400 PASSWORD_REQUIRED before anything happens (Better Auth's delete-user would otherwise
 *   settle for a fresh session).
 * - Every attempt counts against the session's user's per-account failure budget before the
 *   password is checked (so parallel guesses cannot slip past the limit); a correct password
 *   clears it, as a successful sign-in does. Beyond the budget: 429 TOO_MANY_ATTEMPTS with
 *   Retry-After, audited like the sign-in lock. The key is the session's email, never one taken
 *   from the body.
 * - A password change always ends every other session of the user, whatever the client asked
 *   (session-ending-plugin.ts); the session that changed it gets a new cookie and stays signed in.
 */
export function reauthenticationPlugin(options: ReauthenticationOptions) {
  const limiter = attemptLimiter(options.counters, {
    limit: options.maxFailures,
    windowMs: options.windowMs,
  });

  const before = createAuthMiddleware(async (ctx) => {
    const field = PASSWORD_FIELDS.get(ctx.path ?? "") as string;
    const body =
      typeof ctx.body === "object" && ctx.body !== null && !Array.isArray(ctx.body)
        ? (ctx.body as Record<string, unknown>)
        : {};
    const password = body[field];
    if (typeof password !== "string" || password.length === 0) {
      throw new APIError("BAD_REQUEST", {
        code: "PASSWORD_REQUIRED",
        message: "Confirm with your current password.",
      });
    }
    const session = await getSessionFromCtx(ctx, { disableCookieCache: true });
    // No session: the endpoint itself answers 401.
    if (!session) return;
    const attempt = await limiter.consume(accountFailureKey(session.user.email));
    if (!attempt.allowed) {
      throw tooManyRequests(
        "TOO_MANY_ATTEMPTS",
        "Too many wrong passwords for this account; try again later.",
        attempt,
      );
    }
  });

  const after = createAuthMiddleware(async (ctx) => {
    const returned: unknown = ctx.context.returned;
    const user = ctx.context.session?.user;
    if (user && returned !== undefined && !isAPIError(returned)) {
      await limiter.reset(accountFailureKey(user.email));
    }
  });

  const matcher = (ctx: { path?: string }) => PASSWORD_FIELDS.has(ctx.path ?? "");
  return {
    id: "reauthentication",
    hooks: { before: [{ matcher, handler: before }], after: [{ matcher, handler: after }] },
  } satisfies BetterAuthPlugin;
}
