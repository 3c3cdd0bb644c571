import { deviceData } from "./support/device-data";
import { expect, signUp, test } from "./support/fixtures";
import { API_URL } from "./support/services";

/**
 * The installable app: the manifest and its icons, the service worker (Serwist, public/sw.js)
 * and the offline shell, and what its caches never hold (decision 0026).
 */
test("the manifest names the app, starts on /tasks in its own window, and its icons load", async ({
  request,
}) => {
  const response = await request.get("/manifest.webmanifest");
  expect(response.status()).toBe(200);
  const manifest = (await response.json()) as {
    name: string;
    short_name: string;
    display: string;
    start_url: string;
    scope: string;
    theme_color: string;
    background_color: string;
    icons: { src: string; sizes: string; purpose?: string }[];
  };
  expect(manifest).toMatchObject({
    name: "Todo",
    short_name: "Todo",
    display: "standalone",
    start_url: "/tasks",
    scope: "/",
  });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
  const sizes = manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose ?? "any"}`);
  expect(sizes).toEqual(expect.arrayContaining(["192x192 any", "512x512 any", "512x512 maskable"]));
  for (const icon of manifest.icons) {
    const image = await request.get(icon.src);
    expect(image.status(), icon.src).toBe(200);
    expect(image.headers()["content-type"]).toBe("image/png");
  }
});

test("the service worker is served as a script for the whole origin", async ({ request }) => {
  const response = await request.get("/sw.js");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/javascript/);
  // It must never be served stale from an HTTP cache (an update would not reach the browser).
  expect(response.headers()["cache-control"]).not.toMatch(/max-age=[1-9]/);
});

// Offline, Chromium reports every request that could not go out (the live stream's, the API's).
test.describe("offline", () => {
  test.use({ allowConsoleErrors: [/ERR_INTERNET_DISCONNECTED|Failed to fetch/] });

  test("offline, a page opens as the offline shell, and no cache holds API answers or pages with user data", async ({
    page,
    context,
  }) => {
    await signUp(page);
    await page.goto("/tasks");
    await page.getByPlaceholder("What needs doing?").fill("Private errand");
    await page.getByRole("button", { name: "Add" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: "Private errand" })).toBeVisible();
    // The worker installs (precaching the shell) and takes control of the page.
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
      .toBe(true);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => deviceData(page)).toContain("Private errand");

    await context.setOffline(true);
    try {
      // The shell stands in for /tasks with the tasks from the device's copy (airplane.spec.ts),
      // and for any other page with its message.
      await page.goto("/tasks");
      await expect(page).toHaveTitle(/^Offline/);
      await expect(page.getByRole("list", { name: "Tasks" })).toContainText("Private errand");
      await page.goto("/account");
      await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
    } finally {
      await context.setOffline(false);
    }

    const cached = await page.evaluate(async () => {
      const entries: { url: string; type: string; body: string }[] = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          const response = await cache.match(request);
          const type = response?.headers.get("content-type") ?? "";
          const body = type.includes("html") ? ((await response?.text()) ?? "") : "";
          entries.push({ url: request.url, type, body });
        }
      }
      return entries;
    });
    expect(cached.length).toBeGreaterThan(0);
    for (const entry of cached) {
      const { pathname } = new URL(entry.url);
      expect(entry.url.startsWith(API_URL), entry.url).toBe(false);
      expect(pathname.startsWith("/api/"), entry.url).toBe(false);
      expect(["/tasks", "/account"], entry.url).not.toContain(pathname);
      expect(entry.body, entry.url).not.toContain("Private errand");
      expect(entry.body, entry.url).not.toContain("Test User");
    }
    // The one page kept is the shell, and it is the signed-out one.
    const html = cached.filter((entry) => entry.type.includes("html")).map((e) => e.url);
    expect(html.map((url) => new URL(url).pathname)).toEqual(["/offline"]);
  });
});
