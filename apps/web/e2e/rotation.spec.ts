import { randomBytes } from "node:crypto";
import { type APIRequestContext, test as base, expect } from "@playwright/test";
import { newAccount } from "./support/fixtures";
import { API_URL, restartApi, restartWeb, serviceEnv, WEB_URL } from "./support/services";

const token = async (request: APIRequestContext) => {
  const response = await request.get(`${WEB_URL}/api/auth/token`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { token: string }).token;
};
const status = async (request: APIRequestContext, bearer: string) =>
  (
    await request.get(`${API_URL}/api/me`, { headers: { authorization: `Bearer ${bearer}` } })
  ).status();

// The documented procedure (docs/running.md, "Rotating the token secret"), step by step, against the
// running services. Every request at every step succeeds; only a token signed with the dropped
// secret is refused at the end, and by then it has expired anyway.
base("rotating JWT_SECRET fails no request at any step", async ({ request }) => {
  base.setTimeout(90_000);
  const oldSecret = serviceEnv().JWT_SECRET ?? "";
  const newSecret = randomBytes(32).toString("base64url");
  const account = newAccount("Rotation");
  await request.post(`${WEB_URL}/api/auth/sign-up/email`, {
    headers: { origin: WEB_URL },
    data: account,
  });
  const signedWithOld = await token(request);
  expect(await status(request, signedWithOld)).toBe(200);
  try {
    // 1. The API verifies with both secrets.
    await restartApi({ JWT_SECRET: newSecret, JWT_PREVIOUS_SECRETS: oldSecret });
    expect(await status(request, signedWithOld)).toBe(200);
    expect(await status(request, await token(request))).toBe(200);

    // 2. The web app signs with the new secret; the session survives the restart.
    await restartWeb({ JWT_SECRET: newSecret, JWT_PREVIOUS_SECRETS: oldSecret });
    const signedWithNew = await token(request);
    expect(signedWithNew).not.toBe(signedWithOld);
    expect(await status(request, signedWithNew)).toBe(200);
    expect(await status(request, signedWithOld)).toBe(200);

    // 3. One token lifetime later, the old secret is dropped everywhere (both at once).
    const dropped = { JWT_SECRET: newSecret, JWT_PREVIOUS_SECRETS: "" };
    await Promise.all([restartApi(dropped), restartWeb(dropped)]);
    expect(await status(request, await token(request))).toBe(200);
    expect(await status(request, signedWithOld)).toBe(401);
  } finally {
    // Back to this run's configuration for the tests that follow.
    await Promise.all([restartApi(), restartWeb()]);
  }
});
