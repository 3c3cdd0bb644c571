import { expect, newAccount, signUp, test } from "./support/fixtures";
import { API_URL, WEB_URL } from "./support/services";

// The wrong password is answered 400/401, which Chromium logs as a failed resource load.
test.use({ allowConsoleErrors: [/status of 40[01]/] });

test("deleting the account removes the user, the sessions and every task", async ({ page }) => {
  const account = await signUp(page, newAccount("Leaving"));
  await page.goto("/tasks");
  for (const title of ["One", "Two"]) {
    await page.getByPlaceholder("What needs doing?").fill(title);
    await page.getByRole("button", { name: "Add" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: title })).not.toHaveClass(/pending/);
  }
  const token = ((await (await page.request.get("/api/auth/token")).json()) as { token: string })
    .token;
  await page.goto("/account");
  await page.getByRole("button", { name: "Delete my account…" }).click();
  await page.getByLabel("Confirm with your password").fill("wrong password");
  await page.getByRole("button", { name: "Delete account and all tasks" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("not deleted");
  await page.getByLabel("Confirm with your password").fill(account.password);
  await page.getByRole("button", { name: "Delete account and all tasks" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // Signed out: no token, and the account is gone.
  expect((await page.request.get("/api/auth/token")).status()).toBe(401);
  const signIn = await page.request.post("/api/auth/sign-in/email", {
    headers: { origin: WEB_URL },
    data: { email: account.email, password: account.password },
  });
  expect(signIn.status()).toBe(401);
  // The still-unexpired token is refused within the revocation feed's second.
  await expect
    .poll(
      async () =>
        (
          await page.request.get(`${API_URL}/api/tasks`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).status(),
      { timeout: 5000 },
    )
    .toBe(401);
});

test("changing the password signs out every other session and keeps this one", async ({
  page,
  playwright,
}) => {
  const account = await signUp(page, newAccount("Changer"));
  const elsewhere = await playwright.request.newContext();
  try {
    const other = await elsewhere.post(`${WEB_URL}/api/auth/sign-in/email`, {
      headers: { origin: WEB_URL },
      data: { email: account.email, password: account.password },
    });
    expect(other.status()).toBe(200);
    await page.goto("/account");
    await page.getByLabel("Current password").fill("not my password");
    await page.getByLabel("New password").fill("a brand new passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText(
      "current password is not right",
    );
    await page.getByLabel("Current password").fill(account.password);
    await page.getByLabel("New password").fill("a brand new passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Password changed" })).toBeVisible();
    expect((await elsewhere.get(`${WEB_URL}/api/auth/token`)).status()).toBe(401);
    expect((await page.request.get("/api/auth/token")).status()).toBe(200);
  } finally {
    await elsewhere.dispose();
  }
});
