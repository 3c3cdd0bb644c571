import { readInteger, readString } from "./env.js";
import { ConfigError } from "./errors.js";
import { oneOf, optionalString, stringWithDefault, variable } from "./schema.js";

/** Where a service serves its Prometheus metrics: never its public listener. */
export interface MetricsListener {
  readonly host: string;
  readonly port: number;
}

export interface Observability {
  /** METRICS_PORT unset: no metrics, no listener, nothing recorded on the request path. */
  readonly metrics: MetricsListener | undefined;
  /**
   * OTEL_EXPORTER_OTLP_ENDPOINT (or its traces-only twin) set: spans are exported over OTLP,
   * with every other standard OTEL_* variable read by the OpenTelemetry SDK itself. Unset: the
   * SDK is never loaded.
   */
  readonly tracing:
    | { readonly serviceName: string; readonly protocol: (typeof PROTOCOLS)[number] }
    | undefined;
}

/** The OTLP encodings the exporters speak (OTEL_EXPORTER_OTLP_PROTOCOL). */
const PROTOCOLS = ["http/protobuf", "http/json", "grpc"] as const;

/**
 * The variables both services read for metrics and traces, declared once so that they mean the
 * same everywhere. METRICS_HOST defaults to loopback: metrics describe the service to its
 * operator (routes, refusals, pool waits) and are for a scraper on the same host or network, not
 * for the public (ASVS 14.3.2).
 */
export const observabilityFields = {
  METRICS_PORT: variable((env, name) =>
    readString(env, name) === undefined
      ? undefined
      : readInteger(env, name, 0, { min: 1, max: 65535 }),
  ),
  METRICS_HOST: stringWithDefault("127.0.0.1"),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalString(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalString(),
  OTEL_SDK_DISABLED: optionalString(),
  OTEL_SERVICE_NAME: optionalString(),
  OTEL_EXPORTER_OTLP_PROTOCOL: oneOf(PROTOCOLS, "http/protobuf"),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: optionalString(),
};

interface ObservabilityVars {
  readonly METRICS_PORT: number | undefined;
  readonly METRICS_HOST: string;
  readonly OTEL_EXPORTER_OTLP_ENDPOINT: string | undefined;
  readonly OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: string | undefined;
  readonly OTEL_SDK_DISABLED: string | undefined;
  readonly OTEL_SERVICE_NAME: string | undefined;
  readonly OTEL_EXPORTER_OTLP_PROTOCOL: (typeof PROTOCOLS)[number];
  readonly OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: string | undefined;
}

/** The parsed variables as settings; refuses a metrics port equal to the public one. */
export function readObservability(
  vars: ObservabilityVars,
  service: { readonly port: number; readonly name: string },
): Observability {
  const publicPort = service.port;
  const port = vars.METRICS_PORT;
  if (port !== undefined && port === publicPort) {
    throw new ConfigError(`METRICS_PORT must differ from the public PORT (${publicPort})`);
  }
  const endpoint = vars.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? vars.OTEL_EXPORTER_OTLP_ENDPOINT;
  const protocol = vars.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? vars.OTEL_EXPORTER_OTLP_PROTOCOL;
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) {
    throw new ConfigError(
      `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL must be one of ${PROTOCOLS.join(",")}`,
    );
  }
  return {
    metrics: port === undefined ? undefined : { host: vars.METRICS_HOST, port },
    tracing:
      endpoint !== undefined && vars.OTEL_SDK_DISABLED !== "true"
        ? {
            serviceName: vars.OTEL_SERVICE_NAME ?? service.name,
            protocol: protocol as (typeof PROTOCOLS)[number],
          }
        : undefined,
  };
}
