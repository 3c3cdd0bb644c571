import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Cookie, Locator, Page } from "@playwright/test";
import { test as base, bearerFor, expect, signUp, signUpWith } from "./support/fixtures";
import { tasksAppHydrated } from "./support/hydration";
import { API_URL, startApi, stopApi, WEB_URL } from "./support/services";

/**
 * Every page and dialog, scanned by axe-core in both themes, signed in and signed out. Every rule
 * axe runs by default is on (WCAG 2.x A and AA, and its best practices); any violation fails.
 * A new page or dialog is one more entry in SCENES: where to go, what to do there, and what must
 * be on screen before the scan.
 *
 * One test per scene scans it in both themes: the first theme as the server renders it from the
 * cookie, the second switched in place as the header's theme menu does (decision 0014), so the
 * scene is reached once. A signed-in scene that only reads opens the account the scenes share
 * (signed up and seeded once per worker); one that changes its account gets an account of its own.
 */
interface Scene {
  name: string;
  path: string;
  /** Signed out, signed in to the shared account, or to an account of its own. */
  account: "none" | "shared" | "own";
  /** Runs before the page is opened (to hold back or refuse its requests). */
  before?: (page: Page) => Promise<unknown>;
  /** Runs after the scans, whatever their outcome (to undo what `before` did to the services). */
  after?: () => Promise<unknown>;
  /** Brings the opened page into the state to scan. */
  act?: (page: Page) => Promise<unknown>;
  /** Visible once the page (and `act`) has finished rendering, and still after the scans. */
  ready: (page: Page) => Locator;
  /** console.error lines this scene causes on purpose (a refused request, a 404 page). */
  allowConsoleErrors?: RegExp[];
  /**
   * The state ends by itself (the undo toast's five seconds), too soon for two scans: it is
   * reached again for the second theme instead of switched in place.
   */
  shortLived?: boolean;
}

const settledList = (page: Page) =>
  page.getByRole("list", { name: "Tasks" }).and(page.locator('[aria-busy="false"]'));
/** On the tasks page once the seeded tasks are shown (and the page is hydrated). */
const onTasks =
  (act: (page: Page) => Promise<unknown> = async () => {}) =>
  async (page: Page) => {
    await expect(settledList(page)).toBeVisible();
    await tasksAppHydrated(page);
    await act(page);
  };
const apiRequests = `${API_URL}/api/**`;
/**
 * The server puts the first tasks in the page's HTML; the API stopped, it cannot, and the page
 * is left to the browser, whose requests the scene then holds back or refuses.
 */
const withoutServerData = (route: (page: Page) => Promise<unknown>) => ({
  before: async (page: Page) => {
    await stopApi();
    await route(page);
  },
  after: () => startApi(),
});
const notFound = (signedIn: boolean): Scene => ({
  name: `not found, signed ${signedIn ? "in" : "out"}`,
  path: "/no-such-page",
  account: signedIn ? "shared" : "none",
  allowConsoleErrors: [/status of 404/],
  ready: (p) => p.getByRole("heading", { name: "Page not found" }),
});

const SCENES: Scene[] = [
  { name: "home", path: "/", account: "none", ready: (p) => p.getByRole("heading", { level: 1 }) },
  { name: "sign-in", path: "/sign-in", account: "none", ready: (p) => p.getByLabel("Password") },
  {
    name: "sign-in, refused",
    path: "/sign-in",
    account: "none",
    allowConsoleErrors: [/status of 401/],
    act: async (page) => {
      await page.getByLabel("Email").fill("nobody@example.test");
      await page.getByLabel("Password").fill("not the password");
      await page.getByRole("button", { name: "Sign in" }).click();
    },
    ready: (p) => p.getByRole("main").getByRole("alert"),
  },
  { name: "sign-up", path: "/sign-up", account: "none", ready: (p) => p.getByLabel("Name") },
  notFound(false),
  { name: "tasks", path: "/tasks", account: "shared", act: onTasks(), ready: settledList },
  {
    name: "tasks, loading",
    path: "/tasks",
    account: "shared",
    allowConsoleErrors: [/ERR_CONNECTION_REFUSED/],
    ...withoutServerData((page) => page.route(apiRequests, () => {})),
    ready: (p) => p.getByText("Loading tasks…"),
  },
  {
    name: "tasks, the API unreachable",
    path: "/tasks",
    account: "shared",
    allowConsoleErrors: [/ERR_CONNECTION_REFUSED/],
    ...withoutServerData((page) =>
      page.route(apiRequests, (route) => route.abort("connectionrefused")),
    ),
    ready: (p) => p.getByText("Your tasks could not be loaded."),
  },
  {
    name: "tasks, editing a task",
    path: "/tasks",
    account: "shared",
    act: onTasks((p) =>
      p.getByRole("button", { name: 'Edit details of "Review the budget"' }).click(),
    ),
    ready: (p) => p.getByRole("form", { name: 'Details of "Review the budget"' }),
  },
  {
    name: "tasks, a task's details with subtasks",
    path: "/tasks",
    account: "shared",
    act: onTasks((p) =>
      p.getByRole("button", { name: 'Edit details of "Water the plants"' }).click(),
    ),
    ready: (p) => p.getByRole("list", { name: "Subtasks of “Water the plants”" }),
  },
  {
    name: "tasks, in manual order (drag handles)",
    path: "/tasks",
    account: "shared",
    act: onTasks((p) => p.getByLabel("Sort").selectOption({ label: "Manual order" })),
    // Once dnd-kit, loaded after the page, has taken the handles over.
    ready: (p) =>
      p
        .getByRole("button", { name: 'Move "Water the plants"' })
        .and(p.locator('[aria-roledescription="sortable"]')),
  },
  {
    name: "tasks, a task completed (undo)",
    path: "/tasks",
    account: "own",
    shortLived: true,
    act: onTasks((p) =>
      settledList(p)
        .getByRole("checkbox", { name: /^Complete "/ })
        .first()
        .check(),
    ),
    ready: (p) => p.getByRole("status").filter({ hasText: "Completed" }),
  },
  {
    name: "tasks, a title missing",
    path: "/tasks",
    account: "shared",
    act: onTasks(async (page) => {
      await page.getByRole("button", { name: "More options" }).click();
      await page.getByRole("button", { name: "Add" }).click();
    }),
    ready: (p) => p.getByText("Give the task a title."),
  },
  {
    name: "tasks, a task deleted (undo)",
    path: "/tasks",
    account: "own",
    shortLived: true,
    act: onTasks((p) =>
      settledList(p)
        .getByRole("button", { name: /^Delete "/ })
        .first()
        .click(),
    ),
    ready: (p) => p.getByRole("status").filter({ hasText: "Deleted" }),
  },
  {
    name: "tasks, keyboard shortcuts dialog",
    path: "/tasks",
    account: "shared",
    act: onTasks((p) => p.keyboard.press("?")),
    ready: (p) => p.getByRole("dialog", { name: "Keyboard shortcuts" }),
  },
  {
    name: "tasks, a list's delete confirmation",
    path: "/tasks",
    account: "own",
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
    name: "tasks, share dialog with a new invite link",
    path: "/tasks",
    account: "own",
    act: onTasks(async (page) => {
      const lists = page.getByRole("navigation", { name: "Lists" });
      await lists.getByLabel("New list name").fill("Errands");
      await lists.getByRole("button", { name: "Create list" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Errands");
      await page.getByRole("button", { name: "Share" }).click();
      await page.getByRole("button", { name: "Create invite link" }).click();
    }),
    ready: (p) => p.getByRole("dialog", { name: "Share “Errands”" }).getByLabel(/Invite link/),
  },
  {
    name: "join page",
    path: "/tasks",
    account: "own",
    act: async (page) => {
      const { code } = await sharedListInvite(page, "viewer");
      await page.goto(`/join/${code}`);
    },
    ready: (p) => p.getByRole("button", { name: "Join “Garden”" }),
  },
  {
    name: "join page, invalid code",
    path: "/join/not-a-code",
    account: "shared",
    ready: (p) => p.getByRole("alert").filter({ hasText: "not valid" }),
  },
  {
    name: "tasks, a list shared with a viewer",
    path: "/tasks",
    account: "own",
    act: async (page) => {
      const { code } = await sharedListInvite(page, "viewer");
      const accepted = await page.request.post(`${API_URL}/api/invites/${code}/accept`, {
        headers: await bearerFor(page.request),
      });
      expect(accepted.status()).toBe(201);
      const { listId } = (await accepted.json()) as { listId: string };
      await page.goto(`/tasks?list=${listId}`);
      await expect(settledList(page)).toBeVisible();
    },
    ready: (p) => p.getByText("Shared with you · view only"),
  },
  {
    name: "tasks, offline with a change waiting",
    path: "/tasks",
    account: "own",
    // The live stream's reconnection attempts fail while the browser is offline.
    allowConsoleErrors: [/ERR_INTERNET_DISCONNECTED/],
    act: onTasks(async (page) => {
      await page.context().setOffline(true);
      await page.getByPlaceholder("What needs doing?").fill("Written offline");
      await page.getByRole("button", { name: "Add" }).click();
    }),
    ready: (p) => p.getByRole("status").filter({ hasText: "Offline — 1 change waiting" }),
  },
  {
    name: "tasks, nothing matches",
    path: "/tasks",
    account: "shared",
    act: onTasks((p) => p.getByLabel("Search").fill("nothing like this")),
    ready: (p) => p.getByText("No tasks match"),
  },
  {
    name: "tasks, quick add understood the title",
    path: "/tasks",
    account: "shared",
    act: onTasks((p) =>
      p.getByLabel("New task title").fill("Plan the party every month on the 1st !high @trav"),
    ),
    ready: (p) => p.getByRole("list", { name: "Tag suggestions" }),
  },
  {
    name: "tasks, editing a task's repeat rule",
    path: "/tasks",
    account: "shared",
    act: onTasks(async (p) => {
      await p.getByRole("button", { name: 'Edit details of "Review the budget"' }).click();
      await p.getByLabel("Repeats").selectOption("WEEKLY");
    }),
    ready: (p) => p.getByRole("group", { name: "On" }),
  },
  {
    name: "today view",
    path: "/tasks?view=today",
    account: "shared",
    ready: (p) => p.getByRole("region", { name: "Overdue" }).getByRole("listitem"),
  },
  {
    name: "upcoming view",
    path: "/tasks?view=upcoming",
    account: "shared",
    ready: (p) => p.locator(".due-group").getByRole("listitem"),
  },
  {
    name: "account",
    path: "/account",
    account: "shared",
    ready: (p) => p.getByRole("list", { name: "Sessions" }),
  },
  {
    name: "account, deleting with a wrong password",
    path: "/account",
    account: "own",
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

/**
 * Someone else's list "Garden" with a task, and an invite code to it for `role`: that person signs
 * up in a browser context of their own, so the page keeps its session.
 */
async function sharedListInvite(page: Page, role: "editor" | "viewer") {
  const browser = page.context().browser();
  if (!browser) throw new Error("no browser");
  const owner = await browser.newContext();
  try {
    await signUpWith(owner.request);
    const headers = await bearerFor(owner.request);
    const list = await owner.request.post(`${API_URL}/api/lists`, {
      headers,
      data: { name: "Garden" },
    });
    const { id } = (await list.json()) as { id: string };
    await owner.request.post(`${API_URL}/api/tasks`, {
      headers,
      data: { title: "Plant the tulips", listId: id, priority: "high" },
    });
    const invite = await owner.request.post(`${API_URL}/api/lists/${id}/invites`, {
      headers,
      data: { role },
    });
    expect(invite.status()).toBe(201);
    return (await invite.json()) as { code: string };
  } finally {
    await owner.close();
  }
}

/**
 * Tasks that bring out every badge and state: priorities, due dates, done, a description, tags,
 * a rule, a subtask's progress.
 */
async function seedTasks(request: APIRequestContext): Promise<void> {
  const headers = await bearerFor(request);
  const today = new Date();
  const inDays = (days: number) =>
    new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const tasks = [
    { title: "Water the plants", priority: "low" },
    { title: "File the taxes", priority: "high", dueDate: inDays(-3), description: "Receipts" },
    { title: "Review the budget", dueDate: inDays(1), description: "With the team" },
    { title: "Book the trip", dueDate: inDays(30), tags: ["travel"], recurrence: "FREQ=YEARLY" },
    { title: "Renew the passport", completed: true },
  ];
  let parentId: string | undefined;
  for (const { completed, ...task } of tasks) {
    const created = await request.post(`${API_URL}/api/tasks`, { headers, data: task });
    expect(created.status()).toBe(201);
    parentId ??= ((await created.json()) as { id: string }).id;
    if (completed) {
      const { id } = (await created.json()) as { id: string };
      const done = await request.patch(`${API_URL}/api/tasks/${id}`, {
        headers,
        data: { completed: true },
      });
      expect(done.status()).toBe(200);
    }
  }
  const subtask = await request.post(`${API_URL}/api/tasks`, {
    headers,
    data: { title: "Buy plant food", parentId },
  });
  expect(subtask.status()).toBe(201);
}

function describeViolations(violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"]) {
  return violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`),
  }));
}

const THEMES = ["light", "dark"] as const;
type Theme = (typeof THEMES)[number];

const test = base.extend<object, { sharedAccount: Cookie[] }>({
  /** The session cookie of an account with the seeded tasks, signed up once per worker. */
  sharedAccount: [
    async ({ playwright }, use) => {
      const request = await playwright.request.newContext();
      await signUpWith(request);
      await seedTasks(request);
      const { cookies } = await request.storageState();
      await request.dispose();
      await use(cookies);
    },
    { scope: "worker" },
  ],
});

/** The chosen theme against the opposite system setting: the choice must win. */
async function chooseTheme(page: Page, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme === "dark" ? "light" : "dark" });
  await page.context().addCookies([{ name: "theme", value: theme, url: WEB_URL }]);
}

for (const scene of SCENES) {
  test.describe(() => {
    test.use({ allowConsoleErrors: scene.allowConsoleErrors ?? [] });

    test(`${scene.name}: no accessibility violations in either theme`, async ({
      page,
      sharedAccount,
    }) => {
      // No transitions half-way when axe reads the colours.
      await page.emulateMedia({ reducedMotion: "reduce" });
      if (scene.account === "shared") await page.context().addCookies(sharedAccount);
      if (scene.account === "own") {
        await signUp(page);
        await seedTasks(page.request);
      }
      await scene.before?.(page);
      try {
        for (const [index, theme] of THEMES.entries()) {
          await test.step(`${theme} theme`, async () => {
            await chooseTheme(page, theme);
            if (index === 0 || scene.shortLived) {
              await page.goto(scene.path);
              await scene.act?.(page);
            } else {
              // As the header's theme menu does: the cookie (above) and the attribute the
              // stylesheet keys on (decision 0014).
              await page.evaluate((value) => {
                document.documentElement.dataset.theme = value;
              }, theme);
            }
            await expect(scene.ready(page)).toBeVisible();
            await expect(page.locator("html")).toHaveAttribute("data-theme", theme);

            // Legacy mode runs axe.run in the page itself instead of opening a second page to
            // merge per-frame results; the app has no frames, and every rule still runs.
            const results = await new AxeBuilder({ page }).setLegacyMode().analyze();
            expect.soft(describeViolations(results.violations), `${theme} theme`).toEqual([]);
            // The scan saw the scene, not what came after it.
            await expect(scene.ready(page)).toBeVisible();
          });
        }
      } finally {
        await scene.after?.();
      }
    });
  });
}
