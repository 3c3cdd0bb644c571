import { describe, expect, it } from "vitest";
import { cachedProbe, READINESS_CACHE_MS } from "./health.routes.js";

describe("the readiness probe", () => {
  it("shares one ping between concurrent callers and reuses its outcome for about a second", async () => {
    let now = 1_000_000;
    let pings = 0;
    let fail = false;
    const probe = cachedProbe(
      async () => {
        pings += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (fail) throw new Error("down");
      },
      () => now,
    );
    await Promise.all(Array.from({ length: 50 }, () => probe()));
    expect(pings).toBe(1);
    now += READINESS_CACHE_MS - 1;
    await probe();
    expect(pings).toBe(1);
    now += 1;
    fail = true;
    await expect(probe()).rejects.toThrow("down");
    expect(pings).toBe(2);
    // A failure is cached too: a flood of probes during an outage does not hammer the database.
    await expect(probe()).rejects.toThrow("down");
    expect(pings).toBe(2);
  });
});
