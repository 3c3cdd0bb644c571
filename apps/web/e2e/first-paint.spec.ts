import { bearerFor, expect, signUp, test } from "./support/fixtures";
import { tasksAppHydrated } from "./support/hydration";
import { API_URL, startApi, stopApi } from "./support/services";

/** A compact JWS anywhere in a text (three base64url segments, the first a JSON header). */
const JWS = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

test("the tasks page's HTML holds the first page of tasks, and no token, and is never stored", async ({
  page,
}) => {
  await signUp(page);
  const auth = await bearerFor(page.request);
  for (const title of ["First on the server", "Second on the server"]) {
    const created = await page.request.post(`${API_URL}/api/tasks`, {
      headers: auth,
      data: { title },
    });
    expect(created.status()).toBe(201);
  }
  const response = await page.request.get("/tasks");
  expect(response.status()).toBe(200);
  const cacheControl = response.headers()["cache-control"] ?? "";
  expect(cacheControl).toContain("private");
  expect(cacheControl).toContain("no-store");
  const html = await response.text();
  expect(html).toContain("First on the server");
  expect(html).toContain("Second on the server");
  expect(html).not.toMatch(JWS);
  expect(html).not.toContain("Bearer");

  // In the browser: the tasks are on screen from the HTML, and the client does not ask for the
  // list's first page again while it hydrates (the sidebar's counts and the reminders' window are
  // not in the HTML: the browser asks for those).
  const firstPageRequests: string[] = [];
  let hydrating = true;
  page.on("request", (request) => {
    const url = request.url();
    if (hydrating && request.method() === "GET" && url.startsWith(`${API_URL}/api/tasks?listId=`))
      firstPageRequests.push(url);
  });
  await page.goto("/tasks");
  await tasksAppHydrated(page);
  hydrating = false;
  await expect(page.getByRole("listitem").filter({ hasText: "First on the server" })).toBeVisible();
  expect(firstPageRequests).toEqual([]);
  await page.getByPlaceholder("What needs doing?").fill("Added after hydration");
  await page.getByRole("button", { name: "Add" }).click();
  await expect(
    page.getByRole("listitem").filter({ hasText: "Added after hydration" }),
  ).toBeVisible();
});

test.describe("with the API down", () => {
  test.use({
    allowConsoleErrors: [/ERR_CONNECTION_REFUSED|Failed to fetch|Failed to load resource/],
  });

  test("the tasks page still renders, and the browser fetches the tasks itself", async ({
    page,
  }) => {
    await signUp(page);
    await stopApi();
    try {
      const response = await page.goto("/tasks");
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("main").getByRole("alert")).toContainText("could not be loaded");
    } finally {
      await startApi();
    }
    await tasksAppHydrated(page);
    // With the API back, "Try again" loads the tasks, unless the live stream's reconnection has
    // already brought them (the button is then gone).
    const retry = page.getByRole("button", { name: "Try again" });
    await expect(async () => {
      if (await retry.isVisible()) await retry.click({ timeout: 1_000 });
      await expect(page.getByText("Nothing to do yet")).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
  });
});
