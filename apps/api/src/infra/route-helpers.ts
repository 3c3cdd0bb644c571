import { ProblemSchema } from "@todo/tasks";
import type { FastifyInstance } from "fastify";
import { HttpProblem, sendProblem } from "./problem.js";

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid request; `errors` names each field",
  401: "Missing, malformed, expired or otherwise invalid access token",
  403: "Your role on this list does not allow this (FORBIDDEN_FOR_ROLE)",
  404: "No such task or list (or it belongs to someone else: the answer is the same)",
  409: "Conflict",
  413: "Body larger than the limit",
  415: "Body is not application/json",
  429: "Rate limit exceeded; see Retry-After",
  503: "Database unavailable; see Retry-After",
};

/** Declares the problem responses of a route, so the OpenAPI document lists every answer. */
export function problemResponses<const S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      ProblemSchema.describe(PROBLEM_DESCRIPTIONS[status] ?? "Problem details"),
    ]),
  ) as Record<S, typeof ProblemSchema>;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * Answers 405 with an Allow header for the methods a path does not support, instead of the 404
 * Fastify would give. These routes sit behind authentication like their siblings.
 */
export function methodNotAllowed(app: FastifyInstance, url: string, allowed: readonly string[]) {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : [])].join(", ");
  app.route({
    method: METHODS.filter((method) => !allowed.includes(method)),
    url,
    schema: { hide: true },
    handler: (_request, reply) =>
      sendProblem(
        reply,
        new HttpProblem(405, "METHOD_NOT_ALLOWED", "This method is not allowed here.", {
          headers: { allow },
        }),
      ),
  });
}
