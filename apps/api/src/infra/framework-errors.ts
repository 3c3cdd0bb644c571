import type { ErrorCode } from "@todo/contract";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { checkToken, isRefusal, type TokenCheck } from "./authenticate.js";
import { sendProblem } from "./problem.js";
import { applySecurityHeaders } from "./security-headers.js";

/** Fastify's refusals before routing, answered from the catalogue (its own quote the path). */
const BEFORE_ROUTING: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_BAD_URL: "INVALID_URL",
  FST_ERR_MAX_PARAM_LENGTH: "PATH_TOO_LONG",
};

/**
 * Fastify's `frameworkErrors`: a URL it cannot route (bad percent-encoding, a path segment over
 * `maxParamLength`) never reaches the hooks, so this handler sets the security headers and runs
 * the same pure token check as the front door (auth-plugin.ts): without a valid token the answer
 * is the usual 401, so such paths tell an anonymous client nothing. No route means no limit is
 * counted and no data is read.
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
      sendProblem(reply, "INTERNAL_ERROR", { requestId: request.id });
      return;
    }
    if (isRefusal(outcome)) {
      if (outcome.log) request.log[outcome.log.level](outcome.log.fields, outcome.log.msg);
      sendProblem(reply, outcome.code);
      return;
    }
    sendProblem(reply, BEFORE_ROUTING[error.code] ?? "BAD_REQUEST");
  };
}
