import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, newAccount, readableStorage, signUp, test } from "./support/fixtures";
import { API_URL, ROOT, WEB_URL } from "./support/services";

/** Screenshots of the main pages, kept as artifacts of every run. */
const SHOTS = path.join(ROOT, "artifacts/screenshots");
mkdirSync(SHOTS, { recursive: true });

async function addTask(
  page: Page,
  title: string,
  options: { priority?: string; due?: string; description?: string } = {},
) {
  const form = page.getByRole("form", { name: "Add a task" });
  if (options.priority || options.due || options.description) {
    const toggle = form.getByRole("button", { name: "More options" });
    if (await toggle.isVisible()) await toggle.click();
    if (options.description) await form.getByLabel("Description").fill(options.description);
    if (options.priority) await form.getByLabel("Priority").selectOption(options.priority);
    if (options.due) await form.getByLabel("Due date").fill(options.due);
  }
  await form.getByPlaceholder("What needs doing?").fill(title);
  await form.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: title })).toBeVisible();
}

const item = (page: Page, title: string) =>
  page.getByRole("list", { name: "Tasks" }).getByRole("listitem").filter({ hasText: title });

test("a new user signs up, manages tasks and signs out", async ({ page }) => {
  const account = newAccount("Zoë Example");
  await page.goto("/");
  await page.screenshot({ path: `${SHOTS}/home.png` });
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Name").fill(account.name);
  await page.getByLabel("Email").fill(`  ${account.email.toUpperCase()} `);
  await page.getByLabel("Password").fill(account.password);
  await page.screenshot({ path: `${SHOTS}/sign-up.png` });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByText("Nothing to do yet")).toBeVisible();

  // Create
  await addTask(page, "Buy milk");
  await addTask(page, "File taxes", {
    priority: "high",
    due: "2020-01-15",
    description: "With receipts",
  });
  await addTask(page, "Water plants", { priority: "low" });
  await expect(item(page, "File taxes").getByText(/Overdue/)).toBeVisible();
  await expect(item(page, "File taxes").getByText("High priority")).toBeVisible();

  // Edit in place
  await item(page, "Buy milk").getByRole("button", { name: "Buy milk", exact: true }).click();
  const titleInput = page.getByLabel("Title", { exact: true });
  await titleInput.fill("Buy oat milk");
  await titleInput.press("Enter");
  await expect(item(page, "Buy oat milk")).toBeVisible();

  // Complete and reopen
  await page.getByRole("checkbox", { name: 'Complete "Water plants"' }).check();
  await expect(page.getByRole("checkbox", { name: 'Reopen "Water plants"' })).toBeChecked();

  // Filter
  await page.getByLabel("Show").selectOption("completed");
  await expect(item(page, "Water plants")).toBeVisible();
  await expect(item(page, "File taxes")).toHaveCount(0);
  await page.getByLabel("Show").selectOption("all");
  await page.getByLabel("Priority", { exact: true }).last().selectOption("high");
  await expect(page.getByRole("list", { name: "Tasks" }).getByRole("listitem")).toHaveCount(1);
  await page.getByLabel("Priority", { exact: true }).last().selectOption("");

  // Search (description included, case-insensitive)
  await page.getByLabel("Search").fill("RECEIPTS");
  await expect(page.getByRole("list", { name: "Tasks" }).getByRole("listitem")).toHaveCount(1);
  await expect(item(page, "File taxes")).toBeVisible();
  await page.getByLabel("Search").fill("");
  await expect(page.getByRole("list", { name: "Tasks" }).getByRole("listitem")).toHaveCount(3);

  // A second list beside the Inbox, then back to the Inbox's tasks.
  const lists = page.getByRole("navigation", { name: "Lists" });
  await lists.getByLabel("New list name").fill("Errands");
  await lists.getByRole("button", { name: "Create list" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Errands");
  await lists.getByRole("link", { name: /^Inbox/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inbox");
  await expect(page.getByRole("list", { name: "Tasks" }).getByRole("listitem")).toHaveCount(3);
  // A full-page capture draws the sticky header where the scroll position puts it: from the top,
  // as a visitor first sees the page (the README shows this one).
  await lists.getByRole("link", { name: /^Inbox/ }).blur();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/tasks.png`, fullPage: true });

  // Delete, undo, delete for real
  await item(page, "Buy oat milk")
    .getByRole("button", { name: /Delete/ })
    .click();
  await expect(item(page, "Buy oat milk")).toHaveCount(0);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(item(page, "Buy oat milk")).toBeVisible();
  await item(page, "Buy oat milk")
    .getByRole("button", { name: /Delete/ })
    .click();
  // The undo toast (the lists' drag-and-drop live region is a status too).
  const toast = page.getByRole("status").filter({ hasText: "Deleted" });
  await expect(toast).toContainText("Deleted “Buy oat milk”");
  await expect(toast).toHaveCount(0, { timeout: 10_000 });
  await page.reload();
  await expect(page.getByRole("list", { name: "Tasks" }).getByRole("listitem")).toHaveCount(2);
  await expect(item(page, "Buy oat milk")).toHaveCount(0);

  // The token never reaches anything JavaScript-readable or the URL.
  const storage = await readableStorage(page);
  expect(storage).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ/);
  expect(storage).not.toContain("token");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/tasks-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Ftasks$/);
});

test("a task added while the list is still loading stays on the list", async ({ page }) => {
  await signUp(page);
  // The first list is fetched from the real API at once, but its answer is held back until a
  // task has been added: a page that predates the task arrives after it.
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held = false;
  await page.route(
    (url) => url.href.startsWith(`${API_URL}/api/tasks?`),
    async (route) => {
      if (held || route.request().method() !== "GET") return route.continue();
      const response = await route.fetch();
      held = true;
      await released;
      await route.fulfill({ response });
    },
  );
  await page.goto("/tasks");
  await expect.poll(() => held).toBe(true);
  await page.getByPlaceholder("What needs doing?").fill("Added during the first load");
  await page.getByRole("button", { name: "Add" }).click();
  await expect(item(page, "Added during the first load")).not.toHaveClass(/pending/);
  release();
  // The list that was requested before the task existed must not wipe it out.
  await expect(page.getByRole("list", { name: "Tasks" })).toHaveAttribute("aria-busy", "false");
  await expect(item(page, "Added during the first load")).toBeVisible();
  await page.reload();
  await expect(item(page, "Added during the first load")).toBeVisible();
});

test.describe("signing in", () => {
  // The wrong password is answered 401, which Chromium logs as a failed resource load.
  test.use({ allowConsoleErrors: [/status of 401/] });

  test("a protected page sends a visitor to sign in and back again afterwards", async ({
    page,
  }) => {
    const account = newAccount();
    await page.request.post("/api/auth/sign-up/email", {
      headers: { origin: WEB_URL },
      data: account,
    });
    await page.context().clearCookies();
    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount$/);
    await page.screenshot({ path: `${SHOTS}/sign-in.png` });
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "That email and password do not match an account.",
    );
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByText(account.email)).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/account.png` });
    // A signed-in visitor does not see the sign-in page.
    await page.goto("/sign-in");
    await expect(page).toHaveURL(/\/tasks$/);
  });

  test("a sign-in return path to another site is ignored", async ({ page }) => {
    const account = newAccount();
    await page.request.post("/api/auth/sign-up/email", {
      headers: { origin: WEB_URL },
      data: account,
    });
    await page.context().clearCookies();
    await page.goto("/sign-in?next=//evil.example/steal");
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${WEB_URL}/tasks`);
  });

  test("before the page's scripts run, the form cannot send the password anywhere", async ({
    browser,
  }) => {
    // Scripts off: the state of every form between the first paint and hydration, for good.
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const requested: string[] = [];
      page.on("request", (request) => requested.push(`${request.method()} ${request.url()}`));
      await page.goto("/sign-in");
      await expect(page.getByRole("button", { name: "Sign in" })).toBeDisabled();
      await page.getByLabel("Email").fill("someone@example.test");
      await page.getByLabel("Password").fill("a secret passphrase");
      await page.getByLabel("Password").press("Enter");
      await page.waitForTimeout(500);
      expect(page.url()).toBe(`${WEB_URL}/sign-in`);
      expect(requested.join("\n")).not.toContain("passphrase");
      expect(requested.filter((line) => !line.startsWith("GET "))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
