import { expect, newAccount, signUp, test } from "./support/fixtures";

test("two users in two browsers never see each other's tasks", async ({ browser }) => {
  const alice = await browser.newContext();
  const bob = await browser.newContext();
  try {
    const alicePage = await alice.newPage();
    const bobPage = await bob.newPage();
    await signUp(alicePage, newAccount("Alice"));
    await signUp(bobPage, newAccount("Bob"));
    await alicePage.goto("/tasks");
    await bobPage.goto("/tasks");
    await alicePage.getByPlaceholder("What needs doing?").fill("Alice's secret");
    await alicePage.getByRole("button", { name: "Add" }).click();
    await bobPage.getByPlaceholder("What needs doing?").fill("Bob's surprise");
    await bobPage.getByRole("button", { name: "Add" }).click();
    await expect(alicePage.getByText("Alice's secret")).toBeVisible();
    await expect(bobPage.getByText("Bob's surprise")).toBeVisible();
    await alicePage.reload();
    await bobPage.reload();
    await expect(alicePage.getByText("Alice's secret")).toBeVisible();
    await expect(alicePage.getByText("Bob's surprise")).toHaveCount(0);
    await expect(bobPage.getByText("Bob's surprise")).toBeVisible();
    await expect(bobPage.getByText("Alice's secret")).toHaveCount(0);
    await bobPage.getByLabel("Search").fill("secret");
    await expect(bobPage.getByText("No tasks match")).toBeVisible();
  } finally {
    await alice.close();
    await bob.close();
  }
});
