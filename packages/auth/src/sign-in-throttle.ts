import { createHash } from "node:crypto";
import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import { attemptLimiter } from "./attempt-limiter.js";
import type { Counters } from "./counters.js";
import { tooManyRequests } from "./rate-limit-answers.js";

export interface ThrottleOptions {
  readonly counters: Counters;
  /** Sign-in attempts allowed per account within the window (a success clears the count). */
  readonly maxFailures: number;
  readonly windowMs: number;
}

/**
 * The per-account counter key of an email: hashed, so no address sits in Redis or memory dumps.
 * Sign-in and re-authentication (reauthentication.ts) draw on this one budget.
 */
export function accountFailureKey(email: string): string {
  const digest = createHash("sha256").update(email.trim().toLowerCase()).digest("base64url");
  return `sign-in-failures:${digest}`;
}

/** The key for the email as submitted at sign-in. */
function keyOf(body: unknown): string | undefined {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === "string" ? accountFailureKey(email) : undefined;
}

/**
 * Per-account brute-force protection (ASVS 6.3.1), beside Better Auth's per-address limit: at most
 * `maxFailures` sign-in attempts per email within the window, from whatever addresses they come;
 * the rest are refused with 429 and Retry-After until the window has passed. Each attempt is
 * counted before the password is checked, in one atomic step, so a burst of concurrent guesses
 * gets no more password checks than a sequence of them; a successful sign-in clears the count.
 * Keyed by the email as submitted, whether or not an account has it, so it reveals nothing about
 * which accounts exist.
 */
export function signInThrottlePlugin(options: ThrottleOptions) {
  const limiter = attemptLimiter(options.counters, {
    limit: options.maxFailures,
    windowMs: options.windowMs,
  });

  const before = createAuthMiddleware(async (ctx) => {
    const key = keyOf(ctx.body);
    if (!key) return;
    const attempt = await limiter.consume(key);
    if (!attempt.allowed) {
      throw tooManyRequests(
        "TOO_MANY_ATTEMPTS",
        "Too many failed sign-ins for this account; try again later.",
        attempt,
      );
    }
  });

  const after = createAuthMiddleware(async (ctx) => {
    const key = keyOf(ctx.body);
    if (!key) return;
    if (!isAPIError(ctx.context.returned)) await limiter.reset(key);
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
