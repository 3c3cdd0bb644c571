/**
 * Every `code` the API puts in a problem (RFC 9457), in Better Auth's UPPER_SNAKE style. The API
 * may only emit these (HttpProblem takes an ErrorCode), the OpenAPI document lists them as an
 * enum, and the web app maps each to its own message. Adding a code is an edit here; renaming
 * one breaks clients, so don't.
 */
export const ERROR_CODES = [
  "VALIDATION_FAILED",
  "INVALID_JSON",
  "EMPTY_BODY",
  "INVALID_CONTENT_LENGTH",
  "INVALID_URL",
  "INVALID_CURSOR",
  "BAD_REQUEST",
  "UNAUTHENTICATED",
  "INVALID_TOKEN",
  "TASK_NOT_FOUND",
  "LIST_NOT_FOUND",
  "INBOX_NOT_DELETABLE",
  "FORBIDDEN_FOR_ROLE",
  "INVITE_NOT_FOUND",
  "MEMBER_NOT_FOUND",
  "INBOX_NOT_SHAREABLE",
  "ALREADY_MEMBER",
  "INVITE_LIMIT_REACHED",
  "MEMBER_LIMIT_REACHED",
  "SUBTASK_TOO_DEEP",
  "SUBTASK_OTHER_LIST",
  "RECURRENCE_NEEDS_DUE_DATE",
  "DUE_TIME_INCOMPLETE",
  "POSITION_ANCHOR_INVALID",
  "ROUTE_NOT_FOUND",
  "METHOD_NOT_ALLOWED",
  "TASK_LIMIT_REACHED",
  "LIST_LIMIT_REACHED",
  "PAYLOAD_TOO_LARGE",
  "PATH_TOO_LONG",
  "HEADERS_TOO_LARGE",
  "REQUEST_TIMEOUT",
  "UNSUPPORTED_MEDIA_TYPE",
  "RATE_LIMITED",
  "INTERNAL_ERROR",
  "DATABASE_UNAVAILABLE",
  "REVOCATIONS_UNAVAILABLE",
  "REVOCATIONS_STALE",
  "SHUTTING_DOWN",
  "TOO_MANY_STREAMS",
  "EVENTS_UNAVAILABLE",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The same list as an object, for `ErrorCode.TASK_NOT_FOUND` at call sites. */
export const ErrorCode = Object.freeze(
  Object.fromEntries(ERROR_CODES.map((code) => [code, code])) as { [C in ErrorCode]: C },
);

const KNOWN = new Set<string>(ERROR_CODES);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && KNOWN.has(value);
}
