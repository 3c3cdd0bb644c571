import { isIPv6 } from "node:net";
import {
  CounterStoreFullError,
  type Counters,
  memoryCounters,
  redisCounters,
  retryAfterSeconds,
  withFallback,
} from "@todo/auth/counters";
import type { Redis } from "ioredis";
import type { Refusal } from "./authenticate.js";

/**
 * The per-address key: an IPv4 address as is (also when written IPv4-mapped, ::ffff:a.b.c.d), an
 * IPv6 address by its /64, the smallest block one subscriber gets; counting single IPv6 addresses
 * would give a client 2^64 fresh buckets. The web app's limiter (Better Auth) groups the same way.
 */
export function addressKey(address: string): string {
  // The common case first: an IPv4 address has no colon, and needs no IPv6 parsing.
  if (!address.includes(":")) return address;
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

/** Requests per window per client address and per user (config.ts, RATE_LIMIT_*). */
export interface RateLimitSettings {
  /** Requests per window per client address, before authentication (slows token guessing). */
  readonly perIp: number;
  /** Requests per window per authenticated user, whatever address they come from. */
  readonly perUser: number;
  readonly windowMs: number;
}

type Scope = "ip" | "user";

const limited = (scope: Scope, retryAfter: number): Refusal => ({
  code: "RATE_LIMITED",
  headers: { "retry-after": String(retryAfter) },
  log: {
    level: "warn",
    msg: "rate limit exceeded",
    fields: { event: "rate_limit.exceeded", scope },
  },
});

export interface RateLimiter {
  /** Counts one request of `key`; the 429 when it is over its scope's limit. */
  hit(scope: Scope, key: string): Promise<Refusal | undefined>;
}

/**
 * The API's counters: the web app's (@todo/auth/counters), with its policy: shared in Redis when
 * configured, this instance's memory while Redis is unreachable, never failing open
 * (docs/decisions/0022-one-rate-limit-counter.md). Every limit of the API counts here.
 */
export function apiCounters(redis: Redis | undefined, onError: (error: unknown) => void): Counters {
  if (!redis) return memoryCounters();
  let warnedAt = Number.NEGATIVE_INFINITY;
  // Every request fails over while Redis is down: one warning per 10 s says so.
  const warn = (error: unknown) => {
    if (Date.now() - warnedAt < 10_000) return;
    warnedAt = Date.now();
    onError(error);
  };
  return withFallback(redisCounters(redis, "todo-api:rate:"), memoryCounters(), warn);
}

/**
 * Counts one hit of `key` against `max` per `windowMs`: the window when it is over the limit. A
 * full memory store refuses new keys: that counts as over (fail closed).
 */
export async function overLimit(
  counters: Counters,
  key: string,
  max: number,
  windowMs: number,
): Promise<{ readonly retryAfter: number } | undefined> {
  try {
    const window = await counters.hit(key, windowMs);
    return window.count > max ? { retryAfter: retryAfterSeconds(window) } : undefined;
  } catch (error) {
    if (error instanceof CounterStoreFullError) return { retryAfter: 1 };
    throw error;
  }
}

/**
 * Two fixed-window limits: per client address before authentication (so token guessing is
 * slow), per user after it (so one account cannot monopolise the service from many addresses).
 */
export function createRateLimiter(settings: RateLimitSettings, counters: Counters): RateLimiter {
  const max = { ip: settings.perIp, user: settings.perUser };
  return {
    async hit(scope, key) {
      const over = await overLimit(counters, `${scope}:${key}`, max[scope], settings.windowMs);
      return over ? limited(scope, over.retryAfter) : undefined;
    },
  };
}
