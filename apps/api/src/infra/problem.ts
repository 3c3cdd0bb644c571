import type { ErrorCode, Problem } from "@todo/tasks";
import type { FastifyReply } from "fastify";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  413: "Content Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export type FieldError = NonNullable<Problem["errors"]>[number];

/**
 * An RFC 9457 problem. `type` stays "about:blank" (the status says it all) and `code` is the
 * stable machine-readable reason. Nothing from the request is copied into `detail` except
 * field paths, which are names from our own schemas.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly detail: string,
    readonly options: {
      readonly errors?: FieldError[];
      readonly headers?: Readonly<Record<string, string>>;
    } = {},
  ) {
    super(detail);
  }
}

export function problemBody(
  status: number,
  code: ErrorCode,
  detail: string,
  extra: Partial<Pick<Problem, "errors" | "requestId">> = {},
): Problem {
  return {
    type: "about:blank",
    title: TITLES[status] ?? "Error",
    status,
    detail,
    code,
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, problem: HttpProblem): FastifyReply {
  const { status, code, detail, options } = problem;
  if (options.headers) reply.headers(options.headers);
  const body = problemBody(status, code, detail, options.errors ? { errors: options.errors } : {});
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(body);
}

/**
 * A refusal given on the request path itself (401, 429, 503 from the guard, see guard.ts): its
 * body is the same JSON `sendProblem` writes, serialised once instead of on every refusal.
 */
export interface PreparedProblem {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export function prepareProblem(problem: HttpProblem): PreparedProblem {
  const { status, code, detail, options } = problem;
  return {
    status,
    headers: { ...options.headers, "content-type": PROBLEM_CONTENT_TYPE },
    // Bytes, so the content type goes out as set (Fastify adds a charset to string bodies).
    body: Buffer.from(JSON.stringify(problemBody(status, code, detail))),
  };
}

export function sendPrepared(reply: FastifyReply, problem: PreparedProblem): FastifyReply {
  return reply.code(problem.status).headers(problem.headers).send(problem.body);
}
