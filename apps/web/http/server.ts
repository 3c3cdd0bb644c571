// The web app's HTTP front: the only place that sees the TCP connection. It derives the client's
// address from the socket and TRUST_PROXY (the same rule as the API), hands it to the application in
// one header that it always overwrites, gives every request an id, and then lets Next.js answer.
// `next start` cannot do this: a route handler never sees the socket, and it keeps whatever
// X-Forwarded-For the client sent, which would let a client reset its own rate limits.
//
//   node apps/web/dist/server.js [--port 3000] [--host 127.0.0.1] [--dev]
import { randomUUID } from "node:crypto";
import { createServer, IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  answerClientError,
  CLIENT_ADDRESS_HEADER,
  ConfigError,
  clientAddress,
  loggerOptions,
  proxyTrust,
  requestLineFields,
} from "@todo/config";
import { problemAnswer } from "@todo/contract/problems";
import { pino } from "pino";
import { defaultNodeEnv, type WebConfig, webConfig } from "./config.js";

const { values: flags } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string" },
    host: { type: "string" },
  },
});

// The whole config (secrets, database, origins, limits) is parsed and checked before anything
// else happens: a bad variable stops the front here, with every problem named, before it listens.
let config: WebConfig;
try {
  config = webConfig({ PORT: flags.port, HOST: flags.host });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Web configuration error: ${error.message}`);
  process.exit(1);
}
const settings = { port: config.port, host: config.host, trust: proxyTrust(config.trustProxy) };

// Tracing starts before Next.js and the database driver load (docs/operations.md); with no
// OTEL_EXPORTER_OTLP_ENDPOINT nothing of it is loaded.
const tracing = config.observability.tracing
  ? await (await import("./tracing.js")).startWebTracing(config.observability.tracing)
  : undefined;

// Next.js reads NODE_ENV while it loads, so it is set before the import.
defaultNodeEnv(flags.dev);
// `next` is CommonJS: its module.exports is the factory (the typings describe the ESM view).
const { default: next } = (await import("next")) as unknown as {
  default: typeof import("next/dist/server/next.js").default;
};

const server = createServer();
const app = next({
  dev: flags.dev,
  dir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."),
  hostname: settings.host,
  port: settings.port,
  httpServer: server,
});
const handle = app.getRequestHandler();
await app.prepare();

/** The same JSON lines as the API's, from the same fields (@todo/config's request line). */
const log = pino(loggerOptions("info"));

/**
 * Only this front decides these two headers; whatever the client sent under them is replaced.
 * The request's one line is written when its answer has been sent (or the client went away).
 */
function stamp(request: IncomingMessage, response: ServerResponse): void {
  const startedAt = performance.now();
  const requestId = randomUUID();
  const ip = clientAddress(request, settings.trust);
  request.headers[CLIENT_ADDRESS_HEADER] = ip;
  request.headers["x-request-id"] = requestId;
  response.setHeader("X-Request-Id", requestId);
  response.once("close", () => {
    const line = requestLineFields({
      method: request.method,
      url: request.url ?? "/",
      status: response.statusCode,
      ip,
      ms: performance.now() - startedAt,
    });
    log.info({ reqId: requestId, ...line }, "request");
  });
}

/**
 * Body limits, enforced here because nothing behind this front has one: Better Auth reads a
 * route's whole body before any check, and Next.js route handlers accept any size. 64 KiB under
 * /api/auth/ (its largest legitimate body is a sign-up of a few hundred bytes); 1 MiB elsewhere,
 * Next.js's own limit for server actions, which the app does not use.
 */
const AUTH_BODY_LIMIT = 64 * 1024;
const OTHER_BODY_LIMIT = 1024 * 1024;

function bodyLimitOf(request: IncomingMessage): number {
  return (request.url ?? "").startsWith("/api/auth/") ? AUTH_BODY_LIMIT : OTHER_BODY_LIMIT;
}

/**
 * After a 413, the rest of the body is read and thrown away (never parsed or kept), so that a
 * client still sending it can read the answer instead of failing on a reset connection; past this
 * much, the connection is cut.
 */
const DISCARD_LIMIT = 64 * 1024 * 1024;

function discardRest(request: IncomingMessage): void {
  let discarded = 0;
  request.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT) request.socket.destroy();
  });
  request.resume();
}

/** 413 from the problem catalogue (RFC 9457); the rest of the body is discarded unread. */
function tooLarge(request: IncomingMessage, response: ServerResponse, limit: number): void {
  discardRest(request);
  if (response.headersSent) return;
  const { status, headers, body } = problemAnswer("PAYLOAD_TOO_LARGE", {
    detail: `The request body must be at most ${limit} bytes.`,
    headers: { "cache-control": "no-store" },
  });
  response.writeHead(status, headers);
  response.end(body);
}

/**
 * A body without Content-Length (chunked) is read here, counting as it streams, and refused as
 * soon as it passes the limit; a body within it is handed to Next.js as a request with that exact
 * Content-Length. Returns undefined when the request was answered.
 */
function bufferChunked(
  request: IncomingMessage,
  response: ServerResponse,
  limit: number,
): Promise<IncomingMessage | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off("data", onData);
        request.off("end", onEnd);
        tooLarge(request, response, limit);
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      const replay = new IncomingMessage(request.socket);
      const headers = { ...request.headers, "content-length": String(size) };
      delete headers["transfer-encoding"];
      Object.assign(replay, {
        method: request.method,
        url: request.url,
        headers,
        httpVersion: request.httpVersion,
        httpVersionMajor: request.httpVersionMajor,
        httpVersionMinor: request.httpVersionMinor,
        trailers: request.trailers,
        complete: true,
      });
      replay.rawHeaders = Object.entries(headers).flatMap(([name, value]) =>
        Array.isArray(value) ? value.flatMap((v) => [name, v]) : [name, String(value)],
      );
      replay.push(Buffer.concat(chunks));
      replay.push(null);
      resolve(replay);
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", () => resolve(undefined));
  });
}

/** The request Next.js may see, or undefined when its body was refused here. */
async function withinBodyLimit(
  request: IncomingMessage,
  response: ServerResponse,
): Promise<IncomingMessage | undefined> {
  const limit = bodyLimitOf(request);
  const declared = request.headers["content-length"];
  if (declared !== undefined) {
    // Node's parser has checked it is one non-negative integer and will not read past it.
    if (Number(declared) > limit) {
      tooLarge(request, response, limit);
      return undefined;
    }
    return request;
  }
  if (request.headers["transfer-encoding"] === undefined) return request;
  return bufferChunked(request, response, limit);
}

server.on("request", async (request, response) => {
  stamp(request, response);
  const admitted = await withinBodyLimit(request, response);
  if (!admitted) return;
  handle(admitted, response).catch((error: unknown) => {
    console.error("Request failed", error);
    if (!response.headersSent) {
      response.statusCode = 500;
      response.end("Internal Server Error");
    } else {
      response.destroy();
    }
  });
});

// Requests Node's parser refuses never reach the listener above: answered and logged as the API does.
server.on("clientError", (error: NodeJS.ErrnoException, socket) =>
  answerClientError(error, socket, log),
);
tracing?.traceRequests(server);
// Metrics on a listener of their own (METRICS_PORT), started before the public one.
const metrics = config.observability.metrics
  ? await (await import("./metrics.js")).startWebMetrics(config.observability.metrics, server)
  : undefined;

server.listen(settings.port, settings.host, () => {
  console.info(`Web app on http://${settings.host}:${settings.port}`);
});

let stopping = false;
function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  console.info(`${signal}: finishing open requests, then stopping`);
  server.close(() => {
    void Promise.all([app.close(), metrics?.close()])
      .then(() => tracing?.stop())
      .finally(() => process.exit(0));
  });
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
