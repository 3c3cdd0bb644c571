import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Redis } from "ioredis";
import type { RateLimitSettings } from "../config.js";
import { HttpProblem } from "./problem.js";

/** Probes are polled by orchestrators and must not be starved by a limit. */
const UNLIMITED = new Set(["/healthz", "/readyz"]);

type Limiter = ReturnType<FastifyInstance["createRateLimit"]>;

async function enforce(limiter: Limiter, request: FastifyRequest, scope: string): Promise<void> {
  const result = await limiter(request);
  if (result.isAllowed || !result.isExceeded) return;
  request.log.warn({ event: "rate_limit.exceeded", scope }, "rate limit exceeded");
  throw new HttpProblem(429, "RATE_LIMITED", "Too many requests; slow down and retry later.", {
    headers: { "retry-after": String(Math.max(1, result.ttlInSeconds)) },
  });
}

/**
 * Two fixed-window limits: per client address before authentication (so token guessing is
 * slow), per user after it (so one account cannot monopolise the service from many addresses).
 * Counters live in Redis when configured, shared by every instance; in memory otherwise. If
 * Redis fails, requests are let through (skipOnError) rather than the whole API going down.
 *
 * Call it twice: `before: true` ahead of authentication, then again after it.
 */
export async function registerRateLimitPlugin(
  app: FastifyInstance,
  redis: Redis | undefined,
): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    skipOnError: true,
    nameSpace: "todo-api:rate:",
    ...(redis ? { redis } : {}),
  });
}

export function registerIpRateLimit(app: FastifyInstance, settings: RateLimitSettings): void {
  const perIp = app.createRateLimit({
    max: settings.perIp,
    timeWindow: settings.windowMs,
    keyGenerator: (request) => `ip:${request.ip}`,
  });
  app.addHook("onRequest", async (request) => {
    if (UNLIMITED.has(request.routeOptions.url ?? "")) return;
    await enforce(perIp, request, "ip");
  });
}

export function registerUserRateLimit(app: FastifyInstance, settings: RateLimitSettings): void {
  const perUser = app.createRateLimit({
    max: settings.perUser,
    timeWindow: settings.windowMs,
    keyGenerator: (request) => `user:${request.principal?.userId ?? ""}`,
  });
  app.addHook("onRequest", async (request) => {
    if (!request.principal) return;
    await enforce(perUser, request, "user");
  });
}
