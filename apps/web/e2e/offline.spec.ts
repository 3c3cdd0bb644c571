import type { Page } from "@playwright/test";
import {
  deviceData,
  expectNothingLeft,
  recordTaskWrites,
  seedTasks,
  tasksOnTheApi,
} from "./support/device-data";
import { type Account, anotherDevice, expect, newAccount, signUp, test } from "./support/fixtures";
import { API_URL, WEB_URL } from "./support/services";

/**
 * Offline reading, the queue of offline changes, and the wipe (docs/decisions/0030-offline-copy-and-queue.md).
 * Requests refused on purpose (the API cut off, the browser offline, a revoked session) show in
 * the console as failed loads.
 */
test.use({ allowConsoleErrors: [/ERR_FAILED|ERR_INTERNET_DISCONNECTED|status of 401/] });

const taskList = (page: Page) =>
  page.getByRole("list", { name: "Tasks" }).and(page.locator('[aria-busy="false"]'));

/** Waits until the device's copy holds `text` (the cache is written a moment after it changes). */
async function savedOnDevice(page: Page, text: string) {
  await expect.poll(() => deviceData(page), { timeout: 5000 }).toContain(text);
}

test("the tasks load from the device's copy when the API cannot be reached", async ({ page }) => {
  await signUp(page);
  const userId = await seedTasks(page.request, ["Read on the train"]);
  await page.goto("/tasks");
  await expect(taskList(page).getByText("Read on the train")).toBeVisible();
  await savedOnDevice(page, "Read on the train");
  expect(await deviceData(page)).toContain(`todo-offline-${userId}`);

  // Nothing answers from the API's address now: the page reads what it kept.
  await page.route(`${API_URL}/**`, (route) => route.abort());
  await page.reload();
  await expect(page.getByText("Read on the train")).toBeVisible();
});

test("changes made offline show at once, wait with a count, and reach the API in order when back online", async ({
  page,
  context,
}) => {
  await signUp(page);
  await seedTasks(page.request, ["Alpha"]);
  await page.goto("/tasks");
  await expect(taskList(page).getByText("Alpha")).toBeVisible();
  // The app's code that loads on demand (the form's parts) comes from the worker's precache.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
  const indicator = page.getByRole("status").filter({ hasText: /Offline|Sending/ });

  const sent = recordTaskWrites(page);

  await context.setOffline(true);
  await expect(indicator).toHaveText("Offline — showing the tasks saved on this device");
  const newTask = page.getByPlaceholder("What needs doing?");
  await newTask.fill("Gamma");
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByText("Gamma")).toBeVisible();
  await page.getByRole("checkbox", { name: 'Complete "Alpha"' }).check();
  await newTask.fill("Delta");
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByText("Delta")).toBeVisible();
  await expect(indicator).toHaveText("Offline — 3 changes waiting");
  expect(sent).toEqual([]);

  await context.setOffline(false);
  await expect(indicator).toHaveCount(0);
  expect(sent).toEqual(["POST Gamma", "PATCH completed=true", "POST Delta"]);
  // Another view of the account, straight from the API: everything arrived.
  expect(await tasksOnTheApi(page.request)).toEqual([
    ["Alpha", true],
    ["Gamma", false],
    ["Delta", false],
  ]);
});

/** Opens the tasks page with a task, and waits until the device holds it. */
async function withSavedTasks(page: Page, account: Account, title: string) {
  await signUp(page, account);
  const userId = await seedTasks(page.request, [title]);
  await page.goto("/tasks");
  await expect(taskList(page).getByText(title)).toBeVisible();
  await savedOnDevice(page, title);
  expect(JSON.parse(await deviceData(page)).local).toMatchObject({ "todo-device-user": userId });
  return [title, userId, account.email];
}

test("signing out wipes everything of the user from the browser first", async ({ page }) => {
  const traces = await withSavedTasks(page, newAccount(), "Shared-computer secret");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expectNothingLeft(page, traces);
});

test("deleting the account wipes everything of the user from the browser", async ({ page }) => {
  const account = newAccount();
  const traces = await withSavedTasks(page, account, "Deleted with the account");
  await page.goto("/account");
  await page.getByRole("button", { name: "Delete my account…" }).click();
  await page.getByLabel("Confirm with your password").fill(account.password);
  await page.getByRole("button", { name: "Delete account and all tasks" }).click();
  await expect(page).toHaveURL(/\/sign-in\?deleted=1/);
  await expectNothingLeft(page, traces);
});

test("a session ended from another device wipes the tab's copy when the revocation reaches it", async ({
  page,
  browser,
}) => {
  const account = newAccount();
  const traces = await withSavedTasks(page, account, "Revoked from afar");
  const phone = await anotherDevice(browser, account);
  try {
    const revoked = await phone.request.post("/api/auth/revoke-other-sessions", {
      headers: { origin: WEB_URL },
      data: {},
    });
    expect(revoked.status()).toBe(200);
    await expect(page).toHaveURL(/\/sign-in/, { timeout: 15_000 });
    await expectNothingLeft(page, traces);
  } finally {
    await phone.close();
  }
});
