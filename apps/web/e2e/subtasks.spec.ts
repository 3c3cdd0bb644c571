import type { Page } from "@playwright/test";
import { bearerFor, expect, newAccount, signUp, signUpWith, test } from "./support/fixtures";
import { API_URL } from "./support/services";

async function createTask(page: Page, data: object): Promise<{ id: string; listId: string }> {
  const response = await page.request.post(`${API_URL}/api/tasks`, {
    headers: await bearerFor(page.request),
    data,
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { id: string; listId: string };
}

/** The Inbox in the sidebar, named with its count of open tasks ("Inbox 1 open"). */
const inboxLink = (page: Page) =>
  page.getByRole("navigation", { name: "Lists" }).getByRole("link", { name: /^Inbox \d+ open$/ });

const settled = (page: Page) =>
  page.getByRole("list", { name: "Tasks" }).and(page.locator('[aria-busy="false"]'));
const taskItem = (page: Page, title: string) =>
  settled(page).locator(":scope > li").filter({ hasText: title });

test("subtasks are added, completed, renamed and deleted in a task's details, its progress following at once", async ({
  page,
}) => {
  await signUp(page, newAccount("Sue Subtasks"));
  await createTask(page, { title: "Plan the party" });
  await page.goto("/tasks");
  const parent = taskItem(page, "Plan the party");
  await parent.getByRole("button", { name: 'Edit details of "Plan the party"' }).click();
  const subtasks = parent.getByRole("region", { name: /^Subtasks/ });
  await expect(subtasks.getByText("No subtasks yet.")).toBeVisible();

  const field = subtasks.getByLabel("New subtask");
  for (const title of ["Send invites", "Bake a cake", "Buy candles"]) {
    await field.fill(title);
    await field.press("Enter");
    await expect(subtasks.getByRole("button", { name: `Rename subtask "${title}"` })).toBeVisible();
  }
  await expect(parent.getByText("0 of 3 subtasks done")).toBeVisible();
  // They are the parent's, not tasks of the list, and the list's count is what it shows.
  await expect(settled(page).locator(":scope > li")).toHaveCount(1);
  await expect(inboxLink(page)).toHaveAccessibleName("Inbox 1 open");

  // The progress moves before the API has answered: its answer is held back until then.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(`${API_URL}/api/tasks/*`, async (route) => {
    if (route.request().method() === "PATCH") await held;
    await route.continue();
  });
  // Once ticked, the box is named for what it does next: reopening the subtask.
  await subtasks.getByRole("checkbox", { name: 'Complete subtask "Send invites"' }).click();
  await expect(
    subtasks.getByRole("checkbox", { name: 'Reopen subtask "Send invites"' }),
  ).toBeChecked();
  await expect(parent.getByText("1 of 3 subtasks done")).toBeVisible();
  await expect(subtasks.getByText("1 of 3 done")).toBeVisible();
  await expect(inboxLink(page)).toHaveAccessibleName("Inbox 1 open");
  const saved = page.waitForResponse((r) => r.request().method() === "PATCH");
  release();
  expect((await saved).status()).toBe(200);
  await page.unroute(`${API_URL}/api/tasks/*`);

  await subtasks.getByRole("button", { name: 'Rename subtask "Bake a cake"' }).click();
  const rename = subtasks.getByRole("textbox", { name: 'Rename subtask "Bake a cake"' });
  await rename.fill("Order a cake");
  await rename.press("Enter");
  await expect(
    subtasks.getByRole("button", { name: 'Rename subtask "Order a cake"' }),
  ).toBeVisible();

  await subtasks.getByRole("button", { name: 'Delete subtask "Buy candles"' }).click();
  await expect(parent.getByText("1 of 2 subtasks done")).toBeVisible();

  // What the API kept, after a reload.
  await page.reload();
  await expect(taskItem(page, "Plan the party").getByText("1 of 2 subtasks done")).toBeVisible();
  await expect(inboxLink(page)).toHaveAccessibleName("Inbox 1 open");
  await taskItem(page, "Plan the party")
    .getByRole("button", { name: 'Edit details of "Plan the party"' })
    .click();
  const list = page.getByRole("list", { name: "Subtasks of “Plan the party”" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(list.getByRole("checkbox", { name: 'Reopen subtask "Send invites"' })).toBeChecked();
  await expect(list.getByRole("button", { name: 'Rename subtask "Order a cake"' })).toBeVisible();
});

test("a viewer of a shared list reads a task's subtasks and cannot change them", async ({
  page,
  browser,
}) => {
  const owner = await browser.newContext();
  try {
    await signUpWith(owner.request, newAccount("Olga Owner"));
    const headers = await bearerFor(owner.request);
    const listAnswer = await owner.request.post(`${API_URL}/api/lists`, {
      headers,
      data: { name: "Move house" },
    });
    const { id: listId } = (await listAnswer.json()) as { id: string };
    const post = async (data: object) => {
      const answer = await owner.request.post(`${API_URL}/api/tasks`, { headers, data });
      expect(answer.status()).toBe(201);
      return (await answer.json()) as { id: string };
    };
    const parent = await post({ title: "Pack the kitchen", listId });
    await post({ title: "Wrap the plates", parentId: parent.id, completed: true });
    await post({ title: "Label the boxes", parentId: parent.id });
    const invite = await owner.request.post(`${API_URL}/api/lists/${listId}/invites`, {
      headers,
      data: { role: "viewer" },
    });
    const { code } = (await invite.json()) as { code: string };

    await signUp(page, newAccount("Vic Viewer"));
    const accepted = await page.request.post(`${API_URL}/api/invites/${code}/accept`, {
      headers: await bearerFor(page.request),
    });
    expect(accepted.status()).toBe(201);
    await page.goto(`/tasks?list=${listId}`);
    const item = taskItem(page, "Pack the kitchen");
    await expect(item.getByText("1 of 2 subtasks done")).toBeVisible();
    await item.getByRole("button", { name: 'Subtasks of "Pack the kitchen"' }).click();
    const list = page.getByRole("list", { name: "Subtasks of “Pack the kitchen”" });
    await expect(list.getByRole("listitem")).toHaveText([
      "✓Wrap the plates, done",
      "○Label the boxes, open",
    ]);
    await expect(item.getByRole("checkbox")).toHaveCount(0);
    await expect(item.getByRole("button", { name: /Rename|Delete/ })).toHaveCount(0);
    await expect(item.getByLabel("New subtask")).toHaveCount(0);
  } finally {
    await owner.close();
  }
});
