import type { Redis } from "ioredis";
import type { SharingSettings } from "../../config.js";
import { HttpProblem } from "../../infra/problem.js";
import { addressKey } from "../../infra/rate-limit.js";
import {
  memoryWindowCounter,
  redisWindowCounter,
  type WindowCount,
  type WindowCounter,
} from "../../infra/window-counter.js";

/** Counts requests that name an invite code; refuses past the limit (429). */
export interface CodeAttempts {
  check(userId: string, address: string): Promise<void>;
}

const hit = (counter: WindowCounter, key: string) =>
  new Promise<WindowCount | undefined>((resolve) => counter.hit(key, resolve));

/**
 * Invite codes are unguessable (256 bits), and guessing is made slow as well: every request that
 * names a code counts, per user and per client address, in the API's fixed-window counters
 * (Redis when configured, shared by every instance). Counting every attempt, not only misses,
 * means the answer to an attempt over the limit is the same 429 whether the code was good or
 * not, so the limit cannot be used as an oracle (ASVS 2.2.1, OWASP API4:2023). A counter store
 * that fails lets the request through, as the API's other limits do.
 */
export function createCodeAttempts(
  settings: SharingSettings,
  redis: Redis | undefined,
): CodeAttempts {
  const counter = (scope: string) =>
    redis
      ? redisWindowCounter(redis, settings.codeWindowMs, `todo-api:rate:invite-${scope}:`)
      : memoryWindowCounter(settings.codeWindowMs);
  const perUser = counter("user");
  const perAddress = counter("ip");
  return {
    async check(userId, address) {
      const [user, ip] = await Promise.all([
        hit(perUser, userId),
        hit(perAddress, addressKey(address)),
      ]);
      const over = [user, ip].filter(
        (count): count is WindowCount => count !== undefined && count.count > settings.codeAttempts,
      );
      if (over.length === 0) return;
      const wait = Math.max(...over.map((count) => count.resetInMs));
      throw new HttpProblem(429, "RATE_LIMITED", "Too many invite code attempts; retry later.", {
        headers: { "retry-after": String(Math.max(1, Math.ceil(wait / 1000))) },
      });
    },
  };
}
