import { readFile } from "node:fs/promises";
import { expect, newAccount, signUp, test } from "./support/fixtures";

// A refused import is answered 400, which Chromium logs as a failed resource load.
test.use({ allowConsoleErrors: [/status of 400/] });

test("Download my data saves the tasks, and importing the file brings them back as new tasks", async ({
  page,
}) => {
  await signUp(page, newAccount("Mover"));
  await page.goto("/tasks");
  await page.getByPlaceholder("What needs doing?").fill("Take me along");
  await page.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Take me along" })).not.toHaveClass(
    /pending/,
  );

  await page.goto("/account");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download my data" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^todo-export-\d{4}-\d{2}-\d{2}\.json$/);
  const path = await download.path();
  const file = JSON.parse(await readFile(path, "utf8")) as {
    lists: Array<{ name: string }>;
    tasks: Array<{ title: string }>;
  };
  expect(file.lists.map((l) => l.name)).toEqual(["Inbox"]);
  expect(file.tasks.map((t) => t.title)).toEqual(["Take me along"]);
  await expect(page.getByRole("main").getByRole("status")).toContainText(
    "Downloaded 1 list and 1 task.",
  );

  const picker = page.getByLabel("Export file to import");
  await picker.setInputFiles({
    name: "not-json.json",
    mimeType: "application/json",
    buffer: Buffer.from("this is not JSON"),
  });
  await expect(page.getByRole("main").getByRole("alert")).toContainText("not JSON");
  await picker.setInputFiles({
    name: "bad.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ lists: [], tasks: [{ id: "x" }] })),
  });
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Nothing was imported.");

  await picker.setInputFiles(path);
  await expect(page.getByRole("main").getByRole("status")).toContainText(
    "Imported 0 lists and 1 task.",
  );
  await page.goto("/tasks");
  await expect(page.getByRole("listitem").filter({ hasText: "Take me along" })).toHaveCount(2);
});
