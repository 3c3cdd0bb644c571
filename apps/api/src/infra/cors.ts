import type { FastifyCorsOptions } from "@fastify/cors";

/**
 * The API's CORS policy: bearer tokens, never cookies, so no credentials; only the web app's
 * origins. @fastify/cors answers preflights and puts these headers on every answer, refusals
 * included (its hook runs before authentication's, app.ts).
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
