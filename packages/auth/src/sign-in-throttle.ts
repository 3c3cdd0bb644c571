import { createHash } from "node:crypto";
import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import type { Counters } from "./counters.js";
import { tooManyRequests } from "./rate-limit-answers.js";

export interface ThrottleOptions {
  readonly counters: Counters;
  /** Failed sign-ins allowed per account within the window. */
  readonly maxFailures: number;
  readonly windowMs: number;
}

/** The counter key for an email as submitted: hashed, so no address sits in Redis or memory dumps. */
function keyOf(body: unknown): string | undefined {
  const email = (body as { email?: unknown } | undefined)?.email;
  if (typeof email !== "string") return undefined;
  const digest = createHash("sha256").update(email.trim().toLowerCase()).digest("base64url");
  return `sign-in-failures:${digest}`;
}

/**
 * Per-account brute-force protection (ASVS 6.3.1), beside Better Auth's per-address limit: after
 * `maxFailures` wrong passwords for one email within the window, that email's sign-ins are refused
 * with 429 and Retry-After until the window has passed, from whatever address they come. Keyed by
 * the email as submitted, whether or not an account has it, so it reveals nothing about which
 * accounts exist. A successful sign-in clears the count.
 */
export function signInThrottlePlugin(options: ThrottleOptions) {
  const { counters, maxFailures, windowMs } = options;

  const before = createAuthMiddleware(async (ctx) => {
    const key = keyOf(ctx.body);
    if (!key) return;
    const window = await counters.peek(key);
    if (window.count >= maxFailures) {
      throw tooManyRequests(
        "TOO_MANY_ATTEMPTS",
        "Too many failed sign-ins for this account; try again later.",
        window,
      );
    }
  });

  const after = createAuthMiddleware(async (ctx) => {
    const key = keyOf(ctx.body);
    if (!key) return;
    const returned: unknown = ctx.context.returned;
    if (isAPIError(returned) && returned.statusCode === 401) await counters.hit(key, windowMs);
    else if (!isAPIError(returned)) await counters.reset(key);
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
