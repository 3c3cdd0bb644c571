import { expect, newAccount, signUp, test } from "./support/fixtures";
import { API_URL } from "./support/services";

test("a task shows its tags, its rule and its subtasks' progress; subtasks stay under it", async ({
  page,
}) => {
  await signUp(page, newAccount("Gardener"));
  const { token } = (await (await page.request.get("/api/auth/token")).json()) as {
    token: string;
  };
  const create = async (data: object) => {
    const response = await page.request.post(`${API_URL}/api/tasks`, {
      headers: { authorization: `Bearer ${token}` },
      data,
    });
    expect(response.status()).toBe(201);
    return (await response.json()) as { id: string };
  };
  const parent = await create({
    title: "Water the ferns",
    dueDate: "2030-03-04",
    recurrence: "FREQ=WEEKLY;BYDAY=MO",
    tags: ["garden", "Weekend"],
  });
  await create({ title: "Fill the can", parentId: parent.id, completed: true });
  await create({ title: "Check the soil", parentId: parent.id });

  await page.goto("/tasks");
  const item = page.getByRole("listitem").filter({ hasText: "Water the ferns" });
  await expect(item).toContainText("1 of 2 subtasks done");
  await expect(item).toContainText("Every week on Mon");
  await expect(item.getByRole("list", { name: "Tags" }).getByRole("listitem")).toHaveText([
    "garden",
    "Weekend",
  ]);
  await expect(page.getByText("Fill the can")).toHaveCount(0);
  await expect(page.getByText("Check the soil")).toHaveCount(0);
});

test("the tag filter shows only tagged tasks, in any case, and offers the tags on screen", async ({
  page,
}) => {
  await signUp(page, newAccount("Tagger"));
  const { token } = (await (await page.request.get("/api/auth/token")).json()) as {
    token: string;
  };
  for (const data of [
    { title: "Prune the roses", tags: ["Garden"] },
    { title: "Pay the bills", tags: ["home"] },
    { title: "Untagged chore" },
  ]) {
    const response = await page.request.post(`${API_URL}/api/tasks`, {
      headers: { authorization: `Bearer ${token}` },
      data,
    });
    expect(response.status()).toBe(201);
  }
  await page.goto("/tasks");
  await expect(page.getByText("Untagged chore")).toBeVisible();
  await expect(page.locator("#filter-tag-suggestions option")).toHaveCount(2);
  await page.getByLabel("Tag", { exact: true }).fill("garden");
  await expect(page.getByText("Prune the roses")).toBeVisible();
  await expect(page.getByText("Pay the bills")).toHaveCount(0);
  await expect(page.getByText("Untagged chore")).toHaveCount(0);
  await page.getByLabel("Tag", { exact: true }).fill("");
  await expect(page.getByText("Pay the bills")).toBeVisible();
});
