import { loggedPath } from "@todo/config";
import {
  startTracing,
  type TracingSettings,
  trace,
  traceServerRequests,
} from "@todo/observability/tracing";
import type { AccessTokenVerifier } from "@todo/token";
import type { FastifyInstance } from "fastify";

/**
 * The API's tracer: the SDK with PostgreSQL's instrumentation (a span per query, its text with
 * `$n` placeholders and never the values: enhanced reporting stays off). Queries outside a request
 * (the revocation poll every second) open no trace of their own. SQLite (better-sqlite3) has no
 * instrumentation: its queries run inside the request's span, synchronously.
 */
export async function startApiTracing(settings: TracingSettings): Promise<() => Promise<void>> {
  const { PgInstrumentation } = await import("@opentelemetry/instrumentation-pg");
  return startTracing(settings, [
    new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
  ]);
}

/**
 * Fastify's own instrumentation (@fastify/otel: a span for the request's route and one per hook
 * and handler) inside the server-level request span (traceServerRequests). Its `url.path` is
 * replaced by the path alone: Fastify's `request.url` keeps the query string, and a client may put
 * anything there.
 */
export async function registerTracing(
  app: FastifyInstance,
  routeOf: (method: string | undefined, url: string | undefined) => string,
): Promise<void> {
  const { FastifyOtelInstrumentation } = await import("@fastify/otel");
  const instrumentation = new FastifyOtelInstrumentation({
    requestHook: (span, request) => span.setAttribute("url.path", loggedPath(request.url)),
  });
  await app.register(instrumentation.plugin());
  // By then every request listener (the guard's front, Fastify's router) is attached.
  app.addHook("onReady", async () => traceServerRequests(app.server, routeOf));
}

/**
 * The token check as a span of its own inside the request's (signature, claims, in the contract's
 * order): its outcome is the verifier's failure reason (`expired`, `bad_signature`, …) or `valid`.
 * Nothing of the token itself is recorded (RFC 6750 §5.3).
 */
export function tracedVerifier(verifier: AccessTokenVerifier): AccessTokenVerifier {
  const tracer = trace.getTracer("todo.api");
  return {
    ...verifier,
    outcome(token, nowMs) {
      if (trace.getActiveSpan() === undefined) return verifier.outcome(token, nowMs);
      const span = tracer.startSpan("token check");
      try {
        const result = verifier.outcome(token, nowMs);
        span.setAttribute("todo.token.outcome", typeof result === "string" ? result : "valid");
        return result;
      } finally {
        span.end();
      }
    },
  };
}
