import type { Database } from "@todo/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { HttpProblem } from "../../infra/problem.js";
import { problemResponses } from "../../infra/route-helpers.js";

const StatusSchema = z.object({ status: z.string() });

export const healthRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, options) => {
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
        summary: "The database answers",
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
      return { status: "ready" };
    },
  );
};
