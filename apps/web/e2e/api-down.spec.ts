import { expect, signUp, test } from "./support/fixtures";
import { startApi, stopApi } from "./support/services";

// Chromium reports each refused connection on the console; here they are the point of the test.
test.use({
  allowConsoleErrors: [/ERR_CONNECTION_REFUSED|Failed to fetch|Failed to load resource/],
});

test("with the API stopped the page says so, keeps what was typed, and recovers", async ({
  page,
}) => {
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
  } finally {
    await startApi();
  }
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByText("Nothing to do yet")).toBeVisible();
  await page.getByPlaceholder("What needs doing?").fill("Back online");
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Back online" })).toBeVisible();
});
