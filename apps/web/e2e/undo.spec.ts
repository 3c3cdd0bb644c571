import type { Page } from "@playwright/test";
import { bearerFor, expect, newAccount, signUp, test } from "./support/fixtures";
import { API_URL } from "./support/services";

async function createTask(page: Page, data: object): Promise<void> {
  const response = await page.request.post(`${API_URL}/api/tasks`, {
    headers: await bearerFor(page.request),
    data,
  });
  expect(response.status()).toBe(201);
}

const settled = (page: Page) =>
  page.getByRole("list", { name: "Tasks" }).and(page.locator('[aria-busy="false"]'));
const patched = (page: Page) =>
  page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/api/tasks/"));

test("a completed task comes back open with Undo in the toast, and stays open after a reload", async ({
  page,
}) => {
  await signUp(page, newAccount("Uma Undo"));
  await createTask(page, { title: "Return the books" });
  await page.goto("/tasks");
  await expect(settled(page)).toBeVisible();

  const completed = patched(page);
  await page.getByRole("checkbox", { name: 'Complete "Return the books"' }).check();
  expect((await completed).status()).toBe(200);
  const toast = page.getByRole("status").filter({ hasText: "Completed “Return the books”" });
  await expect(toast).toBeVisible();

  const reopened = patched(page);
  await toast.getByRole("button", { name: "Undo" }).click();
  expect((await reopened).request().postDataJSON()).toEqual({ completed: false });
  await expect(
    page.getByRole("checkbox", { name: 'Complete "Return the books"' }),
  ).not.toBeChecked();
  await expect(toast).toHaveCount(0);

  await page.reload();
  await expect(
    page.getByRole("checkbox", { name: 'Complete "Return the books"' }),
  ).not.toBeChecked();
});

test("the u key undoes a completion done with the keyboard", async ({ page }) => {
  await signUp(page, newAccount("Kai Keys"));
  await createTask(page, { title: "Water the basil" });
  await page.goto("/tasks");
  await expect(settled(page)).toBeVisible();
  await settled(page).locator("[data-task-id]").first().focus();
  await page.keyboard.press("x");
  await expect(
    page.getByRole("status").filter({ hasText: "Completed “Water the basil”" }),
  ).toBeVisible();
  await expect(page.getByRole("checkbox", { name: 'Reopen "Water the basil"' })).toBeChecked();
  const reopened = patched(page);
  await page.keyboard.press("u");
  expect((await reopened).status()).toBe(200);
  await expect(
    page.getByRole("checkbox", { name: 'Complete "Water the basil"' }),
  ).not.toBeChecked();
});

test("undoing a recurring task's completion reopens that occurrence; the next one it brought stays", async ({
  page,
}) => {
  await signUp(page, newAccount("Rae Repeat"));
  await createTask(page, {
    title: "Take out the bins",
    dueDate: "2030-03-04",
    recurrence: "FREQ=WEEKLY;BYDAY=MO",
  });
  await page.goto("/tasks");
  await expect(settled(page)).toBeVisible();

  await page.getByRole("checkbox", { name: 'Complete "Take out the bins"' }).check();
  const toast = page
    .getByRole("status")
    .filter({ hasText: "Completed “Take out the bins”; the next one is on your list" });
  await expect(toast).toBeVisible();
  // The next occurrence arrives (live), due a week later.
  await expect(page.getByRole("checkbox", { name: 'Complete "Take out the bins"' })).toHaveCount(1);
  await expect(settled(page).getByText(/Mar 11, 2030|11 Mar 2030/)).toBeVisible();

  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("checkbox", { name: 'Complete "Take out the bins"' })).toHaveCount(2);
  await page.reload();
  await expect(page.getByRole("checkbox", { name: 'Complete "Take out the bins"' })).toHaveCount(2);
});
