import { ERROR_CODES, type ErrorCode } from "./error-codes.js";
import { type Problem, ProblemSchema } from "./problem.js";

/** The one media type of every error answer, in both services (RFC 9457 §3). */
export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** What a code means on the wire: its status, default detail, extra headers and documentation. */
export interface ProblemDefinition {
  readonly status: number;
  /** What the client reads; nothing from the request is ever copied into it. */
  readonly detail: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Why a client gets this code, for the OpenAPI document. */
  readonly description: string;
}

const TITLES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  413: "Content Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

const REALM = 'realm="todo-api"';
const RETRY_SOON = { "retry-after": "5" } as const;

/**
 * Every error answer either service gives, by its stable code. Producers name a code (and at most
 * a narrower detail, field errors or headers that vary per answer); status, title and the rest
 * come from here, so the API, the web front and the OpenAPI document cannot disagree.
 */
export const PROBLEMS: { readonly [C in ErrorCode]: ProblemDefinition } = {
  VALIDATION_FAILED: {
    status: 400,
    detail: "The request is not valid.",
    description: "A field is invalid; `errors` names each one",
  },
  INVALID_JSON: { status: 400, detail: "The body is not valid JSON.", description: "Not JSON" },
  EMPTY_BODY: { status: 400, detail: "The JSON body is empty.", description: "Empty JSON body" },
  INVALID_CONTENT_LENGTH: {
    status: 400,
    detail: "Content-Length does not match the body.",
    description: "Content-Length does not match the body",
  },
  INVALID_URL: { status: 400, detail: "The URL is not valid.", description: "Malformed URL" },
  INVALID_CURSOR: {
    status: 400,
    detail: "The cursor is not valid for this list and sort.",
    description: "A cursor from another query or tampered with",
  },
  BAD_REQUEST: {
    status: 400,
    detail: "The request could not be processed.",
    description: "Any other malformed request",
  },
  UNAUTHENTICATED: {
    status: 401,
    detail: "An access token is required.",
    // RFC 6750 §3.1: no error code when the request carried no credentials at all.
    headers: { "www-authenticate": `Bearer ${REALM}` },
    description: "No access token was sent",
  },
  INVALID_TOKEN: {
    status: 401,
    // One answer for every failure: the reason is logged, never told (RFC 6750 §3.1, RFC 8725).
    detail: "The access token is invalid or has expired.",
    headers: {
      "www-authenticate": `Bearer ${REALM}, error="invalid_token", error_description="The access token is invalid or has expired"`,
    },
    description: "The access token is malformed, expired, revoked or otherwise invalid",
  },
  TASK_NOT_FOUND: {
    status: 404,
    detail: "No task with this id.",
    description: "No such task (or it belongs to someone else: the answer is the same)",
  },
  LIST_NOT_FOUND: {
    status: 404,
    detail: "No list with this id.",
    description: "No such list (or it belongs to someone else: the answer is the same)",
  },
  ROUTE_NOT_FOUND: { status: 404, detail: "No such route.", description: "No such route" },
  INBOX_NOT_DELETABLE: {
    status: 409,
    detail: "The Inbox cannot be deleted.",
    description: "The Inbox cannot be deleted",
  },
  TASK_LIMIT_REACHED: {
    status: 409,
    detail: "The task limit for this account is reached.",
    description: "The account holds as many tasks as it may",
  },
  LIST_LIMIT_REACHED: {
    status: 409,
    detail: "The list limit for this account is reached.",
    description: "The account holds as many lists as it may",
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    detail: "This method is not allowed here.",
    description: "Method not supported on this path; see Allow",
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    detail: "The request body is too large.",
    description: "Body larger than the limit",
  },
  PATH_TOO_LONG: {
    status: 414,
    detail: "A path segment is too long.",
    description: "Path too long",
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    detail: "The request headers are too large.",
    description: "Headers larger than the server accepts",
  },
  REQUEST_TIMEOUT: {
    status: 408,
    detail: "The request took too long to arrive.",
    description: "The request was not received in time",
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    detail: "Send the request body as application/json.",
    description: "Body is not application/json",
  },
  RATE_LIMITED: {
    status: 429,
    detail: "Too many requests; slow down and retry later.",
    description: "Rate limit exceeded; see Retry-After",
  },
  TOO_MANY_STREAMS: {
    status: 429,
    detail: "Too many open event streams for this account or address; close one first.",
    headers: { "retry-after": "30" },
    description: "Too many open event streams; see Retry-After",
  },
  INTERNAL_ERROR: {
    status: 500,
    detail: "Internal server error.",
    description: "Unexpected failure; quote `requestId`",
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    detail: "The service is unavailable; try again soon.",
    headers: RETRY_SOON,
    description: "Database unavailable; see Retry-After",
  },
  REVOCATIONS_UNAVAILABLE: {
    status: 503,
    detail: "Sessions cannot be checked right now; try again shortly.",
    headers: RETRY_SOON,
    description: "Sessions cannot be checked yet; see Retry-After",
  },
  REVOCATIONS_STALE: {
    status: 503,
    detail: "The revocation set is not current.",
    headers: RETRY_SOON,
    description: "The revocation set is not current; see Retry-After",
  },
  SHUTTING_DOWN: {
    status: 503,
    detail: "The service is restarting; try again shortly.",
    headers: { "retry-after": "1" },
    description: "This instance is shutting down; retry (another instance may answer)",
  },
  EVENTS_UNAVAILABLE: {
    status: 503,
    detail: "Live updates are unavailable; retry.",
    headers: RETRY_SOON,
    description: "Live updates unavailable; see Retry-After",
  },
};

export type FieldError = NonNullable<Problem["errors"]>[number];

/** What may vary between two answers with the same code. */
export interface ProblemDetails {
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  readonly requestId?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A problem answer ready to write: status, every header (content type included) and body. */
export interface ProblemAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * The one writer of problem answers (RFC 9457). `type` stays "about:blank" (the status says it
 * all) and `code` is the stable machine-readable reason.
 */
export function problemAnswer(code: ErrorCode, details: ProblemDetails = {}): ProblemAnswer {
  const { status, detail, headers } = PROBLEMS[code];
  const body: Problem = {
    type: "about:blank",
    title: TITLES[status] ?? "Error",
    status,
    detail: details.detail ?? detail,
    code,
    ...(details.requestId === undefined ? {} : { requestId: details.requestId }),
    ...(details.errors === undefined ? {} : { errors: [...details.errors] }),
  };
  return {
    status,
    headers: { ...headers, ...details.headers, "content-type": PROBLEM_CONTENT_TYPE },
    body: JSON.stringify(body),
  };
}

/** The status of a code, for callers that branch on it. */
export function problemStatus(code: ErrorCode): number {
  return PROBLEMS[code].status;
}

/**
 * The problem responses of a route for its OpenAPI schema: each status described by the codes
 * that answer with it, so the document lists every answer a route can give.
 */
export function problemResponses<const S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => {
      const reasons = ERROR_CODES.filter((code) => PROBLEMS[code].status === status).map(
        (code) => `\`${code}\`: ${PROBLEMS[code].description}`,
      );
      return [status, ProblemSchema.describe(reasons.join("; ") || "Problem details")];
    }),
  ) as Record<S, typeof ProblemSchema>;
}
