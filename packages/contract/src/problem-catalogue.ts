import type { ErrorCode } from "./error-codes.js";

/** What a code means on the wire: its status, default detail, extra headers and documentation. */
export interface ProblemDefinition {
  readonly status: number;
  /** What the client reads; nothing from the request is ever copied into it. */
  readonly detail: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Why a client gets this code, for the OpenAPI document. */
  readonly description: string;
}

export const TITLES: Readonly<Record<number, string>> = {
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
  SUBTASK_TOO_DEEP: {
    status: 400,
    detail: "Subtasks go one level deep: the parent must be a top-level task.",
    description: "The parent is itself a subtask, is the task itself, or the task has subtasks",
  },
  SUBTASK_OTHER_LIST: {
    status: 400,
    detail: "A subtask stays in its parent's list.",
    description: "The parent is in another list than the one the subtask would be in",
  },
  RECURRENCE_NEEDS_DUE_DATE: {
    status: 400,
    detail: "A recurring task needs a due date.",
    description: "The task would have a recurrence and no dueDate",
  },
  DUE_TIME_INCOMPLETE: {
    status: 400,
    detail: "A due time needs a due date and a time zone; a reminder needs a due time.",
    description:
      "The task would have a dueTime without dueDate or timeZone, or a reminder without dueTime",
  },
  POSITION_ANCHOR_INVALID: {
    status: 400,
    detail: "A task is placed before or after another task of its own list.",
    description: "`before` or `after` names the task itself or a task of another list",
  },
  ROUTE_NOT_FOUND: { status: 404, detail: "No such route.", description: "No such route" },
  INBOX_NOT_DELETABLE: {
    status: 409,
    detail: "The Inbox cannot be deleted.",
    description: "The Inbox cannot be deleted",
  },
  FORBIDDEN_FOR_ROLE: {
    status: 403,
    detail: "Your role on this list does not allow this action.",
    description:
      "Your role on this list (viewer, or a member where only the owner may) does not allow this",
  },
  INVITE_NOT_FOUND: {
    status: 404,
    detail: "This invite code is not valid.",
    description: "No such invite: unknown, used, revoked and expired codes answer alike",
  },
  MEMBER_NOT_FOUND: {
    status: 404,
    detail: "No member with this id in this list.",
    description: "No such member of this list",
  },
  INBOX_NOT_SHAREABLE: {
    status: 409,
    detail: "The Inbox cannot be shared.",
    description: "The Inbox is never shared",
  },
  ALREADY_MEMBER: {
    status: 409,
    detail: "You already have this list.",
    description: "The caller owns the list or is already a member",
  },
  INVITE_LIMIT_REACHED: {
    status: 409,
    detail: "This list has as many pending invites as it may; revoke one first.",
    description: "The list holds as many pending invites as it may",
  },
  MEMBER_LIMIT_REACHED: {
    status: 409,
    detail: "This list has as many members as it may.",
    description: "The list has as many members as it may",
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
