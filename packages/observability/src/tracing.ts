import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import {
  type Attributes,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";
import { RPCType, setRPCMetadata } from "@opentelemetry/core";
import type { Instrumentation } from "@opentelemetry/instrumentation";
import type { SpanExporter } from "@opentelemetry/sdk-trace-base";

export { trace } from "@opentelemetry/api";

export interface TracingSettings {
  /** OTEL_SERVICE_NAME, or the service's own default (`todo-api`, `todo-web`). */
  readonly serviceName: string;
  /** OTEL_EXPORTER_OTLP_(TRACES_)PROTOCOL: `http/protobuf` (the default), `http/json`, `grpc`. */
  readonly protocol: "http/protobuf" | "http/json" | "grpc";
}

/** The OTLP exporter for the protocol; each reads its endpoint, headers and timeout from OTEL_*. */
async function exporterFor(protocol: TracingSettings["protocol"]): Promise<SpanExporter> {
  if (protocol === "http/json") {
    return new (await import("@opentelemetry/exporter-trace-otlp-http")).OTLPTraceExporter();
  }
  if (protocol === "grpc") {
    return new (await import("@opentelemetry/exporter-trace-otlp-grpc")).OTLPTraceExporter();
  }
  return new (await import("@opentelemetry/exporter-trace-otlp-proto")).OTLPTraceExporter();
}

/**
 * Starts OpenTelemetry's Node SDK: spans exported over OTLP as the standard OTEL_* variables say
 * (endpoint, protocol, headers, sampler, batch delays), scrubbed of query strings and headers
 * first (scrub.ts), W3C trace context and baggage as the
 * propagators. Must run before the modules it instruments are loaded (pg patches its client as
 * it is required), so each service starts it first and imports the rest afterwards. Loaded only
 * when tracing is configured: the SDK is imported here, never at the top of a service.
 *
 * The resource describes the service from OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES only:
 * the process detector would add the command line, which is not ours to publish.
 */
export async function startTracing(
  settings: TracingSettings,
  instrumentations: Instrumentation[],
): Promise<() => Promise<void>> {
  const [{ NodeSDK }, { envDetector }, { BatchSpanProcessor }, { ScrubbingSpanProcessor }] =
    await Promise.all([
      import("@opentelemetry/sdk-node"),
      import("@opentelemetry/resources"),
      import("@opentelemetry/sdk-trace-base"),
      import("./scrub.js"),
    ]);
  const sdk = new NodeSDK({
    serviceName: settings.serviceName,
    resourceDetectors: [envDetector],
    // Scrubbed first, then batched for export (OTEL_BSP_* say how).
    spanProcessors: [
      new ScrubbingSpanProcessor(),
      new BatchSpanProcessor(await exporterFor(settings.protocol)),
    ],
    instrumentations,
  });
  sdk.start();
  const stopRedis = traceRedisCommands();
  return async () => {
    stopRedis();
    await sdk.shutdown();
  };
}

/** What ioredis 6 publishes on its `ioredis:command` tracing channel. */
interface RedisCommand {
  readonly command: string;
  readonly database?: number;
  readonly serverAddress?: string;
  readonly serverPort?: number;
}

/**
 * A CLIENT span per Redis command made while handling a request, from the tracing channel ioredis 6 publishes (diagnostics
 * channels need no patching, ESM or not). The command's name only: its arguments carry keys with
 * user and session ids, and values.
 */
function traceRedisCommands(): () => void {
  const tracer = trace.getTracer("todo.redis");
  const spans = new WeakMap<object, Span>();
  const handlers = {
    start(message: unknown) {
      // Inside a traced request only: the revocation and event subscribers' own traffic would
      // otherwise open a trace per command.
      if (trace.getActiveSpan() === undefined) return;
      const command = message as RedisCommand;
      const span = tracer.startSpan(command.command.toUpperCase(), {
        kind: SpanKind.CLIENT,
        attributes: {
          "db.system.name": "redis",
          "db.operation.name": command.command.toUpperCase(),
          ...(command.database !== undefined && { "db.namespace": String(command.database) }),
          ...(command.serverAddress !== undefined && { "server.address": command.serverAddress }),
          ...(command.serverPort !== undefined && { "server.port": command.serverPort }),
        },
      });
      spans.set(command as object, span);
    },
    error(message: unknown) {
      spans.get(message as object)?.setStatus({ code: SpanStatusCode.ERROR });
    },
    asyncEnd(message: unknown) {
      spans.get(message as object)?.end();
    },
    end() {},
    asyncStart() {},
  };
  const channel = diagnostics.tracingChannel("ioredis:command");
  channel.subscribe(handlers);
  return () => channel.unsubscribe(handlers);
}

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * The HTTP request's span, opened where the request reaches the server and before any of its
 * listeners run, so everything they do (authentication refusals answered before routing
 * included) is inside it: the W3C `traceparent` of the request is its parent. Named and labelled
 * with the route pattern (`routeOf`), never the raw path; the URL's query string and every
 * header are left out (a token or cookie must never reach an attribute, RFC 6750 §5.3). Call it
 * once the server's request listeners are attached.
 */
export function traceServerRequests(
  server: Server,
  routeOf: (method: string | undefined, url: string | undefined) => string,
): void {
  const tracer = trace.getTracer("todo.http");
  const listeners = server.listeners("request") as Listener[];
  server.removeAllListeners("request");
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const method = request.method ?? "GET";
    const route = routeOf(request.method, request.url);
    const attributes: Attributes = {
      "http.request.method": method,
      "http.route": route,
      "url.path": (request.url ?? "/").split("?", 1)[0],
      "url.scheme": "http",
    };
    const span = tracer.startSpan(
      `${method} ${route}`,
      { kind: SpanKind.SERVER, attributes },
      parent,
    );
    // Tells Fastify's instrumentation that this is the request's SERVER span (its own is INTERNAL).
    const active = setRPCMetadata(trace.setSpan(parent, span), { type: RPCType.HTTP, span });
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const status = response.statusCode;
      span.setAttribute("http.response.status_code", status);
      if (status >= 500 || !response.writableFinished)
        span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    response.once("finish", end);
    response.once("close", end);
    context.with(active, () => {
      for (const listener of listeners) listener.call(server, request, response);
    });
  });
}
