import type { ErrorCode } from "@todo/contract";
import type { FieldError } from "@todo/contract/problems";
import { isDatabaseUnavailable } from "@todo/db";
import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { HttpProblem, sendProblem } from "./problem.js";

/** Fastify's own 4xx errors, answered from the catalogue: their messages can quote the input. */
const FRAMEWORK_ERRORS: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "INVALID_CONTENT_LENGTH",
  FST_ERR_CTP_EMPTY_JSON_BODY: "EMPTY_BODY",
  FST_ERR_CTP_INVALID_JSON_BODY: "INVALID_JSON",
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
 * the request id (which the client also gets, to quote in a report). Every answer is a code of
 * the problem catalogue (@todo/contract/problems).
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) return sendProblem(reply, error.code, error.details);
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(reply, "VALIDATION_FAILED", { errors: fieldErrors(error) });
    }
    const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
    if (known) return sendProblem(reply, known);
    if (isJsonSyntaxError(error)) return sendProblem(reply, "INVALID_JSON");
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, "database unavailable");
      return sendProblem(reply, "DATABASE_UNAVAILABLE");
    }
    const status = error.statusCode ?? 500;
    // A framework 4xx we have no code for: a fixed answer, never its message.
    if (status >= 400 && status < 500) return sendProblem(reply, "BAD_REQUEST");
    request.log.error({ err: error }, "unhandled error");
    return sendProblem(reply, "INTERNAL_ERROR", { requestId: request.id });
  });

  app.setNotFoundHandler((_request, reply) => sendProblem(reply, "ROUTE_NOT_FOUND"));
}
