import { problemResponses } from "@todo/contract/problems";
import type { Database } from "@todo/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { HttpProblem } from "../../infra/problem.js";
import type { RevocationSet } from "../../infra/revocations.js";

const StatusSchema = z.object({ status: z.string() });

/** How long one readiness answer is reused: the probe is public, so it must not cost a query each. */
export const READINESS_CACHE_MS = 1000;

/**
 * The database probe behind /readyz: one ping at a time (concurrent callers share the one in
 * flight), its outcome reused for READINESS_CACHE_MS.
 */
export function cachedProbe(ping: () => Promise<void>, now: () => number = Date.now) {
  let last: { at: number; outcome: Promise<void> } | undefined;
  return (): Promise<void> => {
    if (last && now() - last.at < READINESS_CACHE_MS) return last.outcome;
    const outcome = ping();
    const entry = { at: Number.POSITIVE_INFINITY, outcome };
    // In flight: shared by everyone; once settled, reused for the cache period from then.
    last = entry;
    outcome.then(
      () => {
        entry.at = now();
      },
      () => {
        entry.at = now();
      },
    );
    return outcome;
  };
}

export const healthRoutes: FastifyPluginAsyncZod<{
  database: Database;
  revocations: RevocationSet;
}> = async (app, options) => {
  const probe = cachedProbe(() => options.database.ping());
  app.get(
    "/healthz",
    {
      // A probe needs no token; the liveness probe does no I/O and must not be starved by a limit.
      config: { public: true, unlimited: true },
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
      // Touches the database (through a short cache), so it is limited like any route.
      config: { public: true },
      schema: {
        tags: ["health"],
        summary: "The database answers and the revocation set is current",
        response: { 200: StatusSchema, ...problemResponses(503) },
      },
    },
    async (request) => {
      try {
        await probe();
      } catch (error) {
        request.log.error({ err: error }, "readiness check failed");
        throw new HttpProblem("DATABASE_UNAVAILABLE", {
          detail: "The database is not reachable.",
        });
      }
      // An instance whose revocation set is behind keeps serving (decision 0010), but asks the
      // load balancer to prefer the others until it has caught up.
      if (options.revocations.health().stale) {
        request.log.warn({ event: "revocations.stale" }, "readiness: revocation set is stale");
        throw new HttpProblem("REVOCATIONS_STALE");
      }
      return { status: "ready" };
    },
  );
};
