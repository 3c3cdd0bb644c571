import type { Page } from "@playwright/test";
import { expect, signUp, test } from "./support/fixtures";
import { nextMonday, tasksApi } from "./support/tasks-api";

// Quick add: the new-task field reads plain words; what it understood shows as chips before the
// task is saved, and a removed chip leaves its words in the title.

const form = (page: Page) => page.getByRole("form", { name: "Add a task" });
const titleField = (page: Page) => form(page).getByLabel("New task title");
const chips = (page: Page) => form(page).getByRole("list", { name: "Understood from the title" });
const taskItem = (page: Page, title: string) =>
  page.getByRole("list", { name: "Tasks" }).getByRole("listitem").filter({ hasText: title });

async function openTasks(page: Page) {
  await page.goto("/tasks");
  await expect(titleField(page)).toBeEnabled();
}

test("“Water the ferns every monday !high @garden” saves a weekly, high-priority, tagged task due Monday", async ({
  page,
}) => {
  await signUp(page);
  const api = await tasksApi(page);
  await openTasks(page);
  await titleField(page).fill("Water the ferns every monday !high @garden");
  await expect(chips(page).getByRole("button")).toHaveText([
    /^Every week on Mon/,
    /^High priority/,
    /^@garden/,
  ]);
  await form(page).getByRole("button", { name: "Add", exact: true }).click();

  const item = taskItem(page, "Water the ferns");
  await expect(item.getByRole("button", { name: "Water the ferns", exact: true })).toBeVisible();
  await expect(item).toContainText("High priority");
  await expect(item).toContainText("Every week on Mon");
  await expect(item.getByRole("list", { name: "Tags" })).toHaveText("garden");
  await expect(titleField(page)).toHaveValue("");
  await expect(chips(page)).toHaveCount(0);

  const [saved] = await api.tasks();
  expect(saved).toMatchObject({
    title: "Water the ferns",
    priority: "high",
    recurrence: "FREQ=WEEKLY;BYDAY=MO",
    dueDate: nextMonday(),
    tags: ["garden"],
  });
});

test("removing a chip keeps its words in the title; #List puts the task in that list", async ({
  page,
}) => {
  await signUp(page);
  const api = await tasksApi(page);
  const club = await api.createList("Garden club");
  await openTasks(page);

  await titleField(page).fill("Call the club tomorrow #garden CLUB");
  const removeDue = chips(page).getByRole("button", { name: /^Remove due date / });
  await expect(removeDue).toBeVisible();
  await expect(chips(page).getByRole("button", { name: "Remove list Garden club" })).toBeVisible();
  await removeDue.click();
  await expect(chips(page).getByRole("button", { name: /^Remove due date / })).toHaveCount(0);
  // Typing on does not bring the removed chip back.
  await titleField(page).press("End");
  await titleField(page).pressSequentially(" !low");
  await expect(chips(page).getByRole("button")).toHaveText([/^In Garden club/, /^Low priority/]);
  await form(page).getByRole("button", { name: "Add", exact: true }).click();
  await expect(titleField(page)).toHaveValue("");

  await expect
    .poll(async () => (await api.tasks(`listId=${club.id}`)).map((t) => t.title))
    .toEqual(["Call the club tomorrow"]);
  const [saved] = await api.tasks(`listId=${club.id}`);
  expect(saved).toMatchObject({ dueDate: null, priority: "low", recurrence: null });
});

test("typing @ suggests the tags already in use, and the editor suggests them too", async ({
  page,
}) => {
  await signUp(page);
  const api = await tasksApi(page);
  await api.createTask({ title: "Prune the roses", tags: ["garden"] });
  await api.createTask({ title: "Pay the bills", tags: ["home"] });
  await openTasks(page);
  await expect(taskItem(page, "Prune the roses")).toBeVisible();

  await titleField(page).fill("Weed the beds @gar");
  const suggestions = form(page).getByRole("list", { name: "Tag suggestions" });
  await expect(suggestions.getByRole("button")).toHaveText(["@garden"]);
  await suggestions.getByRole("button", { name: "@garden" }).click();
  await expect(titleField(page)).toHaveValue("Weed the beds @garden ");
  await expect(titleField(page)).toBeFocused();
  await expect(chips(page).getByRole("button", { name: "Remove tag garden" })).toBeVisible();
  await titleField(page).press("Enter");
  await expect(taskItem(page, "Weed the beds").getByRole("list", { name: "Tags" })).toHaveText(
    "garden",
  );

  // The editor: remove one tag, add another (Enter adds it, it does not save the form).
  const bills = taskItem(page, "Pay the bills");
  await bills.getByRole("button", { name: 'Edit details of "Pay the bills"' }).click();
  const editor = page.getByRole("form", { name: 'Details of "Pay the bills"' });
  await expect(editor.locator("datalist option")).toHaveCount(1);
  await expect(editor.locator("datalist option")).toHaveAttribute("value", "garden");
  await editor.getByRole("button", { name: "Remove tag home" }).click();
  await editor.getByRole("combobox", { name: "Tags" }).fill("Bills");
  await editor.getByRole("combobox", { name: "Tags" }).press("Enter");
  await editor.getByRole("combobox", { name: "Tags" }).fill("urgent");
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(bills.getByRole("list", { name: "Tags" }).getByRole("listitem")).toHaveText([
    "Bills",
    "urgent",
  ]);
  await expect
    .poll(async () => (await api.tasks("q=bills")).map((t) => t.tags))
    .toEqual([["Bills", "urgent"]]);
});

test("the editor sets a repeat rule, says it in words, and can turn it off", async ({ page }) => {
  await signUp(page);
  const api = await tasksApi(page);
  await api.createTask({ title: "Clean the gutters", dueDate: "2030-03-04" });
  await openTasks(page);

  const item = taskItem(page, "Clean the gutters");
  const edit = item.getByRole("button", { name: 'Edit details of "Clean the gutters"' });
  await edit.click();
  const editor = page.getByRole("form", { name: 'Details of "Clean the gutters"' });
  const repeat = editor.getByRole("group", { name: "Repeat" });
  await repeat.getByLabel("Repeats").selectOption("WEEKLY");
  await repeat.getByLabel("Every").fill("2");
  // The due day (a Monday) is checked already; Thursday joins it.
  await expect(repeat.getByLabel("Mon")).toBeChecked();
  await repeat.getByLabel("Thu").check();
  await expect(repeat).toContainText("Every 2 weeks on Mon and Thu");
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(item).toContainText("Every 2 weeks on Mon and Thu");
  await expect
    .poll(async () => (await api.tasks()).map((t) => t.recurrence))
    .toEqual(["FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"]);

  await edit.click();
  await repeat.getByLabel("Repeats").selectOption("MONTHLY");
  await expect(repeat.getByLabel("On day")).toHaveValue("4");
  await repeat.getByLabel("On day").fill("31");
  await expect(repeat).toContainText("Every 2 months on the 31st");
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(item).toContainText("Every 2 months on the 31st");

  await edit.click();
  await repeat.getByLabel("Repeats").selectOption("");
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(item).not.toContainText("Every");
  await expect.poll(async () => (await api.tasks()).map((t) => t.recurrence)).toEqual([null]);
});
