import { type APIRequestContext, expect, test } from "@playwright/test";
import { bearerFor, newAccount, signUpWith } from "./support/fixtures";
import { API_URL, FASTAPI_URL, pythonAvailable, WEB_URL } from "./support/services";

// Revocation reaches every verifier that serves the users (docs/contract.md, "Revocation"): the
// Fastify API and the FastAPI example, which reads the same record through the Python package.
const available = pythonAvailable();
if (!available && process.env.CI) {
  throw new Error(
    "/usr/bin/python3 lacks fastapi, uvicorn or jwt: the e2e FastAPI spec needs them",
  );
}
if (!available) {
  process.stderr.write(
    "\nNOTICE: revocation-verifiers.spec.ts is SKIPPED: /usr/bin/python3 lacks fastapi, uvicorn or jwt\n\n",
  );
}
test.skip(!available, "Debian's python3-fastapi, python3-uvicorn and python3-jwt are missing");

const VERIFIERS = { api: `${API_URL}/api/tasks`, fastapi: `${FASTAPI_URL}/api/tasks` };

/** Polls both services every 50 ms until each refuses the token; the milliseconds each took. */
async function refusedWithin(
  request: APIRequestContext,
  headers: { authorization: string },
  since: number,
): Promise<Record<keyof typeof VERIFIERS, number>> {
  const times = {} as Record<keyof typeof VERIFIERS, number>;
  await Promise.all(
    (Object.keys(VERIFIERS) as (keyof typeof VERIFIERS)[]).map(async (name) => {
      await expect
        .poll(async () => (await request.get(VERIFIERS[name], { headers })).status(), {
          timeout: 5000,
          intervals: [50],
        })
        .toBe(401);
      times[name] = Date.now() - since;
    }),
  );
  return times;
}

async function statuses(request: APIRequestContext, headers: { authorization: string }) {
  return Promise.all(
    Object.values(VERIFIERS).map(async (url) => (await request.get(url, { headers })).status()),
  );
}

async function signIn(request: APIRequestContext, email: string, password: string) {
  const response = await request.post(`${WEB_URL}/api/auth/sign-in/email`, {
    headers: { origin: WEB_URL },
    data: { email, password },
  });
  expect(response.status()).toBe(200);
}

test("after a sign-out both the API and the FastAPI verifier refuse the token within 2 s", async ({
  playwright,
}) => {
  const device = await playwright.request.newContext();
  await signUpWith(device, newAccount("Two Verifiers"));
  const token = await bearerFor(device);
  expect(await statuses(device, token)).toEqual([200, 200]);

  const since = Date.now();
  const signOut = await device.post(`${WEB_URL}/api/auth/sign-out`, {
    headers: { origin: WEB_URL },
    data: {},
  });
  expect(signOut.status()).toBe(200);
  const times = await refusedWithin(device, token, since);
  expect(times.api).toBeLessThanOrEqual(2000);
  expect(times.fastapi).toBeLessThanOrEqual(2000);
  await device.dispose();
});

test("'sign out other devices' reaches both verifiers through the user's cut-off, and spares this device", async ({
  playwright,
}) => {
  const account = newAccount("Other Devices");
  const here = await playwright.request.newContext();
  await signUpWith(here, account);
  const phone = await playwright.request.newContext();
  await signIn(phone, account.email, account.password);
  const hereToken = await bearerFor(here);
  const phoneToken = await bearerFor(phone);
  expect(await statuses(phone, phoneToken)).toEqual([200, 200]);

  const since = Date.now();
  const revoke = await here.post(`${WEB_URL}/api/auth/revoke-other-sessions`, {
    headers: { origin: WEB_URL },
    data: {},
  });
  expect(revoke.status()).toBe(200);
  const times = await refusedWithin(phone, phoneToken, since);
  expect(Math.max(times.api, times.fastapi)).toBeLessThanOrEqual(2000);
  expect(await statuses(here, hereToken)).toEqual([200, 200]);
  // The phone's session is gone: no new token either.
  expect((await phone.get(`${WEB_URL}/api/auth/token`)).status()).toBe(401);
  await here.dispose();
  await phone.dispose();
});
