import { MeSchema } from "@todo/contract";
import { problemResponses } from "@todo/contract/problems";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { principalOf } from "../../infra/authenticate.js";
import { methodNotAllowed } from "../../infra/route-helpers.js";

export const meRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/me",
    {
      schema: {
        tags: ["account"],
        summary: "Who the access token says you are",
        description: "Read from the token alone; the API keeps no session.",
        security: [{ bearerAuth: [] }],
        response: { 200: MeSchema, ...problemResponses(401, 429) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return {
        id: principal.userId,
        email: principal.email,
        name: principal.name,
        sessionId: principal.sessionId,
        tokenExpiresAt: principal.expiresAt.toISOString(),
      };
    },
  );
  methodNotAllowed(app, "/api/me", ["GET"]);
};
