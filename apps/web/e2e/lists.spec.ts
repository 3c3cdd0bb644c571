import type { Page } from "@playwright/test";
import { expect, signUp, test } from "./support/fixtures";

// The list flow in the browser: create a list, add tasks to it, move one, reload, rename,
// reorder, delete with the confirmation's count; keyboard focus and the URL follow.

const nav = (page: Page) => page.getByRole("navigation", { name: "Lists" });
const listLink = (page: Page, name: string) =>
  nav(page).getByRole("link", { name: new RegExp(`^${name} \\d+ open$`) });
const tasks = (page: Page) => page.getByRole("list", { name: "Tasks" });

async function addTask(page: Page, title: string) {
  const form = page.getByRole("form", { name: "Add a task" });
  await form.getByPlaceholder("What needs doing?").fill(title);
  await form.getByRole("button", { name: "Add" }).click();
  await expect(tasks(page).getByRole("listitem").filter({ hasText: title })).toBeVisible();
}

test("lists: create, fill, move a task, rename, reorder and delete with its tasks", async ({
  page,
}) => {
  await signUp(page);
  await page.goto("/tasks");
  await expect(listLink(page, "Inbox")).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inbox");
  // The Inbox cannot be deleted, so it offers no way to.
  await expect(page.getByRole("button", { name: "Delete list" })).toHaveCount(0);

  // Create: the new list is selected, in the URL, and has the keyboard focus.
  await nav(page).getByLabel("New list name").fill("Groceries");
  await nav(page).getByRole("button", { name: "Create list" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Groceries");
  await expect(listLink(page, "Groceries")).toBeFocused();
  await expect(listLink(page, "Groceries")).toHaveAttribute("aria-current", "page");
  await expect(page).toHaveURL(/\/tasks\?list=[0-9a-f-]{36}$/);
  const groceriesUrl = page.url();

  // Tasks go into the selected list, and its count follows.
  await addTask(page, "Apples");
  await addTask(page, "Pears");
  await expect(listLink(page, "Groceries")).toHaveAccessibleName("Groceries 2 open");
  await expect(listLink(page, "Inbox")).toHaveAccessibleName("Inbox 0 open");

  // Move a task to the Inbox from its editor: it leaves this list, both counts change.
  const pears = tasks(page).getByRole("listitem").filter({ hasText: "Pears" });
  await pears.getByRole("button", { name: 'Edit details of "Pears"' }).click();
  await pears.getByLabel("List").selectOption({ label: "Inbox" });
  await pears.getByRole("button", { name: "Save" }).click();
  await expect(tasks(page).getByRole("listitem")).toHaveCount(1);
  await expect(listLink(page, "Groceries")).toHaveAccessibleName("Groceries 1 open");
  await expect(listLink(page, "Inbox")).toHaveAccessibleName("Inbox 1 open");

  // A reload keeps the selected list.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Groceries");
  await expect(tasks(page).getByRole("listitem")).toHaveText([/Apples/]);
  expect(page.url()).toBe(groceriesUrl);

  // Rename, from the keyboard.
  await page.getByRole("button", { name: "Rename" }).click();
  const nameInput = page.getByLabel("List name", { exact: true });
  await expect(nameInput).toBeFocused();
  await nameInput.fill("Food");
  await nameInput.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Food");
  await expect(listLink(page, "Food")).toBeVisible();

  // Reorder: up, before the Inbox.
  await page.getByRole("button", { name: "Move up" }).click();
  await expect(nav(page).getByRole("list", { name: "Your lists" }).getByRole("link")).toHaveText([
    /^Food/,
    /^Inbox/,
  ]);
  await expect(page.getByRole("button", { name: "Move up" })).toBeDisabled();

  // Delete: the confirmation says how many tasks go; Cancel keeps everything.
  await page.getByRole("button", { name: "Delete list" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete “Food”?" });
  await expect(dialog).toContainText("Its 1 task will be deleted too.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(listLink(page, "Food")).toBeVisible();
  // Escape closes it too, and focus goes back to the button that opened it.
  const deleteList = page.getByRole("button", { name: "Delete list" });
  await deleteList.click();
  await expect(dialog.getByRole("button", { name: "Delete list and 1 task" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(deleteList).toBeFocused();
  await expect(listLink(page, "Food")).toBeVisible();
  await deleteList.click();
  await dialog.getByRole("button", { name: "Delete list and 1 task" }).click();

  // Gone with its task; the Inbox is shown and focused, and kept the moved task.
  await expect(listLink(page, "Food")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inbox");
  await expect(listLink(page, "Inbox")).toBeFocused();
  await expect(tasks(page).getByRole("listitem")).toHaveText([/Pears/]);
  await expect(page).not.toHaveURL(groceriesUrl);
});
