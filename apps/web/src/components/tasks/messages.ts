import type { ErrorCode } from "@todo/contract";
import { SignedOutError } from "@/lib/access-token";
import { ApiError, NetworkError } from "@/lib/api-client";

const GENERIC = "Something went wrong. Please try again.";

/**
 * The page's own words for every code the API can send; the server's English text is never shown.
 * A code missing here fails the typecheck.
 */
export const ERROR_MESSAGES: Readonly<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: "Some of what you entered is not valid. Check it and try again.",
  INVALID_JSON: GENERIC,
  EMPTY_BODY: GENERIC,
  INVALID_CONTENT_LENGTH: GENERIC,
  INVALID_URL: GENERIC,
  INVALID_CURSOR: "The list changed while loading. Reload the page to see it.",
  BAD_REQUEST: GENERIC,
  UNAUTHENTICATED: "Your session has ended. Please sign in again.",
  INVALID_TOKEN: "Your session has ended. Please sign in again.",
  TASK_NOT_FOUND: "This task no longer exists. It may have been deleted elsewhere.",
  LIST_NOT_FOUND: "This list no longer exists. It may have been deleted elsewhere.",
  INBOX_NOT_DELETABLE: "The Inbox cannot be deleted.",
  FORBIDDEN_FOR_ROLE: "Your role on this list does not allow that. Ask its owner.",
  INVITE_NOT_FOUND: "This invite is not valid. It may have been used, revoked or have expired.",
  MEMBER_NOT_FOUND: "This person is no longer a member of the list.",
  INBOX_NOT_SHAREABLE: "The Inbox cannot be shared.",
  ALREADY_MEMBER: "You already have this list.",
  INVITE_LIMIT_REACHED: "This list has the maximum number of pending invites. Revoke one first.",
  MEMBER_LIMIT_REACHED: "This list has the maximum number of members.",
  SUBTASK_TOO_DEEP: "Subtasks go one level deep: pick a task that is not itself a subtask.",
  SUBTASK_OTHER_LIST: "A subtask stays in its parent's list.",
  RECURRENCE_NEEDS_DUE_DATE: "A repeating task needs a due date.",
  DUE_TIME_INCOMPLETE: "A time needs a due date, and a reminder needs a time.",
  POSITION_ANCHOR_INVALID: "A task can only be moved beside another task of its own list.",
  ROUTE_NOT_FOUND: GENERIC,
  METHOD_NOT_ALLOWED: GENERIC,
  TASK_LIMIT_REACHED: "You have reached the maximum number of tasks. Delete some to add more.",
  LIST_LIMIT_REACHED: "You have reached the maximum number of lists. Delete one to add another.",
  PAYLOAD_TOO_LARGE: "That is too much text. Shorten it and try again.",
  PATH_TOO_LONG: GENERIC,
  HEADERS_TOO_LARGE: GENERIC,
  REQUEST_TIMEOUT: GENERIC,
  UNSUPPORTED_MEDIA_TYPE: GENERIC,
  RATE_LIMITED: "You are going a bit fast. Wait a moment and try again.",
  INTERNAL_ERROR: GENERIC,
  DATABASE_UNAVAILABLE: "The service is briefly unavailable. Try again in a few seconds.",
  REVOCATIONS_UNAVAILABLE: "The service is briefly unavailable. Try again in a few seconds.",
  REVOCATIONS_STALE: "The service is briefly unavailable. Try again in a few seconds.",
  SHUTTING_DOWN: "The service is briefly unavailable. Try again in a few seconds.",
  // The live-sync stream's own refusals; the page shows nothing for them and retries quietly.
  TOO_MANY_STREAMS: GENERIC,
  EVENTS_UNAVAILABLE: GENERIC,
};

/** A sentence for a person, from whatever went wrong. */
export function describeError(error: unknown): string {
  if (error instanceof NetworkError) return error.message;
  if (error instanceof SignedOutError) return error.message;
  if (error instanceof ApiError) return ERROR_MESSAGES[error.problem.code] ?? GENERIC;
  return GENERIC;
}
