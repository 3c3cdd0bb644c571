import type { Page } from "@playwright/test";
import { bearerFor, expect, newAccount, signUp, test } from "./support/fixtures";
import { API_URL, WEB_URL } from "./support/services";

const TITLES = ["Buy milk", "Call mum", "Pay rent", "Water ferns"];

/** Tasks created in this order: the API puts each at the end of the manual order. */
async function seed(page: Page, titles: readonly string[] = TITLES): Promise<void> {
  const headers = await bearerFor(page.request);
  for (const title of titles) {
    const response = await page.request.post(`${API_URL}/api/tasks`, { headers, data: { title } });
    expect(response.status()).toBe(201);
  }
}

const taskList = (page: Page) => page.getByRole("list", { name: "Tasks" });
const titles = (page: Page) => taskList(page).locator(":scope > li .task-title");
/** A drag handle, dnd-kit's or the one shown in its place until dnd-kit has arrived. */
const handleShown = (page: Page, name: string) => page.getByRole("button", { name, exact: true });
/** A drag handle once dnd-kit has taken it over (it is loaded after the page: docs/web-app.md). */
const dndHandle = (page: Page, name: string) =>
  handleShown(page, name).and(page.locator('[aria-roledescription="sortable"]'));
const handle = (page: Page, title: string) => dndHandle(page, `Move "${title}"`);
/** dnd-kit's live regions (one per sortable area): what a screen reader hears as items move. */
async function expectAnnounced(page: Page, text: string | RegExp): Promise<void> {
  const regions = page.locator('[id^="DndLiveRegion-"][role="status"]');
  const exactly = typeof text === "string" ? new RegExp(`^${text.replaceAll(".", "\\.")}$`) : text;
  await expect(regions.filter({ hasText: exactly })).toHaveCount(1);
}

/**
 * A picked-up item's neighbours are measured in the frames after the pick-up is announced; an
 * arrow pressed before that has nowhere to go. Waits for two rendered frames.
 */
async function measured(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/** The tasks page in manual order, once that list has loaded (the page is hydrated then). */
async function openManual(page: Page): Promise<void> {
  await page.goto("/tasks");
  await expect(taskList(page).and(page.locator('[aria-busy="false"]'))).toBeVisible();
  const manual = page.waitForResponse(
    (r) => r.url().includes("/api/tasks?") && r.url().includes("sort=manual") && r.ok(),
  );
  await page.getByLabel("Sort").selectOption({ label: "Manual order" });
  await manual;
  await expect(handle(page, TITLES[0] as string)).toBeVisible();
}

/** Waits for the one PATCH a move makes, and checks it was one write beside one anchor. */
function movePatch(page: Page) {
  return page.waitForResponse(
    (r) => r.request().method() === "PATCH" && r.url().includes("/api/tasks/"),
  );
}

test("a task dragged with the mouse lands after the task it was dropped on, in one write that persists", async ({
  page,
}) => {
  await signUp(page, newAccount("Dana Drag"));
  await seed(page);
  await openManual(page);
  await expect(titles(page)).toHaveText(TITLES);

  const from = await handle(page, "Buy milk").boundingBox();
  const milk = await taskList(page)
    .getByRole("listitem")
    .filter({ hasText: "Buy milk" })
    .boundingBox();
  const rent = await taskList(page)
    .getByRole("listitem")
    .filter({ hasText: "Pay rent" })
    .boundingBox();
  if (!from || !milk || !rent) throw new Error("the tasks are not on screen");
  const x = from.x + from.width / 2;
  const y = from.y + from.height / 2;
  const patched = movePatch(page);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + 10, { steps: 4 });
  // A quarter of a row short of the target's middle: past the middle, the rows that moved aside
  // tie with the next one.
  const rows = rent.y + rent.height / 2 - (milk.y + milk.height / 2);
  await page.mouse.move(x, y + rows - milk.height / 4, { steps: 12 });
  await page.mouse.up();
  const patch = await patched;
  expect(patch.status()).toBe(200);
  expect(patch.request().postDataJSON()).toEqual({ after: expect.any(String) });

  const moved = ["Call mum", "Pay rent", "Buy milk", "Water ferns"];
  await expect(titles(page)).toHaveText(moved);
  await openManual(page);
  await expect(titles(page)).toHaveText(moved);
});

test("a task moves with the keyboard alone, each step announced with the tasks' titles", async ({
  page,
}) => {
  await signUp(page, newAccount("Kim Keys"));
  await seed(page);
  await openManual(page);

  await handle(page, "Water ferns").focus();
  await page.keyboard.press("Space");
  await expectAnnounced(page, "Picked up Water ferns.");
  await measured(page);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expectAnnounced(page, "Water ferns goes before Call mum.");
  const patched = movePatch(page);
  await page.keyboard.press("Space");
  await expectAnnounced(page, "Moved Water ferns before Call mum.");
  expect((await patched).request().postDataJSON()).toEqual({ before: expect.any(String) });

  const moved = ["Buy milk", "Water ferns", "Call mum", "Pay rent"];
  await expect(titles(page)).toHaveText(moved);
  // The arrows moved the task, not the focus between tasks (the page's j/k and arrow keys).
  await expect(handle(page, "Water ferns")).toBeFocused();

  // Escape puts a picked-up task back where it was, and nothing is written.
  await page.keyboard.press("Space");
  await expectAnnounced(page, "Picked up Water ferns.");
  await measured(page);
  await page.keyboard.press("ArrowDown");
  await expectAnnounced(page, "Water ferns goes after Call mum.");
  await page.keyboard.press("Escape");
  await expectAnnounced(page, "Moving Water ferns was cancelled.");
  await openManual(page);
  await expect(titles(page)).toHaveText(moved);
});

test("two windows moving tasks at the same time end with the same order as the API", async ({
  page,
  browser,
}) => {
  const account = await signUp(page, newAccount("Tess Tabs"));
  await seed(page);
  // A window of its own, so both stay visible (a hidden tab's drag is cancelled, as it should be).
  const second = await browser.newContext();
  const signedIn = await second.request.post(`${WEB_URL}/api/auth/sign-in/email`, {
    headers: { origin: WEB_URL },
    data: { email: account.email, password: account.password },
  });
  expect(signedIn.status()).toBe(200);
  const other = await second.newPage();
  await openManual(page);
  await openManual(other);

  // As a screen reader user would: each step once it has been announced. Where the task is
  // over depends on whether the other window's move has arrived yet.
  const moveWithKeys = async (tab: Page, title: string, keys: string[]) => {
    await handle(tab, title).focus();
    const patched = movePatch(tab);
    await tab.keyboard.press("Space");
    await expectAnnounced(tab, `Picked up ${title}.`);
    await measured(tab);
    for (const key of keys) await tab.keyboard.press(key);
    await expectAnnounced(tab, new RegExp(`^${title} goes (before|after) `));
    await tab.keyboard.press("Space");
    expect((await patched).status()).toBe(200);
  };
  await Promise.all([
    moveWithKeys(page, "Buy milk", ["ArrowDown", "ArrowDown"]),
    moveWithKeys(other, "Water ferns", ["ArrowUp", "ArrowUp"]),
  ]);

  const headers = await bearerFor(page.request);
  const answer = await page.request.get(`${API_URL}/api/tasks?sort=manual&order=asc`, { headers });
  const stored = ((await answer.json()) as { items: { title: string }[] }).items.map(
    (t) => t.title,
  );
  expect(stored.toSorted()).toEqual(TITLES.toSorted());
  await expect(titles(page)).toHaveText(stored);
  await expect(titles(other)).toHaveText(stored);
  await second.close();
});

test("lists move in the sidebar with the keyboard, announced, and keep their order", async ({
  page,
}) => {
  await signUp(page, newAccount("Lou Lists"));
  const headers = await bearerFor(page.request);
  for (const name of ["Work", "Home"]) {
    const response = await page.request.post(`${API_URL}/api/lists`, { headers, data: { name } });
    expect(response.status()).toBe(201);
  }
  await page.goto("/tasks");
  const nav = page.getByRole("list", { name: "Your lists" });
  const names = nav.locator(".list-name");
  await expect(names).toHaveText(["Inbox", "Work", "Home"]);

  await dndHandle(page, 'Move list "Home"').focus();
  const patched = page.waitForResponse(
    (r) => r.request().method() === "PATCH" && r.url().includes("/api/lists/"),
  );
  await page.keyboard.press("Space");
  await expectAnnounced(page, "Picked up Home.");
  await measured(page);
  await page.keyboard.press("ArrowUp");
  await expectAnnounced(page, "Home goes before Work.");
  await page.keyboard.press("Space");
  await expectAnnounced(page, "Moved Home before Work.");
  expect((await patched).request().postDataJSON()).toEqual({ position: 1 });
  await expect(names).toHaveText(["Inbox", "Home", "Work"]);

  await page.reload();
  await expect(names).toHaveText(["Inbox", "Home", "Work"]);
});

test("Move up and Move down in a task's details move it one place, said aloud, focus kept", async ({
  page,
}) => {
  await signUp(page, newAccount("Sol Steps"));
  await seed(page);
  await openManual(page);
  await page.getByRole("button", { name: 'Edit details of "Pay rent"' }).click();
  const details = page.getByRole("form", { name: 'Details of "Pay rent"' });

  const first = movePatch(page);
  await details.getByRole("button", { name: "Move up" }).click();
  expect((await first).request().postDataJSON()).toEqual({ before: expect.any(String) });
  await expect(titles(page)).toHaveText(["Buy milk", "Pay rent", "Call mum", "Water ferns"]);
  await expect(page.getByText("Moved Pay rent before Call mum.")).toBeAttached();
  await expect(details.getByRole("button", { name: "Move up" })).toBeFocused();

  const second = movePatch(page);
  await page.keyboard.press("Enter");
  expect((await second).status()).toBe(200);
  await expect(titles(page)).toHaveText(["Pay rent", "Buy milk", "Call mum", "Water ferns"]);
  await expect(details.getByRole("button", { name: "Move up" })).toBeDisabled();

  const third = movePatch(page);
  await details.getByRole("button", { name: "Move down" }).click();
  expect((await third).request().postDataJSON()).toEqual({ after: expect.any(String) });
  await expect(titles(page)).toHaveText(["Buy milk", "Pay rent", "Call mum", "Water ferns"]);
  await expect(details.getByRole("button", { name: "Move down" })).toBeFocused();
});

/**
 * Holds dnd-kit's script (the one chunk that holds its live region) until `release`: the page's
 * own requests, so the service worker, which would answer them from its cache, is blocked.
 */
async function holdDndKit(page: Page) {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let url: string | null = null;
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes("DndLiveRegion")) {
      url = route.request().url();
      await held;
    }
    await route.fulfill({ response, body });
  });
  return { release, asked: () => url !== null, url: () => url };
}

const boxes = (page: Page) =>
  taskList(page)
    .locator(":scope > li")
    .evaluateAll((rows) =>
      rows.map((row) => {
        const { x, y, width, height } = row.getBoundingClientRect();
        const handle = row.querySelector(".drag-handle")?.getBoundingClientRect();
        // In the page, not the viewport: opening a task's details may have scrolled it.
        return [x, y + window.scrollY, width, height, handle?.x, handle?.width];
      }),
    );

test.describe("until dnd-kit has arrived", () => {
  test.use({ serviceWorkers: "block" });

  test("tasks in manual order have their handles in place and Move up and Move down work; dnd-kit takes over once their details are closed, nothing moving", async ({
    page,
  }) => {
    await signUp(page, newAccount("Lee Later"));
    await seed(page);
    const dndKit = await holdDndKit(page);
    await page.goto("/tasks");
    await expect(taskList(page).and(page.locator('[aria-busy="false"]'))).toBeVisible();
    // One list of one's own and another sort: nothing on the page moves, dnd-kit is not asked for.
    expect(dndKit.asked()).toBe(false);
    await page.getByLabel("Sort").selectOption({ label: "Manual order" });
    await expect(handleShown(page, 'Move "Buy milk"')).toHaveAttribute("aria-disabled", "true");
    await expect.poll(dndKit.asked).toBe(true);
    await expect(titles(page)).toHaveText(TITLES);
    const before = await boxes(page);

    await page.getByRole("button", { name: 'Edit details of "Buy milk"' }).click();
    const details = page.getByRole("form", { name: 'Details of "Buy milk"' });
    const moved = movePatch(page);
    await details.getByRole("button", { name: "Move down" }).click();
    expect((await moved).status()).toBe(200);
    await expect(titles(page)).toHaveText(["Call mum", "Buy milk", "Pay rent", "Water ferns"]);

    // dnd-kit arrives while the details are open: they stay open, the handles as they are.
    const arrived = page.waitForResponse((r) => r.url() === dndKit.url());
    dndKit.release();
    await arrived;
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    await expect(details.getByRole("button", { name: "Move down" })).toBeFocused();
    await expect(handleShown(page, 'Move "Buy milk"')).toHaveAttribute("aria-disabled", "true");

    await details.getByRole("button", { name: "Cancel" }).click();
    await expect(handle(page, "Buy milk")).toBeVisible();
    expect(await boxes(page)).toEqual(before);
    await expect(page.locator('[id^="DndLiveRegion-"]')).toBeAttached();
    await handle(page, "Water ferns").focus();
    await page.keyboard.press("Space");
    await expectAnnounced(page, "Picked up Water ferns.");
  });

  test("a list's handle that has the focus when dnd-kit arrives keeps it, and picks the list up", async ({
    page,
  }) => {
    await signUp(page, newAccount("Fay Focus"));
    const headers = await bearerFor(page.request);
    const work = await page.request.post(`${API_URL}/api/lists`, {
      headers,
      data: { name: "Work" },
    });
    expect(work.status()).toBe(201);
    const dndKit = await holdDndKit(page);
    await page.goto("/tasks");
    const home = handleShown(page, 'Move list "Work"');
    await expect(home).toHaveAttribute("aria-disabled", "true");
    await home.focus();
    await expect.poll(dndKit.asked).toBe(true);
    dndKit.release();
    await expect(dndHandle(page, 'Move list "Work"')).toBeFocused();
    // Its live region, put in place in the frame after it took over, is where the pick-up is heard.
    await expect(page.locator('[id^="DndLiveRegion-"]')).toBeAttached();
    await measured(page);
    await page.keyboard.press("Space");
    await expectAnnounced(page, "Picked up Work.");
    await measured(page);
    await page.keyboard.press("Escape");
    await expectAnnounced(page, "Moving Work was cancelled.");
  });
});
