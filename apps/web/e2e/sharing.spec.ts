import type { Browser, Page } from "@playwright/test";
import { type Account, expect, newAccount, signUp, test } from "./support/fixtures";

/** The behaviour bound for a change to reach another member's browser. */
const LIVE = { timeout: 1000 };

async function person(browser: Browser, name: string): Promise<{ page: Page; account: Account }> {
  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  const account = await signUp(page, newAccount(name));
  await page.goto("/tasks");
  return { page, account };
}

async function addTask(page: Page, title: string): Promise<void> {
  await page.getByPlaceholder("What needs doing?").fill(title);
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("button", { name: title, exact: true })).toBeVisible();
}

/** The owner creates an invite link for `role` in the open share dialog and returns it. */
async function inviteLink(page: Page, role: "Editor" | "Viewer"): Promise<string> {
  const dialog = page.getByRole("dialog", { name: /Share/ });
  await dialog.getByLabel("Role", { exact: true }).selectOption(role.toLowerCase());
  await dialog.getByRole("button", { name: "Create invite link" }).click();
  const field = dialog.getByLabel(
    `Invite link to join as ${role === "Editor" ? "an editor" : "a viewer"}`,
    {
      exact: false,
    },
  );
  const link = await field.inputValue();
  expect(link).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);
  return link;
}

async function join(page: Page, link: string, listName: string): Promise<void> {
  const response = await page.goto(link);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  expect(response?.headers()["cache-control"]).toContain("no-store");
  await expect(page.getByText(`“${listName}”`, { exact: false }).first()).toBeVisible();
  await page.getByRole("button", { name: `Join “${listName}”` }).click();
  await expect(page).toHaveURL(/\/tasks\?list=/);
  await expect(page.getByRole("heading", { level: 1, name: listName })).toBeVisible();
}

test("an owner shares a list with an editor and a viewer; changes reach all three live, and a removed viewer loses the list", async ({
  browser,
}) => {
  const owner = await person(browser, "Olivia Owner");
  const editor = await person(browser, "Eddie Editor");
  const viewer = await person(browser, "Vera Viewer");
  try {
    // The owner makes a list, adds a task and opens the share dialog.
    await owner.page.getByLabel("New list name").fill("Holiday");
    await owner.page.getByRole("button", { name: "Create list" }).click();
    await expect(owner.page.getByRole("heading", { level: 1, name: "Holiday" })).toBeVisible();
    await addTask(owner.page, "Book flights");
    await owner.page.getByRole("button", { name: "Share" }).click();
    const editorLink = await inviteLink(owner.page, "Editor");
    const viewerLink = await inviteLink(owner.page, "Viewer");

    await join(editor.page, editorLink, "Holiday");
    await join(viewer.page, viewerLink, "Holiday");
    // The owner's open dialog shows them joined, the invites no longer pending.
    const sharing = owner.page.getByRole("dialog", { name: /Share/ });
    await expect(sharing.getByText("Eddie Editor")).toBeVisible(LIVE);
    await expect(sharing.getByText("Vera Viewer")).toBeVisible(LIVE);
    await expect(sharing.getByText("No pending invites.")).toBeVisible(LIVE);
    await sharing.getByRole("button", { name: "Close" }).click();
    // A used link is spent: the same answer as any invalid one.
    await editor.page.goto(editorLink);
    await expect(editor.page.getByRole("alert").filter({ hasText: "not valid" })).toBeVisible();
    await editor.page.goBack();

    // Shared lists are marked in the sidebar with the member's role.
    const nav = (page: Page) => page.getByRole("navigation", { name: "Lists" });
    await expect(nav(editor.page).getByRole("link", { name: /Holiday.*Editor/ })).toBeVisible();
    await expect(nav(viewer.page).getByRole("link", { name: /Holiday.*Viewer/ })).toBeVisible();

    // The viewer sees the tasks without any control that would be refused.
    await expect(viewer.page.getByText("Book flights")).toBeVisible();
    await expect(viewer.page.getByPlaceholder("What needs doing?")).toHaveCount(0);
    await expect(viewer.page.getByRole("checkbox")).toHaveCount(0);
    await expect(viewer.page.getByRole("button", { name: /Delete/ })).toHaveCount(0);

    // The editor adds and completes; the owner and the viewer see it within a second.
    await addTask(editor.page, "Pack sunscreen");
    await expect(
      owner.page.getByRole("button", { name: "Pack sunscreen", exact: true }),
    ).toBeVisible(LIVE);
    await expect(viewer.page.getByText("Pack sunscreen")).toBeVisible(LIVE);
    await editor.page.getByRole("checkbox", { name: 'Complete "Book flights"' }).check();
    await expect(owner.page.getByRole("checkbox", { name: 'Reopen "Book flights"' })).toBeVisible(
      LIVE,
    );

    // The owner removes the viewer: the list leaves the viewer's page without a reload.
    await owner.page.getByRole("button", { name: "Share" }).click();
    const dialog = owner.page.getByRole("dialog", { name: /Share/ });
    await expect(dialog.getByText("Vera Viewer")).toBeVisible();
    await dialog.getByRole("button", { name: "Remove Vera Viewer" }).click();
    await expect(dialog.getByText("Vera Viewer")).toHaveCount(0);
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(nav(viewer.page).getByRole("link", { name: /Holiday/ })).toHaveCount(0, LIVE);
    await expect(viewer.page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();

    // The editor leaves on its own.
    await editor.page.getByRole("button", { name: "Leave list" }).click();
    await editor.page
      .getByRole("dialog", { name: /Leave/ })
      .getByRole("button", { name: "Leave list" })
      .click();
    await expect(nav(editor.page).getByRole("link", { name: /Holiday/ })).toHaveCount(0);
    await expect(nav(owner.page).getByRole("link", { name: /Holiday/ })).toBeVisible();
  } finally {
    for (const { page } of [owner, editor, viewer]) await page.context().close();
  }
});

test("the share dialog works from the keyboard alone and gives focus back when closed", async ({
  browser,
}) => {
  const owner = await person(browser, "Kim Keys");
  try {
    const page = owner.page;
    await page.getByLabel("New list name").fill("Chores");
    await page.getByLabel("New list name").press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "Chores" })).toBeVisible();
    const share = page.getByRole("button", { name: "Share" });
    await share.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Share “Chores”" });
    await expect(dialog).toBeVisible();
    // Focus moves into the dialog: Role, then the create button.
    await expect(dialog.getByLabel("Role", { exact: true })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("button", { name: "Create invite link" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(dialog.getByLabel(/Invite link to join as an editor/)).toBeVisible();
    await expect(dialog.getByRole("button", { name: /Revoke the editor invite/ })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(share).toBeFocused();
    // Opened again, the code is gone for good: only the pending invite remains.
    await page.keyboard.press("Enter");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel(/Invite link/)).toHaveCount(0);
    await expect(dialog.getByRole("button", { name: /Revoke the editor invite/ })).toBeVisible();
  } finally {
    await owner.page.context().close();
  }
});

test("an invitee without an account follows the link, signs up and comes back to join", async ({
  browser,
}) => {
  const owner = await person(browser, "Omar Owner");
  const guest = await browser.newContext();
  try {
    await owner.page.getByLabel("New list name").fill("Book club");
    await owner.page.getByLabel("New list name").press("Enter");
    await owner.page.getByRole("button", { name: "Share" }).click();
    const link = await inviteLink(owner.page, "Viewer");

    const page = await guest.newPage();
    await page.goto(link);
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fjoin%2F/);
    await page.getByRole("link", { name: "Create an account" }).click();
    const account = newAccount("Gail Guest");
    await page.getByLabel("Name").fill(account.name);
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: /Create account|Sign up/ }).click();
    await expect(page.getByText("Omar Owner")).toBeVisible();
    await page.getByRole("button", { name: "Join “Book club”" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Book club" })).toBeVisible();
    await expect(page.getByText("Shared with you · view only")).toBeVisible();
  } finally {
    await owner.page.context().close();
    await guest.close();
  }
});
