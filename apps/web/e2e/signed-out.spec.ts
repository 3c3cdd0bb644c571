import { randomBytes } from "node:crypto";
import { expect, signUp, test } from "./support/fixtures";
import { startApi, stopApi } from "./support/services";

// The API refuses every token here on purpose; Chromium logs each 401 as a failed resource load.
// The test also restarts the API under the open page, so the live stream's reconnect may find
// nothing listening for a moment.
test.use({
  allowConsoleErrors: [
    /status of 401|ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_SOCKET_NOT_CONNECTED/,
  ],
});

test("when the API refuses a fresh token too, the user is signed out and sent to sign in", async ({
  page,
}) => {
  await signUp(page);
  await page.goto("/tasks");
  await expect(page.getByText("Nothing to do yet")).toBeVisible();
  // An API that no longer shares the web app's secret: every token the web app issues is refused.
  await stopApi();
  await startApi({ JWT_SECRET: randomBytes(32).toString("base64url") });
  try {
    try {
      await page.getByPlaceholder("What needs doing?").fill("Refused", { timeout: 5_000 });
      await page.getByRole("button", { name: "Add" }).click({ timeout: 5_000 });
    } catch (error) {
      // The live stream, reconnecting to the restarted API by itself, was refused first and the
      // page has already left for the sign-in page: the same outcome, reached another way.
      if (!new URL(page.url()).pathname.startsWith("/sign-in")) throw error;
    }
    await expect(page).toHaveURL(/\/sign-in\?next=%2Ftasks$/);
    // The session was ended too, not only the page changed.
    expect((await page.request.get("/api/auth/token")).status()).toBe(401);
  } finally {
    await stopApi();
    await startApi();
  }
});
