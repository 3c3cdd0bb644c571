import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { requestLineFields } from "@todo/config";
import type { FastifyInstance, FastifyRequest } from "fastify";

const INCOMING_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Reuse a well-formed X-Request-Id from a proxy, so one id follows a request end to end. */
export function generateRequestId(request: IncomingMessage): string {
  const incoming = request.headers["x-request-id"];
  return typeof incoming === "string" && INCOMING_REQUEST_ID.test(incoming)
    ? incoming
    : randomUUID();
}

/**
 * The fields of a request's line (@todo/config: the web front's lines have the same): route
 * (absent when no route matched), path without its query string, status, user, address, duration.
 */
function lineOf(request: FastifyRequest, status: number, ms: number) {
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
  request.log.info(Object.assign(lineOf(request, status, ms), extra), "request");
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
    const fields = lineOf(request, reply.statusCode, reply.elapsedTime);
    const log = request.refusal?.log;
    // The refusal's fields are added to the line's own object: a line spread from two objects
    // cost pino twice as much to write (docs/decisions/0021-one-front-door.md).
    if (log === undefined) request.log.info(fields, "request");
    else request.log[log.level](Object.assign(fields, log.fields), log.msg);
    done();
  });
}
