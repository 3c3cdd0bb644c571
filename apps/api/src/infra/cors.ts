import type { FastifyCorsOptions } from "@fastify/cors";

/**
 * The API's CORS policy: bearer tokens, never cookies, so no credentials; only the web app's
 * origins. The same options drive @fastify/cors (app.ts) and the headers of the answers the
 * guard writes itself (guard.ts), so both say the same thing.
 */
export function corsOptions(origins: readonly string[]) {
  return {
    origin: [...origins],
    credentials: false,
    methods: ["GET", "POST", "PATCH", "DELETE"],
    // Last-Event-ID: a reconnecting event stream says where it resumes (routes/events).
    allowedHeaders: ["Authorization", "Content-Type", "Last-Event-ID"],
    exposedHeaders: ["Location", "Retry-After", "X-Request-Id", "WWW-Authenticate"],
    maxAge: 600,
    strictPreflight: true,
  } satisfies FastifyCorsOptions;
}

export type CorsOptions = ReturnType<typeof corsOptions>;

/**
 * The headers @fastify/cors puts on an answer to a simple (not preflight) request: the origin
 * echoed when it is one of ours, the exposed headers, and `Vary: Origin` because the answer
 * depends on it. guard.test.ts holds the two to the same output.
 */
export function simpleCorsHeaders(options: CorsOptions) {
  const allowed = new Set(options.origin);
  const exposed = options.exposedHeaders.join(", ");
  return {
    fixed: ["access-control-expose-headers", exposed, "vary", "Origin"] as const,
    allowOrigin: (origin: string | undefined): string | undefined =>
      origin !== undefined && allowed.has(origin) ? origin : undefined,
  };
}
