import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";

export interface ThrottleOptions {
  /** Failed sign-ins allowed per account within the window. */
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly now?: () => number;
}

/**
 * Per-account brute-force protection (ASVS 6.3.1), beside Better Auth's per-address limit: after
 * `maxFailures` wrong passwords for one email within the window, that email's sign-ins are refused
 * with 429 and Retry-After until the window has passed, from whatever address they come. Keyed by
 * the email as submitted, whether or not an account has it, so it reveals nothing about which
 * accounts exist. Counts live in memory, per web app instance.
 */
export function signInThrottlePlugin(options: ThrottleOptions) {
  const { maxFailures, windowMs, now = Date.now } = options;
  const failures = new Map<string, number[]>();

  const keyOf = (body: unknown) => {
    const email = (body as { email?: unknown } | undefined)?.email;
    return typeof email === "string" ? email.trim().toLowerCase() : undefined;
  };
  const recent = (key: string) => {
    const since = now() - windowMs;
    const list = (failures.get(key) ?? []).filter((at) => at > since);
    if (list.length > 0) failures.set(key, list);
    else failures.delete(key);
    return list;
  };

  const before = createAuthMiddleware(async (ctx) => {
    if (ctx.path !== "/sign-in/email") return;
    const key = keyOf(ctx.body);
    if (!key) return;
    const list = recent(key);
    if (list.length >= maxFailures) {
      const retryAfter = Math.max(1, Math.ceil(((list[0] ?? now()) + windowMs - now()) / 1000));
      throw new APIError(
        "TOO_MANY_REQUESTS",
        {
          code: "TOO_MANY_ATTEMPTS",
          message: "Too many failed sign-ins for this account; try again later.",
        },
        { "Retry-After": String(retryAfter) },
      );
    }
  });

  const after = createAuthMiddleware(async (ctx) => {
    if (ctx.path !== "/sign-in/email") return;
    const key = keyOf(ctx.body);
    if (!key) return;
    const returned: unknown = ctx.context.returned;
    if (isAPIError(returned) && returned.statusCode === 401) {
      failures.set(key, [...recent(key), now()]);
    } else if (!isAPIError(returned)) {
      failures.delete(key);
    }
  });

  const isSignIn = (ctx: { path?: string }) => ctx.path === "/sign-in/email";
  return {
    id: "sign-in-throttle",
    hooks: {
      before: [{ matcher: isSignIn, handler: before }],
      after: [{ matcher: isSignIn, handler: after }],
    },
  } satisfies BetterAuthPlugin;
}
