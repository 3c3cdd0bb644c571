import type { APIRequestContext } from "@playwright/test";
import { anotherDevice, bearerFor, expect, newAccount, signUp, test } from "./support/fixtures";
import { API_URL, serviceLog, startApi, stopApi, WEB_URL } from "./support/services";

// A revoked token's one refusal before the page fetches a new one shows as a failed load.
test.use({ allowConsoleErrors: [/status of 401/] });

/** The API's answer to a token, polled until it is `expected` (the feed needs up to a second). */
async function expectApiStatus(
  request: APIRequestContext,
  headers: { authorization: string },
  expected: number,
) {
  await expect
    .poll(async () => (await request.get(`${API_URL}/api/tasks`, { headers })).status(), {
      timeout: 5000,
      intervals: [100],
    })
    .toBe(expected);
}

test("signing out makes that session's unexpired token fail at the API, and only that session's", async ({
  page,
  browser,
}) => {
  const account = await signUp(page);
  const laptop = await bearerFor(page.request);
  const phone = await anotherDevice(browser, account);
  const phoneToken = await bearerFor(phone.request);
  await expectApiStatus(page.request, laptop, 200);

  await page.goto("/tasks");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  const refused = await (async () => {
    await expectApiStatus(page.request, laptop, 401);
    return page.request.get(`${API_URL}/api/tasks`, { headers: laptop });
  })();
  expect(refused.headers()["www-authenticate"]).toContain('error="invalid_token"');
  await expectApiStatus(page.request, phoneToken, 200);
  // The API buffers its log and flushes it when it stops.
  await stopApi();
  expect(serviceLog("api")).toContain('"reason":"revoked"');
  await startApi();
  await phone.close();
});

test("the account page lists the sessions, ends one, then all others", async ({
  page,
  browser,
}) => {
  const account = await signUp(page);
  const phone = await anotherDevice(browser, account);
  const tablet = await anotherDevice(browser, account);
  const phoneToken = await bearerFor(phone.request);
  const tabletToken = await bearerFor(tablet.request);
  const mine = await bearerFor(page.request);

  await page.goto("/account");
  const sessions = page.getByRole("list", { name: "Sessions" }).getByRole("listitem");
  await expect(sessions).toHaveCount(3);
  await expect(sessions.first()).toContainText("This device");
  await expect(sessions.first()).toContainText("Chrome on Linux");

  await sessions
    .nth(1)
    .getByRole("button", { name: /^Sign out/ })
    .click();
  await expect(sessions).toHaveCount(2);
  const status = async (headers: { authorization: string }) =>
    (await page.request.get(`${API_URL}/api/tasks`, { headers })).status();
  // Exactly one of the two other devices is signed out.
  await expect
    .poll(async () => [await status(phoneToken), await status(tabletToken)].sort().join(), {
      timeout: 5000,
    })
    .toBe("200,401");

  await page.getByRole("button", { name: "Sign out all other devices" }).click();
  await expect(sessions).toHaveCount(1);
  await expectApiStatus(page.request, phoneToken, 401);
  await expectApiStatus(page.request, tabletToken, 401);
  await expectApiStatus(page.request, mine, 200);
  await phone.close();
  await tablet.close();
});

test("account deletion refuses every token of the user, and a restarted API still does", async ({
  page,
  browser,
}) => {
  const account = await signUp(page);
  const phone = await anotherDevice(browser, account);
  const phoneToken = await bearerFor(phone.request);
  const response = await page.request.post("/api/auth/delete-user", {
    headers: { origin: WEB_URL },
    data: { password: account.password },
  });
  expect(response.status()).toBe(200);
  await expectApiStatus(page.request, phoneToken, 401);

  await stopApi();
  await startApi();
  await expectApiStatus(page.request, phoneToken, 401);
  await phone.close();
});

test("signing out in one tab takes the other tab to the sign-in page without a reload", async ({
  page,
}) => {
  await signUp(page, newAccount("Two Tabs"));
  const other = await page.context().newPage();
  // The sessions list renders once the page's scripts run: both tabs are then listening.
  for (const tab of [page, other]) {
    await tab.goto("/account");
    await expect(tab.getByText("This device")).toBeVisible();
  }

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(other).toHaveURL(/\/sign-in/, { timeout: 5000 });
  await other.close();
});

test("a password change refuses every token minted before it; the tab that changed it carries on", async ({
  page,
  browser,
}) => {
  const account = await signUp(page, newAccount("Rotating"));
  const phone = await anotherDevice(browser, account);
  const phoneToken = await bearerFor(phone.request);
  const before = await bearerFor(page.request);
  await page.goto("/tasks");
  await page.getByPlaceholder("What needs doing?").fill("Before the change");
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Before the change" })).toBeVisible();

  // Changed from this browser (the page's cookies), while the tasks page holds its old token.
  const change = await page.request.post("/api/auth/change-password", {
    headers: { origin: WEB_URL },
    data: { currentPassword: account.password, newPassword: "another long passphrase" },
  });
  expect(change.status()).toBe(200);
  await expectApiStatus(page.request, phoneToken, 401);
  await expectApiStatus(page.request, before, 401);

  // The page's next request is refused once, fetches a new token with the new cookie, and goes on.
  await page.getByPlaceholder("What needs doing?").fill("After the change");
  await page.getByRole("button", { name: "Add" }).click();
  const after = page.getByRole("listitem").filter({ hasText: "After the change" });
  await expect(after).toBeVisible();
  // Saved, not only drawn: the reload below must not cut the retried request short.
  await expect(after).not.toHaveClass(/pending/);
  await expect(page).toHaveURL(/\/tasks$/);
  await page.reload();
  await expect(after).toBeVisible();
  await phone.close();
});
