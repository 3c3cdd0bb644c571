import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from "fastify";

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

/** A request URL's path: everything before its query string. */
function pathWithoutQuery(url: string): string {
  const queryAt = url.indexOf("?");
  return queryAt === -1 ? url : url.slice(0, queryAt);
}

/** A duration as the line gives it: milliseconds to one decimal. */
const tenths = (ms: number) => Math.round(ms * 10) / 10;

/**
 * The fields of a request's line: route (absent when no route matched), path without its query
 * string (the client's text, which may hold a misplaced token), status, user, address, duration.
 * The web front's lines have the same fields (apps/web/http/request-line.ts).
 */
function requestLineFields(request: FastifyRequest, status: number, ms: number) {
  return {
    method: request.method,
    route: request.routeOptions.url,
    path: pathWithoutQuery(request.url),
    status,
    userId: request.principal?.userId,
    ip: request.ip,
    ms: tenths(ms),
  };
}

/** Requests that write their own line (a stream logs at its end, with its duration). */
const loggedElsewhere = new WeakSet<FastifyRequest>();

export function logsItsOwnLine(request: FastifyRequest): void {
  loggedElsewhere.add(request);
}

/** Writes the line of a request that logs its own (see logsItsOwnLine), with extra fields. */
export function logRequest(
  request: FastifyRequest,
  status: number,
  ms: number,
  extra: Record<string, unknown> = {},
): void {
  request.log.info(
    { event: "request", ...requestLineFields(request, status, ms), ...extra },
    "request",
  );
}

/**
 * One line per request, through the request's pino logger (its id bound by Fastify). A request
 * the front door refused (auth-plugin.ts) carries the refusal's event and reason
 * (`auth.failure`, `rate_limit.exceeded`) at its level instead of `request`.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook("onResponse", (request, reply, done) => {
    if (loggedElsewhere.has(request)) {
      done();
      return;
    }
    const fields = requestLineFields(request, reply.statusCode, reply.elapsedTime);
    const log = request.refusal?.log;
    if (log === undefined) {
      request.log.info({ event: "request", ...fields }, "request");
    } else {
      const { event, ...reason } = log.fields;
      request.log[log.level]({ event, ...fields, ...reason }, log.msg);
    }
    done();
  });
}
