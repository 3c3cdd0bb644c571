import type { Page } from "@playwright/test";
import { bearerFor, expect, signUp, test } from "./support/fixtures";
import { API_URL } from "./support/services";

/**
 * Due times and reminders (docs/decisions/0031-due-time-and-reminders.md). The browser is in
 * Paris whatever the machine's zone, and may show notifications.
 */
test.use({ timezoneId: "Europe/Paris", permissions: ["notifications"] });

/** The wall-clock date and time in Paris of `at`, as the API takes them. */
function parisClock(at: Date): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Paris",
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    date: `${get("year")}-${get("month")}-${get("day")}`,
    time: `${get("hour")}:${get("minute")}`,
  };
}

async function seed(page: Page, task: object): Promise<{ id: string }> {
  const created = await page.request.post(`${API_URL}/api/tasks`, {
    headers: await bearerFor(page.request),
    data: task,
  });
  expect(created.status()).toBe(201);
  return (await created.json()) as { id: string };
}

const settledList = (page: Page) =>
  page.getByRole("list", { name: "Tasks" }).and(page.locator('[aria-busy="false"]'));

test("a time and a reminder set in the editor show on the task and are kept in the browser's zone", async ({
  page,
}) => {
  await signUp(page);
  const { date } = parisClock(new Date(Date.now() + 2 * 86_400_000));
  const task = await seed(page, { title: "Dentist", dueDate: date });
  await page.goto("/tasks");
  await expect(settledList(page).getByText("Dentist")).toBeVisible();

  await page.getByRole("button", { name: 'Edit details of "Dentist"' }).click();
  const editor = page.getByRole("form", { name: 'Details of "Dentist"' });
  await editor.getByLabel("Time").fill("09:30");
  await editor.getByLabel("Remind me").selectOption({ label: "15 minutes before" });
  const saved = page.waitForResponse(
    (r) => r.url().endsWith(`/api/tasks/${task.id}`) && r.request().method() === "PATCH",
  );
  await editor.getByRole("button", { name: "Save" }).click();
  expect((await saved).status()).toBe(200);

  const item = page.locator(`[data-task-id="${task.id}"]`);
  await expect(item).toContainText("at 09:30");
  await expect(item).toContainText("Reminder 15 minutes before");
  const stored = await page.request.get(`${API_URL}/api/tasks/${task.id}`, {
    headers: await bearerFor(page.request),
  });
  expect(await stored.json()).toMatchObject({
    dueDate: date,
    dueTime: "09:30",
    timeZone: "Europe/Paris",
    reminderMinutes: 15,
  });
});

test("the browser shows the reminder through the service worker when its time comes", async ({
  page,
}) => {
  // The reminder is due within the next minute of the real clock: the test waits for it.
  test.setTimeout(120_000);
  await signUp(page);
  const { date, time } = parisClock(new Date(Date.now() + 60_000));
  await seed(page, {
    title: "Call the plumber",
    dueDate: date,
    dueTime: time,
    timeZone: "Europe/Paris",
    reminderMinutes: 0,
  });
  await page.goto("/tasks");
  await expect(settledList(page).getByText("Call the plumber")).toBeVisible();
  await expect(page.locator(".badge", { hasText: "Reminder at the time" })).toBeVisible();

  const shown = () =>
    page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      const notifications = await registration.getNotifications();
      return notifications.map((n) => ({ title: n.title, body: n.body }));
    });
  await expect
    .poll(shown, { timeout: 90_000, intervals: [1000] })
    .toEqual([{ title: "Call the plumber", body: expect.stringMatching(/^Due now \(/) }]);
});
