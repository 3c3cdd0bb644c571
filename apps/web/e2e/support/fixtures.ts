import { randomUUID } from "node:crypto";
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  test as base,
  expect,
  type Page,
} from "@playwright/test";
import { tasksAppHydrated } from "./hydration";
import { WEB_URL } from "./services";

export interface Account {
  name: string;
  email: string;
  password: string;
}

export function newAccount(name = "Test User"): Account {
  return { name, email: `e2e-${randomUUID()}@example.test`, password: "a long enough passphrase" };
}

/** Signs up through Better Auth's real endpoint; the session cookie stays in `request`. */
export async function signUpWith(
  request: APIRequestContext,
  account: Account = newAccount(),
): Promise<Account> {
  const response = await request.post(`${WEB_URL}/api/auth/sign-up/email`, {
    headers: { origin: WEB_URL },
    data: account,
  });
  expect(response.status()).toBe(200);
  return account;
}

/** Signs up in this page's context (its cookies). */
export function signUp(page: Page, account: Account = newAccount()): Promise<Account> {
  return signUpWith(page.request, account);
}

/** An Authorization header with an access token for the session `request` holds. */
/** Another browser (its own cookies) signed in to the same account: a second device. */
export async function anotherDevice(browser: Browser, account: Account): Promise<BrowserContext> {
  const device = await browser.newContext({ baseURL: WEB_URL });
  const signIn = await device.request.post("/api/auth/sign-in/email", {
    headers: { origin: WEB_URL },
    data: { email: account.email, password: account.password },
  });
  expect(signIn.status()).toBe(200);
  return device;
}

export async function bearerFor(request: APIRequestContext): Promise<{ authorization: string }> {
  const response = await request.get(`${WEB_URL}/api/auth/token`);
  expect(response.status()).toBe(200);
  const { token } = (await response.json()) as { token: string };
  return { authorization: `Bearer ${token}` };
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
  /**
   * console.error messages that a test expects (e.g. failed requests while the API is down).
   * Give one pattern with alternatives (`[/a|b/]`): Playwright reads a two-element array given to
   * `test.use` as `[value, options]`.
   */
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
    // The tasks page arrives with its first tasks rendered on the server and looks ready before
    // React has hydrated it: a key or a click before then does nothing. A test's navigation to it
    // returns once it responds, as a person waits for a page to respond.
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      const rendered = (await page.locator(".tasks-layout").count()) > 0;
      if (new URL(page.url()).pathname === "/tasks" && rendered) await tasksAppHydrated(page);
      return response;
    };
    await use(page);
    expect(errors, "unexpected console errors").toEqual([]);
  },
});

export { expect };
