import type { ErrorCode } from "@todo/contract";
import { type ProblemDetails, problemAnswer, problemStatus } from "@todo/contract/problems";
import type { FastifyReply } from "fastify";

/**
 * An error answer thrown from a route or a hook: a code from the problem catalogue
 * (@todo/contract/problems) and what varies per answer. The error handler sends it.
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

interface PreparedAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Bytes, so the content type goes out exactly as set (Fastify adds a charset to strings). */
  readonly body: Buffer;
}

function prepare(code: ErrorCode, details?: ProblemDetails): PreparedAnswer {
  const { status, headers, body } = problemAnswer(code, details);
  return { status, headers, body: Buffer.from(body) };
}

/** The catalogue's answers without details, serialised once: a refusal repeats the same bytes. */
const plain = new Map<ErrorCode, PreparedAnswer>();

/** Sends a catalogued problem through Fastify's reply, so every hook (headers, log) sees it. */
export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  details?: ProblemDetails,
): FastifyReply {
  let answer: PreparedAnswer | undefined;
  if (details === undefined) {
    answer = plain.get(code);
    if (answer === undefined) {
      answer = prepare(code);
      plain.set(code, answer);
    }
  } else {
    answer = prepare(code, details);
  }
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
}
