import { expect, signUp, test } from "./support/fixtures";
import { API_URL, TOKEN_TTL_SECONDS } from "./support/services";

/** Each round creates a task with a token of its own; by the last, the first two have expired. */
const ROUNDS = 4;

test("work carries on across several token expiries", async ({ page }) => {
  test.setTimeout(90_000);
  await signUp(page);
  const tokens = new Set<string>();
  const usedToCreate = new Set<string>();
  const apiStatuses: number[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url() === `${API_URL}/api/tasks`) {
      usedToCreate.add(request.headers().authorization ?? "");
    }
  });
  page.on("response", async (response) => {
    if (response.url().endsWith("/api/auth/token")) {
      const body = (await response.json().catch(() => null)) as { token?: string } | null;
      if (body?.token) tokens.add(body.token);
    }
    if (response.url().startsWith(`${API_URL}/api/`) && response.request().method() !== "OPTIONS") {
      apiStatuses.push(response.status());
    }
  });
  /** A token has been issued that no round has created a task with yet. */
  const freshToken = () => [...tokens].some((token) => !usedToCreate.has(`Bearer ${token}`));
  await page.goto("/tasks");
  for (let i = 0; i < ROUNDS; i++) {
    await page.getByPlaceholder("What needs doing?").fill(`Round ${i}`);
    await page.getByRole("button", { name: "Add" }).click();
    const added = page.getByRole("listitem").filter({ hasText: `Round ${i}` });
    await expect(added).toBeVisible();
    await expect(added).not.toHaveClass(/pending/);
    // The page replaces its token before it expires, on its own (the live stream switches over):
    // the next round starts once it has.
    if (i < ROUNDS - 1) {
      await expect.poll(freshToken, { timeout: TOKEN_TTL_SECONDS * 1000 }).toBe(true);
    }
  }
  await page.reload();
  await expect(page.getByRole("list", { name: "Tasks" }).getByRole("listitem")).toHaveCount(ROUNDS);
  // Every round's task went out with a different token, and the API never had to refuse one.
  expect(usedToCreate.size).toBe(ROUNDS);
  expect(tokens.size).toBeGreaterThanOrEqual(ROUNDS);
  expect(apiStatuses.filter((status) => status === 401)).toEqual([]);
  expect(apiStatuses.every((status) => status < 400)).toBe(true);
});
