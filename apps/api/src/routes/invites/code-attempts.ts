import type { Counters } from "@todo/auth/counters";
import type { SharingSettings } from "../../config.js";
import { HttpProblem } from "../../infra/problem.js";
import { addressKey, overLimit } from "../../infra/rate-limit.js";

/** Counts requests that name an invite code; refuses past the limit (429). */
export interface CodeAttempts {
  check(userId: string, address: string): Promise<void>;
}

/**
 * Invite codes are unguessable (256 bits), and guessing is made slow as well: every request that
 * names a code counts, per user and per client address, in the API's counters (rate-limit.ts:
 * Redis when configured, shared by every instance, memory while it is unreachable). Counting every
 * attempt, not only misses, means the answer to an attempt over the limit is the same 429 whether
 * the code was good or not, so the limit cannot be used as an oracle (ASVS 2.2.1, OWASP
 * API4:2023).
 */
export function createCodeAttempts(settings: SharingSettings, counters: Counters): CodeAttempts {
  const count = (scope: string, key: string) =>
    overLimit(counters, `invite-${scope}:${key}`, settings.codeAttempts, settings.codeWindowMs);
  return {
    async check(userId, address) {
      const over = (
        await Promise.all([count("user", userId), count("ip", addressKey(address))])
      ).filter((window) => window !== undefined);
      if (over.length === 0) return;
      const retryAfter = Math.max(...over.map((window) => window.retryAfter));
      throw new HttpProblem("RATE_LIMITED", {
        detail: "Too many invite code attempts; retry later.",
        headers: { "retry-after": String(retryAfter) },
      });
    },
  };
}
