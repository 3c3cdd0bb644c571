import type { ErrorCode } from "@todo/tasks";
import { type ProblemDetails, problemAnswer, problemStatus } from "@todo/tasks/problems";
import type { FastifyReply } from "fastify";

/**
 * An error answer thrown from a route or a hook: a code from the problem catalogue
 * (@todo/tasks/problems) and what varies per answer. The error handler sends it.
 */
export class HttpProblem extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details: ProblemDetails = {},
  ) {
    super(details.detail ?? code);
    this.status = problemStatus(code);
  }
}

/** Sends a catalogued problem through Fastify's reply, so every hook (headers, log) sees it. */
export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  details?: ProblemDetails,
): FastifyReply {
  const { status, headers, body } = problemAnswer(code, details);
  // Bytes, so the content type goes out exactly as set (Fastify adds a charset to strings).
  return reply.code(status).headers(headers).send(Buffer.from(body));
}
