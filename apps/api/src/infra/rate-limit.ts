import { isIPv6 } from "node:net";
import type { Redis } from "ioredis";
import type { RateLimitSettings } from "../config.js";
import type { Refusal } from "./authenticate.js";
import { HttpProblem, prepareProblem } from "./problem.js";
import { lineEvent } from "./request-log.js";
import {
  memoryWindowCounter,
  redisWindowCounter,
  type WindowCount,
  type WindowCounter,
} from "./window-counter.js";

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

/** The two limits' counters: in Redis when configured (shared by every instance), else memory. */
export interface RateLimits {
  readonly settings: RateLimitSettings;
  readonly perIp: WindowCounter;
  readonly perUser: WindowCounter;
}

/**
 * Two fixed-window limits: per client address before authentication (so token guessing is
 * slow), per user after it (so one account cannot monopolise the service from many addresses).
 * If Redis fails, requests are let through rather than the whole API going down.
 */
export function createRateLimits(
  settings: RateLimitSettings,
  redis: Redis | undefined,
): RateLimits {
  const counter = (scope: string) =>
    redis
      ? redisWindowCounter(redis, settings.windowMs, `todo-api:rate:${scope}:`)
      : memoryWindowCounter(settings.windowMs);
  return { settings, perIp: counter("ip"), perUser: counter("user") };
}

// The body is the same for every 429; only Retry-After changes.
const RATE_LIMITED = prepareProblem(
  new HttpProblem(429, "RATE_LIMITED", "Too many requests; slow down and retry later."),
);
const LIMITED_LOG = {
  ip: lineEvent("warn", "rate limit exceeded", { event: "rate_limit.exceeded", scope: "ip" }),
  user: lineEvent("warn", "rate limit exceeded", { event: "rate_limit.exceeded", scope: "user" }),
};

/** The 429 for a count over `max`, or undefined while the count is within it (or unknown). */
export function overLimit(
  count: WindowCount | undefined,
  max: number,
  scope: keyof typeof LIMITED_LOG,
): Refusal | undefined {
  if (count === undefined || count.count <= max) return undefined;
  const retryAfter = String(Math.max(1, Math.ceil(count.resetInMs / 1000)));
  return {
    problem: { ...RATE_LIMITED, headers: { ...RATE_LIMITED.headers, "retry-after": retryAfter } },
    log: LIMITED_LOG[scope],
  };
}
