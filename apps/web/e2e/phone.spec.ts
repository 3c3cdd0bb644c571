import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { bearerFor, expect, signUp, test } from "./support/fixtures";
import { tasksAppHydrated } from "./support/hydration";
import { API_URL, WEB_URL } from "./support/services";

/**
 * The app on a phone: no page scrolls sideways at 320, 375 or 414 px in either theme (WCAG
 * 1.4.10), primary controls are 44×44 px and nothing is under 24×24 px (WCAG 2.5.8), and the
 * header menu, the lists drawer and the task sheet work from the keyboard.
 */
const WIDTHS = [320, 375, 414] as const;
const THEMES = ["light", "dark"] as const;

async function useTheme(page: Page, theme: (typeof THEMES)[number]): Promise<void> {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.context().addCookies([{ name: "theme", value: theme, url: WEB_URL }]);
}

async function seed(page: Page): Promise<void> {
  const auth = await bearerFor(page.request);
  const list = await page.request.post(`${API_URL}/api/lists`, {
    headers: auth,
    data: { name: "Groceries for the long weekend away" },
  });
  expect(list.status()).toBe(201);
  for (const title of [
    "Water the plants",
    "A rather long task title that has to wrap on a phone",
  ]) {
    const task = await page.request.post(`${API_URL}/api/tasks`, {
      headers: auth,
      data: { title, description: "Some details", priority: "high", dueDate: "2030-01-31" },
    });
    expect(task.status()).toBe(201);
  }
}

async function noSidewaysScroll(page: Page, where: string): Promise<void> {
  const sizes = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(sizes.scroll, `${where} scrolls sideways`).toBeLessThanOrEqual(sizes.client);
}

async function size(locator: Locator): Promise<{ width: number; height: number }> {
  const box = await locator.boundingBox();
  expect(box, "the control is laid out").not.toBeNull();
  return { width: box?.width ?? 0, height: box?.height ?? 0 };
}

async function atLeast(locator: Locator, min: number): Promise<void> {
  const { width, height } = await size(locator);
  expect(width, await locator.evaluate((e) => e.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(
    min,
  );
  expect(height, await locator.evaluate((e) => e.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(
    min,
  );
}

/** Every visible control (buttons, fields, links that are not inside a sentence). */
async function everyControlAtLeast24(page: Page): Promise<void> {
  const controls = page.locator(
    "button:visible, select:visible, input:visible, textarea:visible, a:not(p a, .sr-only):visible",
  );
  for (const control of await controls.all()) await atLeast(control, 24);
}

const PUBLIC_PAGES = ["/sign-in", "/sign-up", "/no-such-page", "/offline"];
const SIGNED_IN_PAGES = ["/tasks", "/account", "/join/not-a-code"];

test.describe("every page at phone widths", () => {
  test.use({ allowConsoleErrors: [/status of 404/] });

  for (const theme of THEMES) {
    test(`no page scrolls sideways at 320, 375 and 414 px, ${theme} theme`, async ({ page }) => {
      await useTheme(page, theme);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 720 });
        for (const path of PUBLIC_PAGES) {
          await page.goto(path);
          await noSidewaysScroll(page, `${path} at ${width} px`);
        }
      }
      await signUp(page);
      await seed(page);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 720 });
        for (const path of SIGNED_IN_PAGES) {
          await page.goto(path);
          if (path === "/tasks") await tasksAppHydrated(page);
          await noSidewaysScroll(page, `${path} at ${width} px`);
        }
        await page.goto("/tasks");
        await tasksAppHydrated(page);
        await page.getByRole("button", { name: "Menu" }).click();
        await noSidewaysScroll(page, `the open menu at ${width} px`);
      }
    });
  }
});

test.describe("at 320 px", () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test("primary controls are 44×44 px, and none is under 24×24 px", async ({ page }) => {
    await signUp(page);
    await seed(page);
    await page.goto("/tasks");
    await tasksAppHydrated(page);
    await atLeast(page.getByRole("button", { name: "Menu" }), 44);
    await atLeast(page.getByRole("button", { name: /^Lists/ }), 44);
    await atLeast(page.getByRole("button", { name: "Add", exact: true }), 44);
    for (const box of await page.getByRole("checkbox").all()) await atLeast(box, 44);
    await everyControlAtLeast24(page);
    await page.getByRole("button", { name: "Menu" }).click();
    await everyControlAtLeast24(page);
  });

  test("the header menu opens from the keyboard and Escape closes it, back on its button", async ({
    page,
  }) => {
    await signUp(page);
    await page.goto("/tasks");
    await tasksAppHydrated(page);
    const menu = page.getByRole("button", { name: "Menu" });
    const account = page.getByRole("link", { name: "Account" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(account).toBeHidden();
    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(account).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page.getByLabel("Theme")).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Tasks" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await menu.click();
    await account.click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("button", { name: "Menu" })).toHaveAttribute(
      "aria-expanded",
      "false",
    );
  });

  test("the lists drawer keeps focus inside, closes on Escape and on a choice", async ({
    page,
  }) => {
    await signUp(page);
    await seed(page);
    await page.goto("/tasks");
    await tasksAppHydrated(page);
    const open = page.getByRole("button", { name: /^Lists/ });
    const drawer = page.getByRole("dialog", { name: "Lists" });
    await open.focus();
    await page.keyboard.press("Enter");
    await expect(drawer).toBeVisible();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      expect(await drawer.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
    await expect(open).toBeFocused();
    await open.click();
    await drawer.getByRole("link", { name: /Groceries/ }).click();
    await expect(drawer).toBeHidden();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Groceries for the long weekend away",
    );
  });

  test("a task's details open in a sheet, Escape closes it, back on its Edit button", async ({
    page,
  }) => {
    await signUp(page);
    await seed(page);
    await page.goto("/tasks");
    await tasksAppHydrated(page);
    const edit = page.getByRole("button", { name: 'Edit details of "Water the plants"' });
    await edit.click();
    const sheet = page.getByRole("dialog", { name: 'Details of "Water the plants"' });
    await expect(sheet).toBeVisible();
    await expect(sheet.getByLabel("Description")).toHaveValue("Some details");
    await page.keyboard.press("Escape");
    await expect(sheet).toBeHidden();
    await expect(edit).toBeFocused();
    await edit.click();
    await sheet.getByLabel("Description").fill("Changed in the sheet");
    await sheet.getByRole("button", { name: "Save" }).click();
    await expect(sheet).toBeHidden();
    await expect(page.getByText("Changed in the sheet")).toBeVisible();
  });

  for (const theme of THEMES) {
    test(`no accessibility violations with the menu, the drawer and the sheet open, ${theme} theme`, async ({
      page,
    }) => {
      await useTheme(page, theme);
      await signUp(page);
      await seed(page);
      await page.goto("/tasks");
      await tasksAppHydrated(page);
      const scan = async (what: string) => {
        const results = await new AxeBuilder({ page }).setLegacyMode().analyze();
        expect
          .soft(
            results.violations.map((v) => `${v.id}: ${v.help}`),
            what,
          )
          .toEqual([]);
      };
      await scan("tasks");
      await page.getByRole("button", { name: "Menu" }).click();
      await scan("menu");
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: /^Lists/ }).click();
      await expect(page.getByRole("dialog", { name: "Lists" })).toBeVisible();
      await scan("drawer");
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: 'Edit details of "Water the plants"' }).click();
      await expect(page.getByRole("dialog", { name: /Details of/ })).toBeVisible();
      await scan("sheet");
    });
  }
});

test("a wide screen keeps the lists in a sidebar and the account links in the header", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signUp(page);
  await page.goto("/tasks");
  await tasksAppHydrated(page);
  await expect(page.getByRole("navigation", { name: "Lists" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Lists/ })).toBeHidden();
  await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Account" })).toBeVisible();
});
