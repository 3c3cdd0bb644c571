import { ERROR_CODES, type ErrorCode } from "./error-codes.js";
import { type Problem, ProblemSchema } from "./problem.js";
import { PROBLEMS, TITLES } from "./problem-catalogue.js";

export { PROBLEMS, type ProblemDefinition } from "./problem-catalogue.js";

/** The one media type of every error answer, in both services (RFC 9457 §3). */
export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export type FieldError = NonNullable<Problem["errors"]>[number];

/** What may vary between two answers with the same code. */
export interface ProblemDetails {
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  readonly requestId?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A problem answer ready to write: status, every header (content type included) and body. */
export interface ProblemAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * The one writer of problem answers (RFC 9457). `type` stays "about:blank" (the status says it
 * all) and `code` is the stable machine-readable reason.
 */
export function problemAnswer(code: ErrorCode, details: ProblemDetails = {}): ProblemAnswer {
  const { status, detail, headers } = PROBLEMS[code];
  const body: Problem = {
    type: "about:blank",
    title: TITLES[status] ?? "Error",
    status,
    detail: details.detail ?? detail,
    code,
    ...(details.requestId === undefined ? {} : { requestId: details.requestId }),
    ...(details.errors === undefined ? {} : { errors: [...details.errors] }),
  };
  return {
    status,
    headers: { ...headers, ...details.headers, "content-type": PROBLEM_CONTENT_TYPE },
    body: JSON.stringify(body),
  };
}

/** The status of a code, for callers that branch on it. */
export function problemStatus(code: ErrorCode): number {
  return PROBLEMS[code].status;
}

/**
 * The problem responses of a route for its OpenAPI schema: each status described by the codes
 * that answer with it, so the document lists every answer a route can give.
 */
export function problemResponses<const S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => {
      const reasons = ERROR_CODES.filter((code) => PROBLEMS[code].status === status).map(
        (code) => `\`${code}\`: ${PROBLEMS[code].description}`,
      );
      return [status, ProblemSchema.describe(reasons.join("; ") || "Problem details")];
    }),
  ) as Record<S, typeof ProblemSchema>;
}
