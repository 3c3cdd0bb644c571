import { isIPv6 } from "node:net";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Redis } from "ioredis";
import type { RateLimitSettings } from "../config.js";
import { HttpProblem } from "./problem.js";

/**
 * The liveness probe does no I/O and must not be starved by a limit. The readiness probe touches
 * the database (through a short cache, see health.routes.ts), so it is limited like any route.
 */
const UNLIMITED = new Set(["/healthz"]);

/**
 * The per-address key: an IPv4 address as is (also when written IPv4-mapped, ::ffff:a.b.c.d), an
 * IPv6 address by its /64, the smallest block one subscriber gets; counting single IPv6 addresses
 * would give a client 2^64 fresh buckets. The web app's limiter (Better Auth) groups the same way.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const headParts = head ? head.split(":") : [];
  const tailParts = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...headParts, ...Array(8 - headParts.length - tailParts.length).fill("0"), ...tailParts]
    : headParts;
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(":")}::/64`;
}

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
    keyGenerator: (request) => `ip:${addressKey(request.ip)}`,
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
