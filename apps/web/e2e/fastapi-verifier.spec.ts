import { randomBytes } from "node:crypto";
import { test as base, expect } from "@playwright/test";
import { newAccount, signUp } from "./support/fixtures";
import {
  FASTAPI_URL,
  pythonAvailable,
  restartFastapi,
  serviceEnv,
  WEB_URL,
} from "./support/services";

// The contract outside TypeScript (docs/contract.md): the FastAPI example in verifiers/fastapi,
// started by the harness with the same environment as the API, accepts the web app's token.
const available = pythonAvailable();
if (!available && process.env.CI) {
  throw new Error(
    "/usr/bin/python3 lacks fastapi, uvicorn or jwt: the e2e FastAPI spec needs them",
  );
}
if (!available) {
  process.stderr.write(
    "\nNOTICE: fastapi-verifier.spec.ts is SKIPPED: /usr/bin/python3 lacks fastapi, uvicorn or jwt\n\n",
  );
}

base.skip(!available, "Debian's python3-fastapi, python3-uvicorn and python3-jwt are missing");

base(
  "the FastAPI verifier accepts the web app's token, and refuses it once its key is dropped",
  async ({ page }) => {
    base.setTimeout(60_000);
    await page.goto(`${WEB_URL}/sign-up`);
    const account = await signUp(page, newAccount("Python"));
    const response = await page.request.get(`${WEB_URL}/api/auth/token`);
    expect(response.status()).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const session = (await (await page.request.get(`${WEB_URL}/api/auth/get-session`)).json()) as {
      user: { id: string };
      session: { id: string };
    };

    const me = await page.request.get(`${FASTAPI_URL}/api/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status()).toBe(200);
    expect(await me.json()).toEqual({
      id: session.user.id,
      email: account.email,
      name: account.name,
      sessionId: session.session.id,
    });
    const tasks = await page.request.get(`${FASTAPI_URL}/api/tasks`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(tasks.status()).toBe(200);
    expect(await tasks.json()).toEqual({ items: [] });

    // A rotation that has dropped the token's key: new JWT_SECRET, no previous secret.
    try {
      await restartFastapi({
        JWT_SECRET: randomBytes(32).toString("base64url"),
        JWT_PREVIOUS_SECRETS: "",
      });
      const refused = await page.request.get(`${FASTAPI_URL}/api/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(refused.status()).toBe(401);
      expect(refused.headers()["content-type"]).toBe("application/problem+json");
      expect(refused.headers()["www-authenticate"]).toBe(
        'Bearer realm="todo-api", error="invalid_token"',
      );
      expect(await refused.text()).not.toContain(token.split(".")[1]);
    } finally {
      await restartFastapi({ JWT_SECRET: serviceEnv().JWT_SECRET ?? "" });
    }
  },
);
