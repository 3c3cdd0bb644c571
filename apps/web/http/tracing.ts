import type { Server } from "node:http";
import {
  startTracing,
  type TracingSettings,
  traceServerRequests,
} from "@todo/observability/tracing";
import { routeOf } from "./routes.js";

/**
 * The web app's tracer, started before Next.js and the database driver load: a span per request
 * at this front (its `traceparent` as parent), PostgreSQL's queries inside it, and a span per
 * server-side `fetch` (undici), which sends the trace on as `traceparent`, so a call to the API
 * continues the same trace there. Next.js's own spans join in through the global tracer provider.
 */
export async function startWebTracing(settings: TracingSettings) {
  const [{ UndiciInstrumentation }, { PgInstrumentation }] = await Promise.all([
    import("@opentelemetry/instrumentation-undici"),
    import("@opentelemetry/instrumentation-pg"),
  ]);
  const stop = await startTracing(settings, [
    new UndiciInstrumentation(),
    new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
  ]);
  return {
    stop,
    /** Call once the server's request listener is attached. */
    traceRequests: (server: Server) => traceServerRequests(server, (_method, url) => routeOf(url)),
  };
}
