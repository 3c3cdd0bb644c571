import { randomUUID } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";
import { WEB_URL } from "./services";

export interface Account {
  name: string;
  email: string;
  password: string;
}

export function newAccount(name = "Test User"): Account {
  return { name, email: `e2e-${randomUUID()}@example.test`, password: "a long enough passphrase" };
}

/** Signs up through Better Auth's real endpoint in this page's context (its cookies). */
export async function signUp(page: Page, account: Account = newAccount()): Promise<Account> {
  const response = await page.request.post(`${WEB_URL}/api/auth/sign-up/email`, {
    headers: { origin: WEB_URL },
    data: account,
  });
  expect(response.status()).toBe(200);
  return account;
}

/** Everything a token could hide in, as seen from the page's JavaScript. */
export async function readableStorage(page: Page): Promise<string> {
  return page.evaluate(() =>
    JSON.stringify({
      local: { ...localStorage },
      session: { ...sessionStorage },
      cookie: document.cookie,
      url: location.href,
    }),
  );
}

interface Fixtures {
  /** console.error messages that a test expects (e.g. failed requests while the API is down). */
  allowConsoleErrors: RegExp[];
}

/** Any unexpected console.error fails the test. */
export const test = base.extend<Fixtures>({
  allowConsoleErrors: [[], { option: true }],
  page: async ({ page, allowConsoleErrors }, use) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const text = message.text();
      if (!allowConsoleErrors.some((pattern) => pattern.test(text))) errors.push(text);
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await use(page);
    expect(errors, "unexpected console errors").toEqual([]);
  },
});

export { expect };
