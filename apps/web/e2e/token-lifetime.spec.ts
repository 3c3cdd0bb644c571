import { expect, signUp, test } from "./support/fixtures";
import { API_URL, TOKEN_TTL_SECONDS } from "./support/services";

test("work carries on across several token expiries", async ({ page }) => {
  test.setTimeout(90_000);
  await signUp(page);
  const tokens = new Set<string>();
  const apiStatuses: number[] = [];
  page.on("response", async (response) => {
    if (response.url().endsWith("/api/auth/token")) {
      const body = (await response.json().catch(() => null)) as { token?: string } | null;
      if (body?.token) tokens.add(body.token);
    }
    if (response.url().startsWith(`${API_URL}/api/`) && response.request().method() !== "OPTIONS") {
      apiStatuses.push(response.status());
    }
  });
  await page.goto("/tasks");
  const rounds = Math.ceil((TOKEN_TTL_SECONDS * 3.5) / 5);
  for (let i = 0; i < rounds; i++) {
    await page.getByPlaceholder("What needs doing?").fill(`Round ${i}`);
    await page.getByRole("button", { name: "Add" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: `Round ${i}` })).not.toHaveClass(
      /pending/,
    );
    await page.waitForTimeout(5_000);
  }
  await page.reload();
  await expect(page.getByRole("list", { name: "Tasks" }).getByRole("listitem")).toHaveCount(rounds);
  // At least three tokens were used one after another, and the API never had to refuse one.
  expect(tokens.size).toBeGreaterThanOrEqual(3);
  expect(apiStatuses.filter((status) => status === 401)).toEqual([]);
  expect(apiStatuses.every((status) => status < 400)).toBe(true);
});
