import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { bearerFor, expect, signUp, test } from "./support/fixtures";
import { API_URL, WEB_URL } from "./support/services";

/**
 * Every page and dialog, scanned by axe-core in both themes, signed in and signed out. Every rule
 * axe runs by default is on (WCAG 2.x A and AA, and its best practices); any violation fails.
 * A new page or dialog is one more entry in SCENES: where to go, what to do there, and what must
 * be on screen before the scan.
 */
interface Scene {
  name: string;
  path: string;
  signedIn: boolean;
  /** Runs before the page is opened (to hold back or refuse its requests). */
  before?: (page: Page) => Promise<unknown>;
  /** Brings the opened page into the state to scan. */
  act?: (page: Page) => Promise<unknown>;
  /** Visible once the page (and `act`) has finished rendering. */
  ready: (page: Page) => Locator;
  /** console.error lines this scene causes on purpose (a refused request, a 404 page). */
  allowConsoleErrors?: RegExp[];
}

const settledList = (page: Page) =>
  page.getByRole("list", { name: "Tasks" }).and(page.locator('[aria-busy="false"]'));
/** On the tasks page once the seeded tasks are shown (and the page is hydrated). */
const onTasks =
  (act: (page: Page) => Promise<unknown> = async () => {}) =>
  async (page: Page) => {
    await expect(settledList(page)).toBeVisible();
    await act(page);
  };
const taskRequests = `${API_URL}/api/tasks?*`;
const notFound = (signedIn: boolean): Scene => ({
  name: `not found, signed ${signedIn ? "in" : "out"}`,
  path: "/no-such-page",
  signedIn,
  allowConsoleErrors: [/status of 404/],
  ready: (p) => p.getByRole("heading", { name: "Page not found" }),
});

const SCENES: Scene[] = [
  { name: "home", path: "/", signedIn: false, ready: (p) => p.getByRole("heading", { level: 1 }) },
  { name: "sign-in", path: "/sign-in", signedIn: false, ready: (p) => p.getByLabel("Password") },
  {
    name: "sign-in, refused",
    path: "/sign-in",
    signedIn: false,
    allowConsoleErrors: [/status of 401/],
    act: async (page) => {
      await page.getByLabel("Email").fill("nobody@example.test");
      await page.getByLabel("Password").fill("not the password");
      await page.getByRole("button", { name: "Sign in" }).click();
    },
    ready: (p) => p.getByRole("main").getByRole("alert"),
  },
  { name: "sign-up", path: "/sign-up", signedIn: false, ready: (p) => p.getByLabel("Name") },
  notFound(false),
  { name: "tasks", path: "/tasks", signedIn: true, act: onTasks(), ready: settledList },
  {
    name: "tasks, loading",
    path: "/tasks",
    signedIn: true,
    before: (page) => page.route(taskRequests, () => {}),
    ready: (p) => p.getByText("Loading tasks…"),
  },
  {
    name: "tasks, the API unreachable",
    path: "/tasks",
    signedIn: true,
    allowConsoleErrors: [/ERR_CONNECTION_REFUSED/],
    before: (page) => page.route(taskRequests, (route) => route.abort("connectionrefused")),
    ready: (p) => p.getByText("Your tasks could not be loaded."),
  },
  {
    name: "tasks, editing a task",
    path: "/tasks",
    signedIn: true,
    act: onTasks((p) =>
      p.getByRole("button", { name: 'Edit details of "Review the budget"' }).click(),
    ),
    ready: (p) => p.getByRole("form", { name: 'Details of "Review the budget"' }),
  },
  {
    name: "tasks, a title missing",
    path: "/tasks",
    signedIn: true,
    act: onTasks(async (page) => {
      await page.getByRole("button", { name: "More options" }).click();
      await page.getByRole("button", { name: "Add" }).click();
    }),
    ready: (p) => p.getByText("Give the task a title."),
  },
  {
    name: "tasks, a task deleted (undo)",
    path: "/tasks",
    signedIn: true,
    act: onTasks((p) => p.getByRole("button", { name: 'Delete "Water the plants"' }).click()),
    ready: (p) => p.getByRole("status").filter({ hasText: "Deleted" }),
  },
  {
    name: "tasks, keyboard shortcuts dialog",
    path: "/tasks",
    signedIn: true,
    act: onTasks((p) => p.keyboard.press("?")),
    ready: (p) => p.getByRole("dialog", { name: "Keyboard shortcuts" }),
  },
  {
    name: "tasks, a list's delete confirmation",
    path: "/tasks",
    signedIn: true,
    act: onTasks(async (page) => {
      const lists = page.getByRole("navigation", { name: "Lists" });
      await lists.getByLabel("New list name").fill("Errands");
      await lists.getByRole("button", { name: "Create list" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Errands");
      await page.getByRole("button", { name: "Delete list" }).click();
    }),
    ready: (p) => p.getByRole("dialog", { name: "Delete “Errands”?" }),
  },
  {
    name: "tasks, nothing matches",
    path: "/tasks",
    signedIn: true,
    act: onTasks((p) => p.getByLabel("Search").fill("nothing like this")),
    ready: (p) => p.getByText("No tasks match"),
  },
  {
    name: "account",
    path: "/account",
    signedIn: true,
    ready: (p) => p.getByRole("list", { name: "Sessions" }),
  },
  {
    name: "account, deleting with a wrong password",
    path: "/account",
    signedIn: true,
    allowConsoleErrors: [/status of 40[01]/],
    act: async (page) => {
      await page.getByRole("button", { name: "Delete my account…" }).click();
      await page.getByLabel("Confirm with your password").fill("wrong password");
      await page.getByRole("button", { name: "Delete account and all tasks" }).click();
    },
    ready: (p) => p.getByRole("main").getByRole("alert"),
  },
  notFound(true),
];

/** Tasks that bring out every badge and state: priorities, due dates, done, a description. */
async function seedTasks(page: Page): Promise<void> {
  const headers = await bearerFor(page.request);
  const today = new Date();
  const inDays = (days: number) =>
    new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const tasks = [
    { title: "Water the plants", priority: "low" },
    { title: "File the taxes", priority: "high", dueDate: inDays(-3), description: "Receipts" },
    { title: "Review the budget", dueDate: inDays(1), description: "With the team" },
    { title: "Book the trip", dueDate: inDays(30) },
    { title: "Renew the passport", completed: true },
  ];
  for (const { completed, ...task } of tasks) {
    const created = await page.request.post(`${API_URL}/api/tasks`, { headers, data: task });
    expect(created.status()).toBe(201);
    if (completed) {
      const { id } = (await created.json()) as { id: string };
      const done = await page.request.patch(`${API_URL}/api/tasks/${id}`, {
        headers,
        data: { completed: true },
      });
      expect(done.status()).toBe(200);
    }
  }
}

function describeViolations(violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"]) {
  return violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`),
  }));
}

for (const theme of ["light", "dark"] as const) {
  for (const scene of SCENES) {
    test.describe(() => {
      test.use({ allowConsoleErrors: scene.allowConsoleErrors ?? [] });

      test(`${scene.name}, ${theme} theme: no accessibility violations`, async ({ page }) => {
        // The chosen theme (the cookie) against the opposite system setting, and no transitions
        // half-way when axe reads the colours.
        await page.emulateMedia({
          colorScheme: theme === "dark" ? "light" : "dark",
          reducedMotion: "reduce",
        });
        await page.context().addCookies([{ name: "theme", value: theme, url: WEB_URL }]);
        if (scene.signedIn) {
          await signUp(page);
          await seedTasks(page);
        }
        await scene.before?.(page);
        await page.goto(scene.path);
        if (scene.act) await scene.act(page);
        await expect(scene.ready(page)).toBeVisible();
        await expect(page.locator("html")).toHaveAttribute("data-theme", theme);

        const results = await new AxeBuilder({ page }).analyze();
        expect(describeViolations(results.violations)).toEqual([]);
      });
    });
  }
}
