import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "@playwright/test";
import {
  deviceData,
  expectNothingLeft,
  recordTaskWrites,
  seedTasks,
  tasksOnTheApi,
} from "./support/device-data";
import { type Account, anotherDevice, expect, newAccount, signUp, test } from "./support/fixtures";
import { ROOT, WEB_URL } from "./support/services";

/**
 * Airplane mode on a phone: with the whole network off, opening /tasks gets the service worker's
 * offline shell, which mounts the tasks app from the copy on the device; changes made there reach
 * the API in order when the connection returns, and signing out leaves nothing, the marker of the
 * device's user included (decisions 0026, 0030). Runs against the production build, the only one
 * with a service worker.
 */
test.use({
  viewport: { width: 320, height: 720 },
  allowConsoleErrors: [/ERR_FAILED|ERR_INTERNET_DISCONNECTED|Failed to fetch|status of 401/],
});

/** The offline page at phone width in each theme, kept as artifacts of every run. */
const SHOTS = path.join(ROOT, "artifacts/screenshots");
mkdirSync(SHOTS, { recursive: true });

async function expectNoViolations(page: Page) {
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
    await page.evaluate((value) => {
      document.documentElement.dataset.theme = value;
    }, theme);
    await page.screenshot({ path: `${SHOTS}/airplane-${theme}.png`, fullPage: true });
    const results = await new AxeBuilder({ page }).setLegacyMode().analyze();
    expect
      .soft(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`),
        `${theme} theme`,
      )
      .toEqual([]);
  }
}

/**
 * Signs up with `titles`, opens /tasks until the worker controls it and the copy and the marker
 * are saved, then turns the network off and reloads: the shell answers with the tasks.
 */
async function reloadedOffline(
  page: Page,
  context: BrowserContext,
  account: Account,
  titles: string[],
) {
  await signUp(page, account);
  const userId = await seedTasks(page.request, titles);
  await page.goto("/tasks");
  const tasks = page.getByRole("list", { name: "Tasks" });
  await expect(tasks.getByText(titles[0] ?? "")).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => deviceData(page)).toContain(titles.at(-1) ?? "");
  expect(JSON.parse(await deviceData(page)).local).toMatchObject({ "todo-device-user": userId });

  await context.setOffline(true);
  await page.reload();
  // The shell answered (its title), and it shows the user's tasks instead of its message.
  await expect(page).toHaveTitle(/^Offline/);
  for (const title of titles) await expect(tasks.getByText(title)).toBeVisible();
  // The shell's header was rendered without a session; it does not offer to sign in meanwhile.
  // (Looked up in the DOM: on a phone the header's links sit in a closed menu.)
  await expect(
    page.locator('.site-header a[href="/sign-in"], .site-header a[href="/sign-up"]'),
  ).toHaveCount(0);
  return userId;
}

test("offline, /tasks opens from the device's copy, takes changes, and sends them in order when back online", async ({
  page,
  context,
}) => {
  const account = newAccount();
  const tasks = page.getByRole("list", { name: "Tasks" });
  const sent = recordTaskWrites(page);

  const userId = await reloadedOffline(page, context, account, [
    "Pack the charger",
    "Buy a ticket",
  ]);
  const indicator = page.getByRole("status").filter({ hasText: /Offline|Sending/ });
  await expect(indicator).toHaveText("Offline — showing the tasks saved on this device");

  await page.getByRole("checkbox", { name: 'Complete "Buy a ticket"' }).check();
  await page.getByPlaceholder("What needs doing?").fill("Call the station");
  await page.getByRole("button", { name: "Add" }).click();
  await expect(tasks.getByText("Call the station")).toBeVisible();
  await expect(indicator).toHaveText("Offline — 2 changes waiting");
  await expectNoViolations(page);
  expect(sent).toEqual([]);

  await context.setOffline(false);
  await expect(indicator).toHaveCount(0);
  expect(sent).toEqual(["PATCH completed=true", "POST Call the station"]);
  expect(await tasksOnTheApi(page.request)).toEqual([
    ["Pack the charger", false],
    ["Buy a ticket", true],
    ["Call the station", false],
  ]);

  // Back on the signed-in page, signing out leaves nothing of the user, the marker included.
  await page.goto("/tasks");
  await expect(tasks.getByText("Call the station")).toBeVisible();
  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expectNothingLeft(page, ["Pack the charger", "Call the station", userId, account.email]);
});

test("a change queued offline is not sent when the session ended meanwhile: the copy and the queue are wiped", async ({
  page,
  context,
  browser,
}) => {
  const account = newAccount();
  const userId = await reloadedOffline(page, context, account, ["Ticked on the train"]);
  await page.getByRole("checkbox", { name: 'Complete "Ticked on the train"' }).check();
  await expect(page.getByRole("status").filter({ hasText: "Offline" })).toHaveText(
    "Offline — 1 change waiting",
  );

  // Meanwhile, from another device, every other session of the account is ended.
  const phone = await anotherDevice(browser, account);
  try {
    const revoked = await phone.request.post("/api/auth/revoke-other-sessions", {
      headers: { origin: WEB_URL },
      data: {},
    });
    expect(revoked.status()).toBe(200);

    await context.setOffline(false);
    await expect(page).toHaveURL(/\/sign-in/, { timeout: 15_000 });
    await expectNothingLeft(page, ["Ticked on the train", userId, account.email]);
    expect(await tasksOnTheApi(phone.request)).toEqual([["Ticked on the train", false]]);
  } finally {
    await phone.close();
  }
});
