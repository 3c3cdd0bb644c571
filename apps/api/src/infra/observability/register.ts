import type { Observability } from "@todo/config";
import type { AccessTokenVerifier } from "@todo/token";
import type { FastifyInstance } from "fastify";
import type { MetricSources } from "./metrics.js";
import { httpRoutes } from "./routes.js";

/**
 * Metrics and traces, each only when configured (docs/operations.md): with neither, nothing is
 * loaded and nothing is added to the request path. Registered before the routes (their patterns
 * label both) and before authentication (its refusals are observed and traced too).
 */
export async function registerObservability(
  app: FastifyInstance,
  observability: Observability | undefined,
  sources: MetricSources,
): Promise<void> {
  if (!observability?.metrics && !observability?.tracing) return;
  const routeOf = httpRoutes(app);
  if (observability.metrics) {
    const { registerMetrics } = await import("./metrics.js");
    await registerMetrics(app, observability.metrics, sources, routeOf);
  }
  if (observability.tracing) {
    const { registerTracing } = await import("./tracing.js");
    await registerTracing(app, routeOf);
  }
}

/** The verifier, with the token check as a span of its own when tracing is on. */
export async function observedVerifier(
  verifier: AccessTokenVerifier,
  observability: Observability | undefined,
): Promise<AccessTokenVerifier> {
  if (!observability?.tracing) return verifier;
  const { tracedVerifier } = await import("./tracing.js");
  return tracedVerifier(verifier);
}
