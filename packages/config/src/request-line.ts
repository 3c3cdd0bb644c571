/**
 * The request line both services write, one per request (the API's request log, the web app's
 * HTTP front): its fields, in this order, and the logger options that go with it.
 */
export interface RequestLineParts {
  readonly method: string | undefined;
  /** The route that matched; absent when none did (or the front cannot know it). */
  readonly route?: string | undefined;
  readonly url: string;
  readonly status: number;
  readonly userId?: string | undefined;
  readonly ip: string | undefined;
  readonly ms: number;
}

/** A request URL's path: the query string is the client's text and may hold a misplaced token. */
export function pathWithoutQuery(url: string): string {
  const queryAt = url.indexOf("?");
  return queryAt === -1 ? url : url.slice(0, queryAt);
}

/** Paths whose next segment is an invite code: the API's `/api/invites/:code`, the web's join page. */
const CODE_PATHS = ["/api/invites/", "/join/"];

/**
 * A path as a log line gives it: without its query string, and without the code of an invite: a
 * code is a capability, as good as a password until used, so it never lands in a log (ASVS 16.2.5).
 */
export function loggedPath(url: string): string {
  const path = pathWithoutQuery(url);
  const prefix = CODE_PATHS.find((candidate) => path.startsWith(candidate));
  if (prefix === undefined) return path;
  const end = path.indexOf("/", prefix.length);
  return `${prefix}[redacted]${end === -1 ? "" : path.slice(end)}`;
}

export function requestLineFields(parts: RequestLineParts) {
  return {
    event: "request",
    method: parts.method,
    route: parts.route,
    path: loggedPath(parts.url),
    status: parts.status,
    userId: parts.userId,
    ip: parts.ip,
    // Milliseconds to one decimal.
    ms: Math.round(parts.ms * 10) / 10,
  };
}

/**
 * Defence in depth: no line logs headers today, but if a future one does, credentials are
 * censored rather than written (ASVS 16.2.5). Every path is named: a path that starts with a
 * wildcard (`*.token`) would make pino pass every field of every line through the redactor, a
 * cost paid on each request (docs/decisions/0021-one-front-door.md).
 */
const LOG_REDACTIONS = [
  "req.headers.authorization",
  "req.headers.cookie",
  "headers.authorization",
  "headers.cookie",
  "authorization",
  "cookie",
  "token",
  "body.token",
  "err.token",
];

/** pino's options for either service: JSON lines at `level`, credentials redacted. */
export function loggerOptions(level: string) {
  return { level, redact: { paths: LOG_REDACTIONS, censor: "[redacted]" } };
}
