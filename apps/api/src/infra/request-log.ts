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

/** What a request's line says happened: its level, message and fields, serialised once. */
export interface LineEvent {
  readonly level: "info" | "warn";
  readonly msg: string;
  readonly fields: Readonly<Record<string, string>>;
  /** `fields.event` as a JSON member, written before the request's own members. */
  readonly head: string;
  /** The other fields and `msg` as JSON members, with the line's closing brace and newline. */
  readonly tail: string;
}

export function lineEvent(
  level: LineEvent["level"],
  msg: string,
  fields: Readonly<Record<string, string>>,
): LineEvent {
  const { event, ...rest } = fields;
  return {
    level,
    msg,
    fields,
    head: event === undefined ? "" : `,"event":${JSON.stringify(event)}`,
    tail: `,${JSON.stringify({ ...rest, msg }).slice(1)}\n`,
  };
}

/** The line of a request that was answered (rather than refused): `event: "request"`. */
export const REQUEST_EVENT = lineEvent("info", "request", { event: "request" });

/** The request a line is about, as the writer receives it. */
export interface RequestLine {
  readonly method: string | undefined;
  /** Absent when the request was refused before routing. */
  readonly route: string | undefined;
  readonly url: string;
  readonly status: number;
  readonly userId: string | undefined;
  readonly ip: string;
  readonly ms: number;
}

/** Writes one request line under `reqId`: the request's members between the event's. */
export type RequestLineWriter = (reqId: string, line: RequestLine, event: LineEvent) => void;

const LEVEL_VALUES = { info: 30, warn: 40 } as const;

/** `,"name":value` for a string, nothing for undefined; JSON.stringify escapes the string. */
const member = (name: string, value: string | undefined) =>
  value === undefined ? "" : `,"${name}":${JSON.stringify(value)}`;

/**
 * The request's members of its line, in requestLineFields' order (event aside). Written out here,
 * without an object per line: the strings a client or a token controls (method, path, user id)
 * are escaped by JSON.stringify, numbers are numbers.
 */
function requestMembers(line: RequestLine): string {
  const ms = tenths(line.ms);
  return `${member("method", line.method)}${member("route", line.route)}${member("path", loggedPath(line.url))},"status":${line.status}${member("userId", line.userId)}${member("ip", line.ip)},"ms":${Number.isFinite(ms) ? ms : null}`;
}

/**
 * The request line is written as the logger would write it (same destination, same level
 * filter, same fields and order: level, time, pid, hostname, reqId, the line, msg), but put
 * together here as one string from parts the event and the logger serialised once. Through pino,
 * the string it builds for each line outlived the young generation under load and filled the old
 * one: a refused request cost about twice as much with its line as without it
 * (docs/decisions/0018-old-space-kept-for-what-lives.md); building the line here costs a third
 * of an object spread through JSON.stringify. Redaction is not needed for these fields: none of
 * them is a header, a token or a cookie. Other lines go through pino, redaction and all.
 * request-log.test.ts holds these lines to pino's, hostile strings included.
 */
export function requestLineWriter(logger: FastifyBaseLogger): RequestLineWriter {
  const stream = (logger as unknown as Record<symbol, { write?: unknown }>)[symbols.streamSym];
  const bindings = (logger as unknown as Record<symbol, unknown>)[symbols.chindingsSym];
  if (typeof stream?.write !== "function" || typeof bindings !== "string") {
    // Not a pino logger (logging switched off): its own methods, whatever they do.
    return (reqId, line, event) =>
      logger[event.level]({ reqId, ...requestLineFields(line), ...event.fields }, event.msg);
  }
  const write = (stream.write as (line: string) => void).bind(stream);
  const pinoLogger = logger as unknown as Logger;
  return (reqId, line, event) => {
    if (!pinoLogger.isLevelEnabled(event.level)) return;
    write(
      `{"level":${LEVEL_VALUES[event.level]},"time":${Date.now()}${bindings},"reqId":${JSON.stringify(reqId)}${event.head}${requestMembers(line)}${event.tail}`,
    );
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

const INVITE_PATH = "/api/invites/";

/**
 * A path as a log line gives it: without its query string, and without the code of an invite
 * (`/api/invites/:code…`): a code is a capability, as good as a password until used, so it never
 * lands in a log (ASVS 16.2.5).
 */
function loggedPath(url: string): string {
  const path = pathWithoutQuery(url);
  if (!path.startsWith(INVITE_PATH)) return path;
  const end = path.indexOf("/", INVITE_PATH.length);
  return `${INVITE_PATH}[redacted]${end === -1 ? "" : path.slice(end)}`;
}

/** A duration as the line gives it: milliseconds to one decimal. */
const tenths = (ms: number) => Math.round(ms * 10) / 10;

/**
 * The fields of a request's line: route (absent when the request was refused before routing),
 * path without its query string, status, user, client address, duration.
 */
export function requestLineFields(request: RequestLine) {
  return {
    event: "request",
    method: request.method,
    route: request.route,
    // The query string is left out: it is the client's text and may hold a misplaced token.
    path: loggedPath(request.url),
    status: request.status,
    userId: request.userId,
    ip: request.ip,
    ms: tenths(request.ms),
  };
}

function requestLine(request: FastifyRequest, status: number, ms: number): RequestLine {
  return {
    method: request.method,
    route: request.routeOptions.url,
    url: request.url,
    status,
    userId: request.principal?.userId,
    ip: request.ip,
    ms,
  };
}

/** Writes the line of a request that logs its own (see logsItsOwnLine), with extra fields. */
export function logRequest(
  request: FastifyRequest,
  status: number,
  ms: number,
  extra: Record<string, unknown> = {},
): void {
  request.log.info({ ...requestLineFields(requestLine(request, status, ms)), ...extra }, "request");
}

/**
 * One line per request. A request the guard refused has had its line written by the guard
 * (guard.ts), carrying the refusal's event and reason (`auth.failure`, `rate_limit.exceeded`)
 * at its level instead of `request`.
 */
export function registerRequestLog(app: FastifyInstance, write: RequestLineWriter): void {
  app.addHook("onResponse", (request, reply, done) => {
    if (request.refusal === null && !loggedElsewhere.has(request)) {
      write(request.id, requestLine(request, reply.statusCode, reply.elapsedTime), REQUEST_EVENT);
    }
    done();
  });
}
