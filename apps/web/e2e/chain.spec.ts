import { test as base, expect } from "@playwright/test";
import { newAccount } from "./support/fixtures";
import { API_URL, WEB_URL } from "./support/services";

// The whole chain over HTTP, no browser: Better Auth session -> access token -> API -> sign-out.
base(
  "sign up, fetch a token, call the API, sign out, and the token endpoint refuses",
  async ({ request }) => {
    const account = newAccount("Chain");
    const signUp = await request.post(`${WEB_URL}/api/auth/sign-up/email`, {
      headers: { origin: WEB_URL },
      data: account,
    });
    expect(signUp.status()).toBe(200);
    const cookie = signUp.headers()["set-cookie"] ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const issued = await request.get(`${WEB_URL}/api/auth/token`);
    expect(issued.status()).toBe(200);
    expect(issued.headers()["cache-control"]).toBe("no-store");
    const { token, expiresAt } = (await issued.json()) as { token: string; expiresAt: string };
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());

    const auth = { authorization: `Bearer ${token}` };
    const created = await request.post(`${API_URL}/api/tasks`, {
      headers: auth,
      data: { title: "Chained" },
    });
    expect(created.status()).toBe(201);
    const me = await request.get(`${API_URL}/api/me`, { headers: auth });
    expect((await me.json()).email).toBe(account.email);

    const signOut = await request.post(`${WEB_URL}/api/auth/sign-out`, {
      headers: { origin: WEB_URL },
      data: {},
    });
    expect(signOut.status()).toBe(200);
    expect((await request.get(`${WEB_URL}/api/auth/token`)).status()).toBe(401);
  },
);
