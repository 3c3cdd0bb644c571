import { expect, test } from "@playwright/test";
import { API_URL, startApi, stopApi } from "./support/services";

/**
 * The API's per-address limit and request ids over HTTP, with the API restarted behind a trusted
 * loopback proxy and a limit small enough to reach (the other specs run with it out of the way).
 */
test.describe("the API's per-address limit and request ids", () => {
  test.beforeAll(async () => {
    await stopApi();
    await startApi({ TRUST_PROXY: "loopback", RATE_LIMIT_PER_IP: "5" });
  });
  test.afterAll(async () => {
    await stopApi();
    await startApi();
  });

  const readyz = (request: import("@playwright/test").APIRequestContext, from: string) =>
    request.get(`${API_URL}/readyz`, { headers: { "x-forwarded-for": from } });

  test("/readyz is limited per address like every other route", async ({ request }) => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await readyz(request, "198.51.100.10")).status());
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await readyz(request, "198.51.100.10");
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
    expect(limited.headers()["content-type"]).toContain("application/problem+json");
    // Another address has a budget of its own.
    expect((await readyz(request, "198.51.100.11")).status()).toBe(200);
  });

  test("IPv6 clients share one budget per /64, and IPv4-mapped addresses count as IPv4", async ({
    request,
  }) => {
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++)
      statuses.push((await readyz(request, `2001:db8:0:7::${i}`)).status());
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // The next /64 is another client.
    expect((await readyz(request, "2001:db8:0:8::1")).status()).toBe(200);
    for (let i = 0; i < 5; i++) await readyz(request, "198.51.100.20");
    expect((await readyz(request, "::ffff:198.51.100.20")).status()).toBe(429);
  });

  test("a client X-Request-Id is kept only when short and of safe characters", async ({
    request,
  }) => {
    const withId = (id: string, from: string) =>
      request.get(`${API_URL}/healthz`, {
        headers: { "x-request-id": id, "x-forwarded-for": from },
      });
    expect((await withId("trace-0001.abc_DEF", "198.51.100.30")).headers()["x-request-id"]).toBe(
      "trace-0001.abc_DEF",
    );
    for (const hostile of [
      "<script>alert(1)</script>",
      "x".repeat(200),
      "a b c d e f g h",
      "short",
    ]) {
      const answered = (await withId(hostile, "198.51.100.31")).headers()["x-request-id"];
      expect(answered).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
      expect(answered).not.toBe(hostile);
    }
  });
});
