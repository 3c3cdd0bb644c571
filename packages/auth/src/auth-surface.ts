/**
 * The Better Auth endpoints this app serves over HTTP, and nothing else. Everything the configured
 * instance defines and the product does not use is disabled: `disabledPaths` for Better Auth, and
 * `onlyEnabledEndpoints` in front of its handler, which answers 404 to any path not listed here
 * (so a path with parameters, or an endpoint a future plugin adds, is closed until it is reviewed).
 *
 * The reviewed table, with what authenticates and limits each endpoint and the test that proves
 * it, is in docs/security.md; surface.test.ts fails when Better Auth exposes an endpoint that the
 * table and these lists do not both account for.
 */

/** Enabled endpoints and the methods Better Auth accepts on them. */
export const ENABLED_ENDPOINTS: ReadonlyMap<string, readonly string[]> = new Map([
  ["/sign-up/email", ["POST"]],
  ["/sign-in/email", ["POST"]],
  ["/sign-out", ["POST"]],
  ["/get-session", ["GET", "POST"]],
  ["/token", ["GET"]],
  ["/update-user", ["POST"]],
  ["/change-password", ["POST"]],
  ["/delete-user", ["POST"]],
  // The account page's sessions: listed and ended by id (sessions-plugin.ts), all others at once.
  ["/sessions", ["GET"]],
  ["/sessions/end", ["POST"]],
  ["/revoke-other-sessions", ["POST"]],
  ["/revoke-sessions", ["POST"]],
]);

/** Endpoints without parameters that Better Auth defines and this app does not serve. */
export const DISABLED_PATHS: readonly string[] = [
  "/sign-in/social",
  "/reset-password",
  "/verify-password",
  "/verify-email",
  "/send-verification-email",
  "/change-email",
  "/update-session",
  "/request-password-reset",
  "/link-social",
  "/list-accounts",
  "/delete-user/callback",
  "/unlink-account",
  "/refresh-token",
  "/get-access-token",
  "/account-info",
  "/ok",
  "/error",
  // They hand session tokens to the browser; /sessions and /sessions/end use ids instead.
  "/list-sessions",
  "/revoke-session",
];

/** Disabled endpoints with path parameters (Better Auth's `disabledPaths` matches exact paths). */
export const DISABLED_PATTERNS: readonly string[] = ["/callback/:id", "/reset-password/:token"];

type Handler = (request: Request) => Promise<Response>;

/** 404 for every path under `basePath` that is not an enabled endpoint, before Better Auth runs. */
export function onlyEnabledEndpoints(handler: Handler, basePath: string): Handler {
  return async (request) => {
    const pathname = new URL(request.url).pathname;
    const path = pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : undefined;
    if (path === undefined || !ENABLED_ENDPOINTS.has(path)) {
      return Response.json(
        { code: "NOT_FOUND", message: "Not found." },
        { status: 404, headers: { "Cache-Control": "no-store" } },
      );
    }
    return handler(request);
  };
}
