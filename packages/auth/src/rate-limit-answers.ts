import { APIError, getIP } from "better-auth/api";
import { type AuditSink, requestIdOf } from "./audit.js";
import { retryAfterSeconds, type Window } from "./counters.js";

type Handler = (request: Request) => Promise<Response>;
type IpOptions = Parameters<typeof getIP>[1];

const BASE_PATH = "/api/auth";

/** Which limit a 429 came from, by the code in its body (Better Auth's limiter sends none). */
type LimitCode = "TOO_MANY_ATTEMPTS" | "TOO_MANY_TOKENS";
const REASONS = new Map<string, string>([
  ["TOO_MANY_ATTEMPTS", "per_account"],
  ["TOO_MANY_TOKENS", "per_user"],
]);

/** The 429 our own limits throw (per account, per user), with `Retry-After` from their window. */
export function tooManyRequests(code: LimitCode, message: string, window: Window) {
  return new APIError(
    "TOO_MANY_REQUESTS",
    { code, message },
    { "Retry-After": String(retryAfterSeconds(window)) },
  );
}

/**
 * Wraps Better Auth's handler so that every 429, from its per-address limiter, the per-account
 * sign-in throttle or the per-user token limit, leaves an audit event and answers the same way:
 * `Retry-After` (RFC 9110; Better Auth's limiter only sends a non-standard `X-Retry-After`) and a
 * JSON body with a code the web client can act on.
 */
export function answerRateLimits(handler: Handler, options: IpOptions, sink: AuditSink): Handler {
  return async (request) => {
    const response = await handler(request);
    if (response.status !== 429) return response;

    const headers = new Headers(response.headers);
    const retryAfter = headers.get("retry-after") ?? headers.get("x-retry-after");
    headers.delete("x-retry-after");
    if (retryAfter) headers.set("Retry-After", retryAfter);
    headers.set("Cache-Control", "no-store");

    let body: { code?: unknown; message?: unknown } = {};
    try {
      body = (await response.json()) as typeof body;
    } catch {
      // not JSON: answer with our own body below
    }
    const code = typeof body.code === "string" ? body.code : "TOO_MANY_REQUESTS";
    const ip = getIP(request, options);
    const pathname = new URL(request.url).pathname;
    sink({
      event: "auth.rate_limited",
      outcome: "failure",
      requestId: requestIdOf(request.headers),
      ...(ip && { ip }),
      reason: REASONS.get(code) ?? "per_address",
      status: 429,
      path: pathname.startsWith(BASE_PATH) ? pathname.slice(BASE_PATH.length) : pathname,
    });
    headers.set("Content-Type", "application/json");
    return new Response(
      JSON.stringify({
        code,
        message:
          typeof body.message === "string" ? body.message : "Too many requests; try again later.",
      }),
      { status: 429, statusText: "Too Many Requests", headers },
    );
  };
}
