import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { WEB_URL } from "./support/services";

// The page background of each theme (--bg in globals.css).
const LIGHT = "rgb(246, 247, 251)";
const DARK = "rgb(15, 17, 23)";

const background = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

/** A page with scripts off: what it shows is the server's HTML and the stylesheet alone. */
async function firstPaint(
  browser: Browser,
  colorScheme: "light" | "dark",
  theme?: string,
): Promise<string> {
  const context = await browser.newContext({ colorScheme, javaScriptEnabled: false });
  if (theme) await context.addCookies([{ name: "theme", value: theme, url: WEB_URL }]);
  const page = await context.newPage();
  await page.goto("/sign-in");
  const colour = await background(page);
  await context.close();
  return colour;
}

test("the theme follows the system setting until the visitor chooses one", async ({ browser }) => {
  expect(await firstPaint(browser, "light")).toBe(LIGHT);
  expect(await firstPaint(browser, "dark")).toBe(DARK);
});

test("a chosen theme is in the server's HTML, so the first paint is already right", async ({
  browser,
}) => {
  expect(await firstPaint(browser, "light", "dark")).toBe(DARK);
  expect(await firstPaint(browser, "dark", "light")).toBe(LIGHT);
  expect(await firstPaint(browser, "dark", "system")).toBe(DARK);
});

test("the toggle switches at once and the choice survives a reload on this device", async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/sign-in");
  const toggle = page.getByLabel("Theme");
  await expect(toggle).toHaveValue("system");
  await toggle.selectOption("dark");
  await expect.poll(() => background(page)).toBe(DARK);
  await page.reload();
  await expect(page.getByLabel("Theme")).toHaveValue("dark");
  expect(await background(page)).toBe(DARK);

  // A preference, not a secret: readable by the page, sent only on same-site navigations.
  const cookie = (await page.context().cookies()).find((c) => c.name === "theme");
  expect(cookie).toMatchObject({ value: "dark", path: "/", httpOnly: false, sameSite: "Lax" });
  expect(cookie?.expires ?? 0).toBeGreaterThan(Date.now() / 1000 + 300 * 24 * 3600);

  await page.getByLabel("Theme").selectOption("system");
  await expect.poll(() => background(page)).toBe(LIGHT);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect.poll(() => background(page)).toBe(DARK);
});

test("a hostile theme cookie falls back to the system theme and is never echoed", async ({
  request,
}) => {
  for (const value of [
    '"><script>alert(1)</script>',
    "dark%22%20onload=%22x",
    "Dark",
    "x".repeat(3000),
  ]) {
    const response = await request.get("/sign-in", { headers: { cookie: `theme=${value}` } });
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<html lang="en" data-theme="system"/);
    expect(html).not.toContain("alert(1)");
    expect(html).not.toContain("onload");
  }
});
