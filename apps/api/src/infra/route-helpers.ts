import type { FastifyInstance } from "fastify";
import { sendProblem } from "./problem.js";

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
    handler: (_request, reply) => sendProblem(reply, "METHOD_NOT_ALLOWED", { headers: { allow } }),
  });
}
