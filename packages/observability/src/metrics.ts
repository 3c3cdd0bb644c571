import { createServer, type Server } from "node:http";
import type { MetricsListener } from "@todo/config";
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

export { Counter, Gauge, type Registry } from "prom-client";

/**
 * The bucket boundaries OpenTelemetry's semantic conventions give `http.server.request.duration`
 * (seconds), so the histogram reads the same as one from any other instrumented service.
 */
const DURATION_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/** The methods the conventions name; any other becomes `_OTHER`, so the label stays bounded. */
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export interface HttpMetrics {
  /**
   * One finished request. `route` must be a route pattern (`/api/tasks/:id`) or a fixed word,
   * never the request's path: a label value per URL would let any client grow the registry
   * without bound, and a path may carry an identifier.
   */
  record(method: string | undefined, route: string, status: number, seconds: number): void;
}

/**
 * A service's registry: Node's process metrics (CPU, memory, event-loop delay, open handles)
 * under the `process_`/`nodejs_` prefixes, and the request-duration histogram under its
 * OpenTelemetry name (`http.server.request.duration` in Prometheus form).
 */
export function createMetrics(): { registry: Registry; http: HttpMetrics } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: "http_server_request_duration_seconds",
    help: "Duration of HTTP server requests, from the request's arrival to the response's end.",
    labelNames: ["http_request_method", "http_route", "http_response_status_code"] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  // One child per label set, found by a string key: prom-client would otherwise sort and join the
  // label object on every observation. Bounded like the labels themselves.
  const children = new Map<string, { observe(value: number): void }>();
  return {
    registry,
    http: {
      record(method, route, status, seconds) {
        const known = method !== undefined && METHODS.has(method) ? method : "_OTHER";
        const key = `${known} ${status} ${route}`;
        let child = children.get(key);
        if (child === undefined) {
          child = duration.labels({
            http_request_method: known,
            http_route: route,
            http_response_status_code: status,
          });
          children.set(key, child);
        }
        child.observe(seconds);
      },
    },
  };
}

/** A counter of outcomes with one label whose values are fixed in advance (all exported at 0). */
export function outcomeCounter<L extends string>(
  registry: Registry,
  spec: { name: string; help: string; label: string; values: readonly L[] },
): (value: L) => void {
  const counter = new Counter({
    name: spec.name,
    help: spec.help,
    labelNames: [spec.label],
    registers: [registry],
  });
  for (const value of spec.values) counter.inc({ [spec.label]: value }, 0);
  return (value) => counter.inc({ [spec.label]: value });
}

/**
 * Serves the registry in Prometheus text format on a listener of its own (METRICS_PORT, loopback
 * by default), never on the service's public port: only `GET /metrics` answers, nothing is read
 * from the request beyond its method and path.
 */
export async function serveMetrics(
  listener: MetricsListener,
  registry: Registry,
): Promise<{ readonly port: number; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "").split("?", 1)[0];
    if (path !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not Found\n");
      return;
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" });
      response.end("Method Not Allowed\n");
      return;
    }
    registry.metrics().then(
      (text) => {
        response.writeHead(200, {
          "content-type": registry.contentType,
          "cache-control": "no-store",
        });
        response.end(request.method === "HEAD" ? undefined : text);
      },
      () => response.writeHead(500, { "content-type": "text/plain" }).end("Metrics failed\n"),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listener.port, listener.host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address !== null ? address.port : listener.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
