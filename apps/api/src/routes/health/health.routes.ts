import type { Database } from "@todo/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { HttpProblem } from "../../infra/problem.js";
import type { RevocationSet } from "../../infra/revocations.js";
import { problemResponses } from "../../infra/route-helpers.js";

const StatusSchema = z.object({ status: z.string() });

export const healthRoutes: FastifyPluginAsyncZod<{
  database: Database;
  revocations: RevocationSet;
}> = async (app, options) => {
  app.get(
    "/healthz",
    {
      schema: {
        tags: ["health"],
        summary: "The process is up",
        response: { 200: StatusSchema },
      },
    },
    async () => ({ status: "ok" }),
  );

  app.get(
    "/readyz",
    {
      schema: {
        tags: ["health"],
        summary: "The database answers and the revocation set is current",
        response: { 200: StatusSchema, ...problemResponses(503) },
      },
    },
    async (request) => {
      try {
        await options.database.ping();
      } catch (error) {
        request.log.error({ err: error }, "readiness check failed");
        throw new HttpProblem(503, "DATABASE_UNAVAILABLE", "The database is not reachable.", {
          headers: { "retry-after": "5" },
        });
      }
      // An instance whose revocation set is behind keeps serving (decision 0010), but asks the
      // load balancer to prefer the others until it has caught up.
      if (options.revocations.health().stale) {
        request.log.warn({ event: "revocations.stale" }, "readiness: revocation set is stale");
        throw new HttpProblem(503, "REVOCATIONS_STALE", "The revocation set is not current.", {
          headers: { "retry-after": "5" },
        });
      }
      return { status: "ready" };
    },
  );
};
