import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { FastifyInstance, FastifyServerOptions } from "fastify";

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

/**
 * One line per request: id, route, path without its query string, status, user, duration. A
 * request the guard refused (guard.ts) gets the same one line, carrying the refusal's event and
 * reason (`auth.failure`, `rate_limit.exceeded`) at its level instead of `request`.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook("onResponse", (request, reply, done) => {
    const queryAt = request.url.indexOf("?");
    const line = {
      event: "request",
      method: request.method,
      route: request.routeOptions.url,
      // The query string is left out: it is the client's text and may hold a misplaced token.
      path: queryAt === -1 ? request.url : request.url.slice(0, queryAt),
      status: reply.statusCode,
      userId: request.principal?.userId,
      ip: request.ip,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    const refused = request.refusal?.log;
    if (refused) request.log[refused.level]({ ...line, ...refused.fields }, refused.msg);
    else request.log.info(line, "request");
    done();
  });
}
