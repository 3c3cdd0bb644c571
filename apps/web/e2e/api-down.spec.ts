import { expect, signUp, test } from "./support/fixtures";
import { startApi, stopApi } from "./support/services";

// Chromium reports each refused connection on the console; here they are the point of the test.
test.use({
  allowConsoleErrors: [/ERR_CONNECTION_REFUSED|Failed to fetch|Failed to load resource/],
});

test("with the API stopped the page says so, keeps what was typed, and recovers", async ({
  page,
}) => {
  const tryAgain = page.getByRole("button", { name: "Try again" });
  await signUp(page);
  await page.goto("/tasks");
  await expect(page.getByText("Nothing to do yet")).toBeVisible();
  await stopApi();
  try {
    await page.getByPlaceholder("What needs doing?").fill("Typed while offline");
    await page.getByRole("button", { name: "Add" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("cannot be reached");
    await expect(page.getByPlaceholder("What needs doing?")).toHaveValue("Typed while offline");
    await page.reload();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("could not be loaded");
    await expect(tryAgain).toBeVisible();
  } finally {
    await startApi();
  }
  // Back online, the page recovers with a click on "Try again", or by itself when its live
  // stream reconnects first (then the button is gone before it can be clicked): either will do.
  await expect(async () => {
    if (await tryAgain.isVisible()) await tryAgain.click({ timeout: 1_000 });
    await expect(page.getByText("Nothing to do yet")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByPlaceholder("What needs doing?").fill("Back online");
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Back online" })).toBeVisible();
});
