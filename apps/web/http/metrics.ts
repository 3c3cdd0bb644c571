import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { MetricsListener } from "@todo/config";
import { createMetrics, outcomeCounter, serveMetrics } from "@todo/observability/metrics";
import { routeOf } from "./routes.js";
import { SIGN_INS, type SignInOutcome } from "./sign-ins.js";

/**
 * The web app's Prometheus metrics on their own listener (METRICS_PORT, loopback by default),
 * never the public port: request durations as the HTTP front sees them, and sign-ins.
 */
export async function startWebMetrics(
  listener: MetricsListener,
  server: Server,
): Promise<{ close(): Promise<void> }> {
  const { registry, http } = createMetrics();
  const signIns = outcomeCounter(registry, {
    name: "todo_web_sign_ins_total",
    help: "Sign-ins with email and password, by outcome (success, failure).",
    label: "outcome",
    values: ["success", "failure"] as const,
  });
  (globalThis as { [SIGN_INS]?: (outcome: SignInOutcome) => void })[SIGN_INS] = signIns;
  // First listener: it times every request, the ones this front refuses itself included.
  server.prependListener("request", (request: IncomingMessage, response: ServerResponse) => {
    const startedAt = performance.now();
    response.once("finish", () => {
      const seconds = (performance.now() - startedAt) / 1000;
      http.record(request.method, routeOf(request.url), response.statusCode, seconds);
    });
  });
  const served = await serveMetrics(listener, registry);
  console.info(`Web metrics on http://${listener.host}:${served.port}/metrics`);
  return served;
}
