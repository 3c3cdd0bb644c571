import { CLIENT_ADDRESS_HEADER, DEFAULT_MAX_SESSIONS_PER_USER } from "@todo/config";
import type { Database } from "@todo/db";
import type { AccessTokenIssuer } from "@todo/token";
import { type BetterAuthPlugin, betterAuth } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";
import { accessTokenPlugin } from "./access-token-plugin.js";
import { rateLimitStorage } from "./attempt-limiter.js";
import { type AuditSink, auditHook, consoleAuditSink } from "./audit.js";
import { DISABLED_PATHS, onlyEnabledEndpoints } from "./auth-surface.js";
import { type Counters, memoryCounters } from "./counters.js";
import { noSessionTokenPlugin } from "./no-session-token.js";
import { enforcePasswordPolicy } from "./password-policy.js";
import { answerRateLimits } from "./rate-limit-answers.js";
import { reauthenticationPlugin } from "./reauthentication.js";
import {
  type RevocationNotifier,
  revocationHooks,
  revocationRecorder,
  signOutRevocationPlugin,
} from "./revocation-plugin.js";
import { authSchemaOptions } from "./schema-options.js";
import {
  type SessionStore,
  sessionCapHooks,
  sessionEndingPlugin,
} from "./session-ending-plugin.js";
import { sessionsPlugin } from "./sessions-plugin.js";
import { signInThrottlePlugin } from "./sign-in-throttle.js";
import { enforceUserFieldBounds } from "./user-fields.js";

export interface AuthSettings {
  readonly database: Database;
  /** BETTER_AUTH_SECRET: signs Better Auth's own cookies and JWTs; never the access-token secret. */
  readonly secret: string;
  /** BETTER_AUTH_URL: the web app's origin. */
  readonly baseURL: string;
  readonly issuer: AccessTokenIssuer;
  readonly trustedOrigins?: readonly string[];
  /**
   * Better Auth's limiter on sign-in, sign-up and the token endpoint. On unless a test that is
   * not about rate limiting turns it off (AUTH_RATE_LIMIT=off).
   */
  readonly rateLimit?: boolean;
  /**
   * Wrong passwords allowed per account per 15 minutes (default 10), at sign-in and at
   * re-authentication (account deletion, password change) together.
   */
  readonly maxFailedSignIns?: number;
  /** Access tokens one user may obtain per minute (default 60). */
  readonly maxTokensPerMinute?: number;
  /**
   * Live sessions one user may hold (default 30, MAX_SESSIONS_PER_USER in the web app): a new
   * sign-in beyond it ends and revokes the oldest.
   */
  readonly maxSessionsPerUser?: number;
  /**
   * Where every limit above counts: this process's memory by default, Redis (redisCounters) when
   * several web app instances must share them.
   */
  readonly counters?: Counters;
  /** Where security events go (sign-up, sign-in, sign-out, account deletion, rate-limit hits). */
  readonly audit?: AuditSink;
  /**
   * Tells every API instance at once that a session ended (Redis publish). The database record is
   * written regardless; without a notifier the API finds it by polling.
   */
  readonly notifyRevocation?: RevocationNotifier;
  /** Framework glue that must come last (nextCookies() in the web app). */
  readonly finalPlugins?: readonly BetterAuthPlugin[];
}

/** Where the web app mounts Better Auth (apps/web/src/app/api/auth/[...all]/route.ts). */
const BASE_PATH = "/api/auth";

const EMAIL_PATHS = new Set(["/sign-up/email", "/sign-in/email"]);

/**
 * Before every endpoint: the password policy and the bounds on user fields, then emails trimmed (people paste them with stray
 * spaces; Better Auth would refuse them with a 400). Passwords are never trimmed.
 */
const beforeHook = createAuthMiddleware(async (ctx) => {
  enforcePasswordPolicy(ctx.path, ctx.body);
  enforceUserFieldBounds(ctx.path, ctx.body);
  if (!EMAIL_PATHS.has(ctx.path)) return;
  const body = ctx.body as { email?: unknown } | undefined;
  if (body && typeof body.email === "string") {
    return { context: { body: { ...body, email: body.email.trim() } } };
  }
});

/**
 * The one Better Auth configuration: the web app, the migrations and the tests all build this.
 * Its `handler` answers rate-limit hits uniformly and records them (see rate-limit-answers.ts).
 */
export function createAuth(settings: AuthSettings) {
  const schema = authSchemaOptions(settings.database);
  const audit = settings.audit ?? consoleAuditSink;
  const counters = settings.counters ?? memoryCounters();
  // One per-account budget of wrong passwords, shared by sign-in and re-authentication.
  const failures = {
    counters,
    maxFailures: settings.maxFailedSignIns ?? 10,
    windowMs: 15 * 60 * 1000,
  };
  const revocations = revocationRecorder({
    database: settings.database,
    ttlSeconds: settings.issuer.ttlSeconds,
    ...(settings.notifyRevocation && { notify: settings.notifyRevocation }),
    onError: (error: unknown) =>
      console.error(JSON.stringify({ level: 50, msg: "revocation record", err: String(error) })),
  });

  const hooks = revocationHooks(revocations);
  // The session table through Better Auth's adapter, for the cap (hooks get no context of their own).
  const store = async (): Promise<SessionStore> => (await auth.$context).adapter;

  const auth = betterAuth({
    ...schema,
    secret: settings.secret,
    baseURL: settings.baseURL,
    basePath: BASE_PATH,
    trustedOrigins: [settings.baseURL, ...(settings.trustedOrigins ?? [])],
    // Only the endpoints the product uses answer over HTTP (auth-surface.ts, docs/security.md).
    disabledPaths: [...DISABLED_PATHS],
    emailAndPassword: {
      ...schema.emailAndPassword,
      // NIST SP 800-63B: at least 8, allow long passphrases, no composition rules.
      minPasswordLength: 8,
      maxPasswordLength: 128,
    },
    user: { deleteUser: { enabled: true } },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
    },
    advanced: {
      // Keep the CSRF/origin check on in every environment, tests included.
      disableOriginCheck: false,
      useSecureCookies: settings.baseURL.startsWith("https://"),
      cookiePrefix: "todo",
      // The client address comes only from the header the web app's HTTP front sets from the
      // socket and TRUST_PROXY (apps/web/http/server.ts), never from a client-sent
      // X-Forwarded-For. Without it (a bare `next start`), every client shares one bucket.
      // IPv6 clients are counted by their /64 (Better Auth's default, pinned; the API does the same)
      // and IPv4-mapped IPv6 addresses as IPv4.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER], ipv6Subnet: 64 },
      // Better Auth reads 100 rows when a read names no limit. Nothing that ends or lists sessions
      // relies on it any more (session-ending-plugin.ts, sessions-plugin.ts: own conditions,
      // explicit limits, one cut-off); set high on purpose so no other read is cut short either.
      database: { defaultFindManyLimit: 10_000 },
    },
    // Explicit, so it does not depend on NODE_ENV (Better Auth's default: production only).
    rateLimit: {
      enabled: settings.rateLimit ?? true,
      customStorage: rateLimitStorage(counters),
      // Better Auth's defaults (3 per 10 s on sign-in and sign-up, 100 per 10 s elsewhere), plus
      // an hourly ceiling on sign-ups from one address: each one shows whether an email is taken.
      customRules: { "/sign-up/email": { window: 3600, max: 10 } },
    },
    hooks: { before: beforeHook, after: auditHook(audit) },
    databaseHooks: {
      ...hooks,
      session: {
        ...hooks.session,
        create: sessionCapHooks(
          settings.maxSessionsPerUser ?? DEFAULT_MAX_SESSIONS_PER_USER,
          revocations,
          store,
        ),
      },
    },
    plugins: [
      accessTokenPlugin(settings.issuer, {
        counters,
        database: settings.database,
        perMinute: settings.maxTokensPerMinute ?? 60,
      }),
      signInThrottlePlugin(failures),
      reauthenticationPlugin(failures),
      signOutRevocationPlugin(revocations),
      sessionEndingPlugin(revocations),
      sessionsPlugin(),
      noSessionTokenPlugin(),
      ...(settings.finalPlugins ?? []),
    ],
  });
  const handler = onlyEnabledEndpoints(auth.handler, BASE_PATH);
  return Object.assign(auth, { handler: answerRateLimits(handler, auth.options, audit) });
}

export type Auth = ReturnType<typeof createAuth>;
