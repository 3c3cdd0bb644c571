import type { Page } from "@playwright/test";
import { expect, signUp, test } from "./support/fixtures";
import { dayFromToday, tasksApi } from "./support/tasks-api";

// Today (due today or overdue) and Upcoming (the next seven days, by day): beside the lists, with
// live counts, across every list, each task naming its list.

const nav = (page: Page) => page.getByRole("navigation", { name: "Lists" });
const viewLink = (page: Page, name: string) =>
  nav(page)
    .getByRole("list", { name: "Views" })
    .getByRole("link", { name: new RegExp(`^${name} \\d+\\+? open$`) });
const section = (page: Page, heading: string) =>
  page.getByRole("region", { name: heading, exact: true });

/** How the page names a day (the browser's locale). */
const dayHeading = (page: Page, day: string) =>
  page.evaluate(
    (d) =>
      new Date(`${d}T12:00:00`).toLocaleDateString(undefined, {
        weekday: "short",
        month: "short",
        day: "numeric",
      }),
    day,
  );

test("Today and Upcoming show the right tasks by day, with counts, each naming its list", async ({
  page,
}) => {
  await signUp(page);
  const api = await tasksApi(page);
  const work = await api.createList("Work");
  await api.createTask({ title: "Overdue report", dueDate: dayFromToday(-2), listId: work.id });
  await api.createTask({ title: "Call the bank", dueDate: dayFromToday(0) });
  await api.createTask({ title: "Done already", dueDate: dayFromToday(0), completed: true });
  await api.createTask({ title: "Buy a gift", dueDate: dayFromToday(1), listId: work.id });
  await api.createTask({ title: "Book the dentist", dueDate: dayFromToday(3) });
  await api.createTask({ title: "Renew the lease", dueDate: dayFromToday(7) });
  await api.createTask({ title: "Far away", dueDate: dayFromToday(8) });
  await api.createTask({ title: "Someday" });

  await page.goto("/tasks");
  await expect(viewLink(page, "Today")).toHaveAccessibleName("Today 2 open");
  await expect(viewLink(page, "Upcoming")).toHaveAccessibleName("Upcoming 3 open");

  // Keyboard: the view is a link like the lists; Enter opens it, and the URL says which.
  await viewLink(page, "Today").focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/tasks\?view=today$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Today");
  await expect(viewLink(page, "Today")).toHaveAttribute("aria-current", "page");
  await expect(section(page, "Overdue").getByRole("listitem")).toHaveCount(1);
  await expect(section(page, "Overdue")).toContainText("Overdue report");
  await expect(section(page, "Overdue")).toContainText("In Work");
  await expect(section(page, "Today")).toContainText("Call the bank");
  await expect(section(page, "Today")).toContainText("In Inbox");
  await expect(page.getByText("Done already")).toHaveCount(0);

  // Completing a task takes it out of the view, and the count follows at once.
  await page.getByRole("checkbox", { name: 'Complete "Call the bank"' }).click();
  await expect(page.getByText("Call the bank")).toHaveCount(0);
  await expect(viewLink(page, "Today")).toHaveAccessibleName("Today 1 open");

  await page.goto("/tasks?view=upcoming");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Upcoming");
  const headings = page.locator(".due-group h2");
  await expect(headings).toHaveText([
    await dayHeading(page, dayFromToday(1)),
    await dayHeading(page, dayFromToday(3)),
    await dayHeading(page, dayFromToday(7)),
  ]);
  await expect(section(page, await dayHeading(page, dayFromToday(1)))).toContainText("Buy a gift");
  await expect(page.getByText("Far away")).toHaveCount(0);
  await expect(page.getByText("Someday")).toHaveCount(0);
});

test("a task added in Today is due today; completing a recurring one brings the next into Upcoming", async ({
  page,
}) => {
  await signUp(page);
  await page.goto("/tasks?view=today");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Today");
  const title = page.getByRole("form", { name: "Add a task" }).getByLabel("New task title");
  await expect(title).toBeEnabled();
  await expect(page.getByText("Nothing due today")).toBeVisible();

  await title.fill("Tidy the desk");
  await title.press("Enter");
  await expect(section(page, "Today")).toContainText("Tidy the desk");
  await title.fill("Stretch every day");
  await title.press("Enter");
  await expect(section(page, "Today")).toContainText("Every day");
  await expect(viewLink(page, "Today")).toHaveAccessibleName("Today 2 open");
  await expect(viewLink(page, "Upcoming")).toHaveAccessibleName("Upcoming 0 open");

  await page.getByRole("checkbox", { name: 'Complete "Stretch"' }).click();
  await expect(viewLink(page, "Today")).toHaveAccessibleName("Today 1 open");
  // The next occurrence (tomorrow) reaches Upcoming's count through the live events.
  await expect(viewLink(page, "Upcoming")).toHaveAccessibleName("Upcoming 1 open");
  await viewLink(page, "Upcoming").click();
  await expect(page).toHaveURL(/\/tasks\?view=upcoming$/);
  await expect(section(page, await dayHeading(page, dayFromToday(1)))).toContainText("Stretch");

  // Back to a list: the lists page as before.
  await nav(page)
    .getByRole("link", { name: /^Inbox/ })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inbox");
  await expect(page.getByRole("list", { name: "Tasks" })).toContainText("Tidy the desk");
});
