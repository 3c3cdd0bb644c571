import { type APIRequestContext, expect, test } from "@playwright/test";
import { bearerFor, newAccount, signUpWith } from "./support/fixtures";
import { API_URL, startSecondWeb, WEB_PORT, WEB_URL } from "./support/services";

// Two web app instances behind one name, on PostgreSQL and Redis as in production: whichever
// instance ends the sessions, every session is revoked at the API, and neither instance mints
// a token for a session the other one ended (the per-user cut-off lives in the shared database).
const SECOND_PORT = WEB_PORT + 17;
const SECOND_URL = `http://localhost:${SECOND_PORT}`;

test.describe("two web app instances on PostgreSQL and Redis", () => {
  test.skip(
    process.env.E2E_DATABASE !== "postgres",
    "runs with E2E_DATABASE=postgres (PostgreSQL and Redis), as npm run test:e2e:postgres does",
  );
  let stopSecond: () => Promise<void>;
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    stopSecond = await startSecondWeb(SECOND_PORT);
  });
  test.afterAll(async () => {
    await stopSecond?.();
  });

  /** A device signed in through `base` (one instance or the other). */
  async function device(
    playwright: { request: { newContext(): Promise<APIRequestContext> } },
    base: string,
    account: { email: string; password: string },
  ) {
    const context = await playwright.request.newContext();
    const response = await context.post(`${base}/api/auth/sign-in/email`, {
      // Both instances serve one origin (BETTER_AUTH_URL): the browser's Origin is that one.
      headers: { origin: WEB_URL },
      data: account,
    });
    expect(response.status()).toBe(200);
    const minted = await context.get(`${base}/api/auth/token`);
    expect(minted.status()).toBe(200);
    const { token } = (await minted.json()) as { token: string };
    return { context, headers: { authorization: `Bearer ${token}` } };
  }
  const apiStatus = async (request: APIRequestContext, headers: { authorization: string }) =>
    (await request.get(`${API_URL}/api/me`, { headers })).status();

  test("'sign out other devices' on one instance revokes the sessions made on both, within a second", async ({
    playwright,
  }) => {
    const account = newAccount("Two Instances");
    const here = await playwright.request.newContext();
    await signUpWith(here, account);
    const hereToken = await bearerFor(here);
    const others = [
      await device(playwright, WEB_URL, account),
      await device(playwright, SECOND_URL, account),
      await device(playwright, SECOND_URL, account),
    ];
    for (const other of others) expect(await apiStatus(other.context, other.headers)).toBe(200);

    const since = Date.now();
    const revoke = await here.post(`${SECOND_URL}/api/auth/revoke-other-sessions`, {
      headers: { origin: WEB_URL },
      data: {},
    });
    expect(revoke.status()).toBe(200);
    for (const other of others) {
      await expect
        .poll(() => apiStatus(other.context, other.headers), { timeout: 5000, intervals: [50] })
        .toBe(401);
    }
    expect(Date.now() - since).toBeLessThanOrEqual(1000);
    expect(await apiStatus(here, hereToken)).toBe(200);
    // Neither instance mints for an ended session.
    for (const other of others) {
      expect((await other.context.get(`${WEB_URL}/api/auth/token`)).status()).toBe(401);
      expect((await other.context.get(`${SECOND_URL}/api/auth/token`)).status()).toBe(401);
      await other.context.dispose();
    }

    // A password change on the other instance: the remaining session is replaced, its old token
    // refused, the new session's token accepted.
    const changed = await here.post(`${WEB_URL}/api/auth/change-password`, {
      headers: { origin: WEB_URL },
      data: { currentPassword: account.password, newPassword: "another long passphrase" },
    });
    expect(changed.status()).toBe(200);
    await expect
      .poll(() => apiStatus(here, hereToken), { timeout: 5000, intervals: [50] })
      .toBe(401);
    const renewed = await here.get(`${SECOND_URL}/api/auth/token`);
    expect(renewed.status()).toBe(200);
    const { token } = (await renewed.json()) as { token: string };
    expect(await apiStatus(here, { authorization: `Bearer ${token}` })).toBe(200);
    await here.dispose();
  });
});
