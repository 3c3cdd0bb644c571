import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  FastifyServerOptions,
} from "fastify";
import { type Logger, symbols } from "pino";

const INCOMING_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Reuse a well-formed X-Request-Id from a proxy, so one id follows a request end to end. */
export function generateRequestId(request: IncomingMessage): string {
  const incoming = request.headers["x-request-id"];
  return typeof incoming === "string" && INCOMING_REQUEST_ID.test(incoming)
    ? incoming
    : randomUUID();
}

/**
 * Defence in depth: nothing logs headers today, but if a future line does, credentials are
 * censored rather than written (ASVS 16.2.5).
 */
const LOG_REDACTIONS = [
  "req.headers.authorization",
  "req.headers.cookie",
  "headers.authorization",
  "headers.cookie",
  "authorization",
  "token",
  "*.token",
];

export function loggerOptions(level: string) {
  return {
    level,
    redact: { paths: LOG_REDACTIONS, censor: "[redacted]" },
  } satisfies FastifyServerOptions["logger"];
}

/** Writes one request line: `fields` (plain strings and numbers) under `reqId`, at `level`. */
export type RequestLineWriter = (
  level: "info" | "warn",
  reqId: string,
  fields: Readonly<Record<string, unknown>>,
  msg: string,
) => void;

const LEVEL_VALUES = { info: 30, warn: 40 } as const;

/**
 * The request line is written as the logger would write it (same destination, same level
 * filter, same fields: level, time, pid, hostname, reqId, the line, msg), but serialised here
 * with one JSON.stringify of fields we built ourselves. Through pino, the string it builds for
 * each line outlived the young generation under load and filled the old one: a refused request
 * cost about twice as much with its line as without it, and a line of our own writing costs a
 * few microseconds (docs/decisions/0018-old-space-kept-for-what-lives.md). Redaction is not
 * needed for these fields: none of them is a header, a token or a cookie. Other lines go
 * through pino, redaction and all.
 */
export function requestLineWriter(logger: FastifyBaseLogger): RequestLineWriter {
  const stream = (logger as unknown as Record<symbol, { write?: unknown }>)[symbols.streamSym];
  const bindings = (logger as unknown as Record<symbol, unknown>)[symbols.chindingsSym];
  if (typeof stream?.write !== "function" || typeof bindings !== "string") {
    // Not a pino logger (logging switched off): its own methods, whatever they do.
    return (level, reqId, fields, msg) => logger[level]({ reqId, ...fields }, msg);
  }
  const write = (stream.write as (line: string) => void).bind(stream);
  const pinoLogger = logger as unknown as Logger;
  return (level, reqId, fields, msg) => {
    if (!pinoLogger.isLevelEnabled(level)) return;
    const rest = JSON.stringify({ reqId, ...fields, msg });
    write(`{"level":${LEVEL_VALUES[level]},"time":${Date.now()}${bindings},${rest.slice(1)}\n`);
  };
}

/** Requests that write their own line (a stream logs at its end, with its duration). */
const loggedElsewhere = new WeakSet<FastifyRequest>();

export function logsItsOwnLine(request: FastifyRequest): void {
  loggedElsewhere.add(request);
}

/** A request URL's path: everything before its query string. */
export function pathWithoutQuery(url: string): string {
  const queryAt = url.indexOf("?");
  return queryAt === -1 ? url : url.slice(0, queryAt);
}

/**
 * The fields of a request's line: route (absent when the request was refused before routing),
 * path without its query string, status, user, client address, duration.
 */
export function requestLineFields(request: {
  readonly method: string | undefined;
  readonly route: string | undefined;
  readonly url: string;
  readonly status: number;
  readonly userId: string | undefined;
  readonly ip: string;
  readonly ms: number;
}) {
  return {
    event: "request",
    method: request.method,
    route: request.route,
    // The query string is left out: it is the client's text and may hold a misplaced token.
    path: pathWithoutQuery(request.url),
    status: request.status,
    userId: request.userId,
    ip: request.ip,
    ms: Math.round(request.ms * 10) / 10,
  };
}

function requestLine(request: FastifyRequest, status: number, ms: number) {
  return requestLineFields({
    method: request.method,
    route: request.routeOptions.url,
    url: request.url,
    status,
    userId: request.principal?.userId,
    ip: request.ip,
    ms,
  });
}

/** Writes the line of a request that logs its own (see logsItsOwnLine), with extra fields. */
export function logRequest(
  request: FastifyRequest,
  status: number,
  ms: number,
  extra: Record<string, unknown> = {},
): void {
  request.log.info({ ...requestLine(request, status, ms), ...extra }, "request");
}

/**
 * One line per request. A request the guard refused has had its line written by the guard
 * (guard.ts), carrying the refusal's event and reason (`auth.failure`, `rate_limit.exceeded`)
 * at its level instead of `request`.
 */
export function registerRequestLog(app: FastifyInstance, write: RequestLineWriter): void {
  app.addHook("onResponse", (request, reply, done) => {
    if (request.refusal === null && !loggedElsewhere.has(request)) {
      write(
        "info",
        request.id,
        requestLine(request, reply.statusCode, reply.elapsedTime),
        "request",
      );
    }
    done();
  });
}
