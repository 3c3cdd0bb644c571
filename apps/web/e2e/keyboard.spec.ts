import type { Page } from "@playwright/test";
import { bearerFor, expect, signUp, test } from "./support/fixtures";
import { API_URL } from "./support/services";

// The whole tasks page without the mouse: every step below is a key press (page.keyboard).
const list = (page: Page) => page.getByRole("list", { name: "Tasks" });
const item = (page: Page, title: string) =>
  list(page).getByRole("listitem").filter({ hasText: title });

async function keys(page: Page, ...presses: string[]) {
  for (const key of presses) await page.keyboard.press(key);
}

test("the tasks page works from the keyboard alone", async ({ page }) => {
  await signUp(page);
  await page.goto("/tasks");
  await expect(page.getByText("Nothing to do yet")).toBeVisible();

  // n: new task; typing a shortcut's letter in a field only types it.
  await keys(page, "n");
  const title = page.getByPlaceholder("What needs doing?");
  await expect(title).toBeFocused();
  for (const name of ["Plan the week", "Buy milk", "Call Ann"]) {
    await page.keyboard.type(name);
    await keys(page, "Enter");
    await expect(item(page, name)).toBeVisible();
  }
  await expect(title).toBeFocused();

  // Out of the field, j goes to the list (newest first); j/k and the arrows move.
  await keys(page, "Escape", "Tab", "Tab");
  await keys(page, "j");
  await expect(item(page, "Call Ann")).toBeFocused();
  await keys(page, "j", "ArrowDown");
  await expect(item(page, "Plan the week")).toBeFocused();
  await keys(page, "k");
  await expect(item(page, "Buy milk")).toBeFocused();
  // The focused task is visibly marked.
  const outline = await item(page, "Buy milk").evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
  // One task is in the tab order (roving tabindex): the one last focused.
  await expect(list(page).locator('[tabindex="0"]')).toHaveCount(1);

  // x and Space: complete and reopen.
  // A task is busy (its controls disabled) until the API has answered a change.
  const settled = () => expect(item(page, "Buy milk")).not.toHaveClass(/pending/);
  await keys(page, "x");
  await expect(page.getByRole("checkbox", { name: 'Reopen "Buy milk"' })).toBeChecked();
  await settled();
  await keys(page, " ");
  await expect(page.getByRole("checkbox", { name: 'Complete "Buy milk"' })).not.toBeChecked();
  await settled();
  await keys(page, "x");
  await expect(page.getByRole("checkbox", { name: 'Reopen "Buy milk"' })).toBeChecked();
  await expect(item(page, "Buy milk")).toBeFocused();
  await settled();

  // e: edit the title; Enter saves and focus comes back to the task.
  await keys(page, "e");
  const editor = page.getByLabel("Title", { exact: true });
  await expect(editor).toBeFocused();
  await keys(page, "End");
  await page.keyboard.type(" and bread");
  await keys(page, "Enter");
  await expect(item(page, "Buy milk and bread")).toBeFocused();
  await settled();
  // Enter on a task edits it too; Escape cancels.
  await keys(page, "Enter");
  await expect(editor).toBeFocused();
  await page.keyboard.type(" (not saved)");
  await keys(page, "Escape");
  await expect(item(page, "Buy milk and bread")).toBeFocused();
  await expect(item(page, "not saved")).toHaveCount(0);

  // #: delete; focus moves to the task now in its place; u: undo.
  await keys(page, "#");
  await expect(item(page, "Buy milk and bread")).toHaveCount(0);
  await expect(page.getByRole("status")).toContainText("Deleted “Buy milk and bread”");
  await expect(item(page, "Plan the week")).toBeFocused();
  await keys(page, "u");
  await expect(item(page, "Buy milk and bread")).toBeVisible();
  await expect(page.getByRole("status")).toHaveCount(0);
  // Delete: the same, and this time it stays deleted.
  await keys(page, "k");
  await expect(item(page, "Buy milk and bread")).toBeFocused();
  await keys(page, "Delete");
  await expect(item(page, "Buy milk and bread")).toHaveCount(0);
  await expect(page.getByRole("status")).toHaveCount(0, { timeout: 10_000 });
  await page.reload();
  await expect(list(page).getByRole("listitem")).toHaveCount(2);

  // ?: the help dialog; Tab stays inside, Escape closes, focus returns.
  await keys(page, "j");
  await expect(item(page, "Call Ann")).toBeFocused();
  await keys(page, "?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help.getByText("Delete the task")).toBeVisible();
  await expect(help.locator("kbd", { hasText: "Space" })).toBeVisible();
  await expect(help.getByText("Down arrow")).toBeAttached();
  const close = help.getByRole("button", { name: "Close" });
  await expect(close).toBeFocused();
  await keys(page, "Tab");
  await expect(close).toBeFocused();
  await keys(page, "Shift+Tab");
  await expect(close).toBeFocused();
  // The page behind is inert: its shortcuts do nothing while the dialog is open.
  await keys(page, "n");
  await expect(help).toBeVisible();
  await keys(page, "Escape");
  await expect(help).toBeHidden();
  await expect(item(page, "Call Ann")).toBeFocused();

  // /: search; shortcuts stay quiet while typing.
  await keys(page, "/");
  const search = page.getByLabel("Search");
  await expect(search).toBeFocused();
  await page.keyboard.type("plan j k x");
  await expect(search).toHaveValue("plan j k x");
  await expect(search).toBeFocused();
  await keys(page, "Control+a", "Backspace");
  await page.keyboard.type("plan");
  await expect(list(page).getByRole("listitem")).toHaveCount(1);
  await expect(item(page, "Plan the week")).toBeVisible();

  // Modifier combinations are the browser's: Ctrl+n does not open a new task here.
  await keys(page, "Tab");
  await expect(search).not.toBeFocused();
  await keys(page, "Control+/");
  await expect(search).not.toBeFocused();
});

test("the shortcuts are listed behind a button too, and the dialog gives focus back", async ({
  page,
}) => {
  await signUp(page);
  await page.goto("/tasks");
  await expect(page.getByText("Nothing to do yet")).toBeVisible();
  const open = page.getByRole("button", { name: "Keyboard shortcuts" });
  await open.focus();
  await keys(page, "Enter");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await keys(page, "Enter");
  await expect(help).toBeHidden();
  await expect(open).toBeFocused();
});

test("a task focused before the API confirms it keeps focus when the saved task replaces it", async ({
  page,
}) => {
  await signUp(page);
  // The new task's POST is answered only when the test says so: until then it is a draft.
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(`${API_URL}/api/tasks`, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const response = await route.fetch();
    await released;
    await route.fulfill({ response });
  });
  await page.goto("/tasks");
  await expect(page.getByText("Nothing to do yet")).toBeVisible();
  await keys(page, "n");
  await page.keyboard.type("Draft first");
  await keys(page, "Enter", "Tab", "Tab");
  // The draft is on screen before the user moves to it (j on an empty list moves nowhere).
  await expect(item(page, "Draft first")).toHaveClass(/pending/);
  await keys(page, "j");
  await expect(item(page, "Draft first")).toBeFocused();
  release();
  await expect(item(page, "Draft first")).not.toHaveClass(/pending/);
  await expect(item(page, "Draft first")).toBeFocused();
});

test("a task reached from the keyboard is never beneath the sticky header", async ({ page }) => {
  await signUp(page);
  const headers = await bearerFor(page.request);
  for (let i = 1; i <= 20; i++) {
    const created = await page.request.post(`${API_URL}/api/tasks`, {
      headers,
      data: { title: `Task ${i}` },
    });
    expect(created.status()).toBe(201);
  }
  await page.goto("/tasks");
  const tasks = list(page).getByRole("listitem");
  await expect(tasks).toHaveCount(20);
  const header = page.locator(".site-header");
  const bottom = async () => {
    const box = await header.boundingBox();
    return (box?.y ?? 0) + (box?.height ?? 0);
  };
  const top = async () => (await tasks.nth(5).boundingBox())?.y ?? 0;

  // Scrolled down so that the task above the focused one lies beneath the header.
  await tasks.nth(6).focus();
  await tasks.nth(5).evaluate((task) => {
    window.scrollTo(0, window.scrollY + task.getBoundingClientRect().top - 10);
  });
  expect(await top()).toBeLessThan(await bottom());
  await keys(page, "k");
  await expect(tasks.nth(5)).toBeFocused();
  expect(await top()).toBeGreaterThanOrEqual(await bottom());
});
