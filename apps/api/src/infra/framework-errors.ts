import type { ErrorCode } from "@todo/tasks";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { checkToken, isRefusal, type TokenCheck } from "./authenticate.js";
import { HttpProblem, sendPrepared, sendProblem } from "./problem.js";
import { applySecurityHeaders } from "./security-headers.js";

/** Fastify's refusals before routing, answered with fixed text (its own quote the path). */
const BEFORE_ROUTING: Record<string, [status: number, code: ErrorCode, detail: string]> = {
  FST_ERR_BAD_URL: [400, "INVALID_URL", "The URL is not valid."],
  FST_ERR_MAX_PARAM_LENGTH: [414, "PATH_TOO_LONG", "A path segment is too long."],
};

/**
 * Fastify's `frameworkErrors`: a URL it cannot route (bad percent-encoding, a path segment over
 * `maxParamLength`) never reaches the hooks, so this handler does what they would have done. It
 * sets the security headers and authenticates first: without a valid token the answer is the
 * usual 401, so such paths tell an anonymous client nothing. Then it sends a problem that quotes
 * nothing from the request.
 */
export function frameworkErrorHandler(check: TokenCheck) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    applySecurityHeaders(request, reply);
    let outcome: ReturnType<typeof checkToken>;
    try {
      outcome = checkToken(request.headers.authorization, check);
    } catch (cause) {
      // As the error handler does: the cause goes to the log, never to the client.
      request.log.error({ err: cause }, "request failed");
      sendProblem(reply, new HttpProblem(500, "INTERNAL_ERROR", "Internal server error."));
      return;
    }
    if (isRefusal(outcome)) {
      if (outcome.log) request.log[outcome.log.level](outcome.log.fields, outcome.log.msg);
      sendPrepared(reply, outcome.problem);
      return;
    }
    const [status, code, detail] = BEFORE_ROUTING[error.code] ?? [
      400,
      "BAD_REQUEST",
      "The request is not valid.",
    ];
    sendProblem(reply, new HttpProblem(status, code, detail));
  };
}
