import cluster from "node:cluster";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { MetricsListener } from "@todo/config";
import type { Database } from "@todo/db";
import { createMetrics, Gauge, outcomeCounter, serveMetrics } from "@todo/observability/metrics";
import type { FastifyInstance } from "fastify";
import type { RevocationSet } from "../revocations.js";

/** What the API's gauges read when Prometheus scrapes: nothing is kept up to date in between. */
export interface MetricSources {
  readonly database: Database;
  readonly revocations: RevocationSet;
  /** Open `GET /api/events` streams in this process. */
  readonly openStreams: () => number;
}

const REASONS = ["token", "limit", "validation"] as const;
type Reason = (typeof REASONS)[number];

/**
 * A refusal's reason, from its status alone: the API answers each with one status (problem codes
 * in packages/contract), so the hook needs neither the body nor the authentication code. 401 is a
 * missing, bad or revoked token (RFC 6750); 429 a rate or stream limit; 400, 413, 414, 415 and
 * 422 a request that failed validation.
 */
function reasonOf(status: number): Reason | undefined {
  if (status === 401) return "token";
  if (status === 429) return "limit";
  if (status === 400 || status === 413 || status === 414 || status === 415 || status === 422) {
    return "validation";
  }
  return undefined;
}

function gauge(
  registry: ReturnType<typeof createMetrics>["registry"],
  name: string,
  help: string,
  read: () => number,
) {
  return new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

/**
 * Prometheus metrics for the API, on their own listener (METRICS_PORT), never the public port.
 * Every request is observed where it reaches the server, before anything else sees it, so the
 * refusals answered before routing are counted with the rest; its route label is the route's
 * pattern (routes.ts).
 */
export async function registerMetrics(
  app: FastifyInstance,
  listener: MetricsListener,
  sources: MetricSources,
  routeOf: (method: string | undefined, url: string | undefined) => string,
): Promise<void> {
  const { registry, http } = createMetrics();
  const refused = outcomeCounter(registry, {
    name: "todo_api_refusals_total",
    help: "Requests refused, by reason: token (401), limit (429), validation (400, 413-415, 422).",
    label: "reason",
    values: REASONS,
  });
  gauge(registry, "todo_api_event_streams_open", "Open live-sync event streams.", () =>
    sources.openStreams(),
  );
  gauge(
    registry,
    "todo_api_revocations_entries",
    "Entries in the revocation set.",
    () => sources.revocations.health().entries,
  );
  gauge(
    registry,
    "todo_api_revocations_last_refresh_age_seconds",
    "Seconds since the revocation set was last read from the database (+Inf: never).",
    () => {
      const { syncedAt } = sources.revocations.health();
      return syncedAt === 0 ? Number.POSITIVE_INFINITY : (Date.now() - syncedAt) / 1000;
    },
  );
  if (sources.database.pool() !== undefined) {
    const pool = () => sources.database.pool() ?? { total: 0, idle: 0, waiting: 0 };
    new Gauge({
      name: "db_client_connection_count",
      help: "PostgreSQL connections of this process's pool, by state (used, idle).",
      labelNames: ["db_client_connection_state"] as const,
      registers: [registry],
      collect() {
        const { total, idle } = pool();
        this.set({ db_client_connection_state: "used" }, total - idle);
        this.set({ db_client_connection_state: "idle" }, idle);
      },
    });
    gauge(
      registry,
      "db_client_connection_pending_requests",
      "Queries waiting for a PostgreSQL connection from the pool.",
      () => pool().waiting,
    );
  }

  const observe = (request: IncomingMessage, response: ServerResponse) => {
    const startedAt = performance.now();
    response.once("finish", () => {
      const status = response.statusCode;
      const route = routeOf(request.method, request.url);
      http.record(request.method, route, status, (performance.now() - startedAt) / 1000);
      const reason = reasonOf(status);
      if (reason !== undefined) refused(reason);
    });
  };
  // First listener: it sees every request, also those refused before Fastify routes them.
  app.server.prependListener("request", observe);

  // Each API_WORKERS worker has its registry and its port: METRICS_PORT + its number - 1 (a port
  // shared through node:cluster would answer for a random worker at each scrape).
  const worker = cluster.worker;
  const port = worker && listener.port !== 0 ? listener.port + worker.id - 1 : listener.port;
  let served: Awaited<ReturnType<typeof serveMetrics>> | undefined;
  app.addHook("onReady", async () => {
    served = await serveMetrics({ host: listener.host, port }, registry);
    app.log.info({ host: listener.host, port: served.port }, "metrics listening");
  });
  app.addHook("onClose", async () => {
    app.server.off("request", observe);
    await served?.close();
  });
}
