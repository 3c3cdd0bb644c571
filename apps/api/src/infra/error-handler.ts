import { isDatabaseUnavailable } from "@todo/db";
import type { ErrorCode } from "@todo/tasks";
import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import {
  type FieldError,
  HttpProblem,
  PROBLEM_CONTENT_TYPE,
  problemBody,
  sendProblem,
} from "./problem.js";

/** Fastify's own 4xx errors, answered with fixed text: their messages can quote the input. */
const FRAMEWORK_ERRORS: Record<string, [status: number, code: ErrorCode, detail: string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, "PAYLOAD_TOO_LARGE", "The request body is too large."],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    "UNSUPPORTED_MEDIA_TYPE",
    "Send the request body as application/json.",
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    400,
    "INVALID_CONTENT_LENGTH",
    "Content-Length does not match the body.",
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, "EMPTY_BODY", "The JSON body is empty."],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, "INVALID_JSON", "The body is not valid JSON."],
  FST_ERR_CTP_INSTANCE_ALREADY_STARTED: [500, "INTERNAL_ERROR", "Internal server error."],
};

const MAX_FIELD_ERRORS = 20;
const MAX_ECHOED_KEY_LENGTH = 64;

function shorten(value: string): string {
  return value.length > MAX_ECHOED_KEY_LENGTH ? `${value.slice(0, MAX_ECHOED_KEY_LENGTH)}…` : value;
}

function fieldErrors(error: FastifyError): FieldError[] {
  const context = error.validationContext ?? "request";
  return (error.validation ?? []).slice(0, MAX_FIELD_ERRORS).flatMap((issue) => {
    const path = issue.instancePath.replace(/^\//, "").replaceAll("/", ".");
    const base = path ? `${context}.${path}` : context;
    const keys = (issue.params as { keys?: unknown }).keys;
    // Unknown or forbidden members are named one by one (shortened: they are the client's text).
    if (issue.keyword === "unrecognized_keys" && Array.isArray(keys)) {
      return keys.slice(0, MAX_FIELD_ERRORS).map((key) => ({
        path: `${base}.${shorten(String(key))}`,
        message: "Unknown or read-only field",
        code: "unrecognized_key",
      }));
    }
    return [{ path: base, message: issue.message ?? "Invalid value", code: issue.keyword }];
  });
}

function isJsonSyntaxError(error: FastifyError): boolean {
  return error instanceof SyntaxError && error.statusCode === 400;
}

/**
 * The one error handler: 4xx say what was wrong, 5xx are masked for the client and logged with
 * the request id (which the client also gets, to quote in a report).
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) return sendProblem(reply, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(
        reply,
        new HttpProblem(400, "VALIDATION_FAILED", "The request is not valid.", {
          errors: fieldErrors(error),
        }),
      );
    }
    const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
    if (known && known[0] < 500) return sendProblem(reply, new HttpProblem(...known));
    if (isJsonSyntaxError(error)) {
      return sendProblem(
        reply,
        new HttpProblem(400, "INVALID_JSON", "The body is not valid JSON."),
      );
    }
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, "database unavailable");
      return sendProblem(
        reply,
        new HttpProblem(
          503,
          "DATABASE_UNAVAILABLE",
          "The service is unavailable; try again soon.",
          {
            headers: { "retry-after": "5" },
          },
        ),
      );
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // A framework 4xx we have no fixed text for: its code, never its message.
      return sendProblem(
        reply,
        new HttpProblem(status, "BAD_REQUEST", "The request could not be processed."),
      );
    }
    request.log.error({ err: error }, "unhandled error");
    return reply
      .code(500)
      .type(PROBLEM_CONTENT_TYPE)
      .serializer(JSON.stringify)
      .send(
        problemBody(500, "INTERNAL_ERROR", "Internal server error.", { requestId: request.id }),
      );
  });

  app.setNotFoundHandler((_request, reply) =>
    sendProblem(reply, new HttpProblem(404, "ROUTE_NOT_FOUND", "No such route.")),
  );
}
