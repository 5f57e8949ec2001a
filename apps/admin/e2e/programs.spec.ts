import { expect, test } from "@playwright/test";
import { loginFor, signIn } from "./fixtures";

test("a marketer designs a stamp card, sees the preview follow N, activates it, and an analyst cannot edit it", async ({
  page,
  browser,
}) => {
  await signIn(page, loginFor("marketer"));
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Programs" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Programs" })).toBeVisible();
  await page.getByRole("link", { name: "New program" }).click();

  // The catalog explains each type before the marketer picks one.
  await expect(page.getByRole("heading", { name: "Stamp card" })).toBeVisible();
  await page.getByRole("link", { name: "Design a stamp card program" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: /New stamp card program/ }),
  ).toBeVisible();

  await page.getByLabel("Program name").fill("E2E stamp card");
  // Every item earns a stamp, so the regular customer's year certainly fills cards.
  await page.getByLabel("Eligible categories").fill("");
  const regular = page.getByTestId("preview-regular").getByTestId("preview-outcome");
  await page.getByLabel("Stamps for a reward", { exact: true }).fill("20");
  await expect(regular).toContainText("costs you");
  await expect.poll(async () => (await regular.textContent()) ?? "").toMatch(/gift/);
  const withTwenty = await regular.textContent();

  await page.getByLabel("Stamps for a reward", { exact: true }).fill("2");
  await expect.poll(async () => await regular.textContent()).not.toBe(withTwenty);

  // An invalid N shows an inline message instead of a preview.
  await page.getByLabel("Stamps for a reward", { exact: true }).fill("0");
  await expect(page.getByText("Too small: expected number to be >=1").first()).toBeVisible();
  await page.getByLabel("Stamps for a reward", { exact: true }).fill("5");

  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/programs\/\d+$/);
  const programUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name: /E2E stamp card/ })).toContainText(
    "draft",
  );
  await expect(page.getByTestId("program-summary")).toContainText("5");

  await page.getByRole("button", { name: "Activate" }).click();
  await page.getByRole("button", { name: "Yes, activate" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /E2E stamp card/ })).toContainText(
    "active",
  );
  await expect(page.getByTestId("stat-members-value")).not.toHaveText("0");

  // An analyst reads the program but gets no way to change it, and the API refuses if asked directly.
  const analystContext = await browser.newContext();
  const analyst = await analystContext.newPage();
  await signIn(analyst, loginFor("analyst"));
  await analyst.goto(programUrl);
  await expect(analyst.getByRole("heading", { level: 1, name: /E2E stamp card/ })).toBeVisible();
  await expect(analyst.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(analyst.getByRole("button", { name: "Pause" })).toHaveCount(0);
  const id = Number(/\/programs\/(\d+)$/.exec(programUrl)![1]);
  const refused = await analyst.request.post("/api/trpc/programs.transition", {
    data: { json: { id, revision: 3, action: "pause" } },
  });
  expect(refused.status()).toBe(403);
  // The edit page does not exist for an analyst (the response streams, so look at what is shown).
  await analyst.goto(`${programUrl}/edit`);
  await expect(analyst.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(analyst.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await analystContext.close();
});
