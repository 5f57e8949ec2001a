import { expect, test } from "@playwright/test";
import { downloadedCsvLines, expectedFigures, loginFor, signIn } from "./fixtures";

test("an analyst edits the day brackets, sees incomplete brackets marked, and downloads them as CSV", async ({
  page,
}) => {
  await signIn(page, loginFor("analyst"));
  await page.goto("/retention");
  const table = page.getByRole("table", { name: "Retention by days since first purchase" });
  await expect(table).toBeVisible();
  await expect(table.locator("thead th")).toHaveText([
    "Cohort",
    "Customers",
    "Days 0–7",
    "Days 8–30",
    "Days 31–90",
    "Days 91–180",
    "Days 181–365",
  ]);
  // The latest cohort is still inside its later brackets: hatched and explained on hover.
  await expect(table.locator("td[title*='still inside this bracket']").first()).toBeAttached();
  await expect(table.locator("tbody tr").last().locator("th")).toHaveText("Weighted mean");

  const field = page.getByLabel("Brackets end on days");
  await field.fill("60, 14");
  await page.getByRole("button", { name: "Apply brackets" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "must go up" })).toBeVisible();

  await field.fill("14, 60");
  await page.getByRole("button", { name: "Apply brackets" }).click();
  await expect(page).toHaveURL(/brackets=14%2C60/);
  await expect(table.locator("thead th")).toHaveText([
    "Cohort",
    "Customers",
    "Days 0–14",
    "Days 15–60",
  ]);
  await page.reload();
  await expect(page.getByLabel("Brackets end on days")).toHaveValue("14, 60");

  const card = page.locator("div.rounded-lg", {
    has: page.getByRole("heading", { name: "Retention by days since first purchase" }),
  });
  const download = page.waitForEvent("download");
  await card.getByRole("button", { name: "Download CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("retention-brackets-month.csv");
  const lines = await downloadedCsvLines((await file.path())!);
  expect(lines[0]).toBe("cohort,size,bracket_from_day,bracket_to_day,buyers,rate,complete");
  expect(lines.some((l) => /^\d{4}-\d{2}-01,\d+,15,60,\d+,[\d.]+,(true|false)$/.test(l))).toBe(
    true,
  );
  expect(lines.at(-1)).toMatch(/^weighted mean,\d+,15,60,,[\d.]+,$/);
});

test("a marketer puts a program's members and control group side by side, and the link keeps them", async ({
  page,
}) => {
  await signIn(page, loginFor("marketer"));
  await page.goto("/retention");
  await expect(page.getByText("Pick two to four curves to compare")).toBeVisible();
  const add = page.getByLabel("Add a curve");
  await add.selectOption({ label: "Punti Boomerang · members" });
  await expect(page).toHaveURL(/compare=program%3A\d+%3Amembers/);
  await add.selectOption({ label: "Punti Boomerang · control group" });
  const chart = page.getByRole("img", { name: "Retention curves side by side" });
  await expect(chart).toBeVisible();
  await expect(chart.getByText(/Punti Boomerang · members \([\d,]+\)/)).toBeVisible();
  await expect(chart.getByText(/Punti Boomerang · control group \([\d,]+\)/)).toBeVisible();

  await page.reload();
  await expect(
    page.getByRole("button", { name: "Remove Punti Boomerang · control group" }),
  ).toBeVisible();
  await expect(page.getByRole("img", { name: "Retention curves side by side" })).toBeVisible();

  const card = page.locator("div.rounded-lg", {
    has: page.getByRole("heading", { name: "Retention side by side" }),
  });
  const download = page.waitForEvent("download");
  await card.getByRole("button", { name: "Download CSV" }).click();
  const lines = await downloadedCsvLines((await (await download).path())!);
  expect(lines[0]).toBe("period,Punti Boomerang · members,Punti Boomerang · control group");
  expect(lines[1]).toMatch(/^M0,1,1$/);

  // A store, then the limit of four curves.
  await add.selectOption({ label: "Boomerang Roma Prati" });
  await add.selectOption({ label: "Boomerang Milano Centrale" });
  await expect(add).toBeDisabled();
  await page.getByRole("button", { name: "Remove Boomerang Roma Prati" }).click();
  await expect(add).toBeEnabled();
  await expect(page.getByRole("button", { name: "Remove Boomerang Roma Prati" })).toHaveCount(0);
});

test("cards say whether the channel filter applies to them", async ({ page }) => {
  await signIn(page, loginFor("analyst"));
  const card = (title: string) =>
    page.locator("div.rounded-lg", { has: page.getByRole("heading", { name: title }) });
  await page.goto("/retention");
  const repeatAll = card("Repeat purchases").getByText(/repeat orders per customer so far/);
  await expect(repeatAll).toBeVisible();
  const allChannels = await repeatAll.textContent();

  await page.goto("/retention?channel=online");
  await expect(page.getByText(/Only online orders count/).first()).toBeVisible();
  for (const title of [
    "Repeat purchases",
    "Time between purchases",
    "Retention by days since first purchase",
  ])
    await expect(
      card(title).getByText(
        /Only online orders count \(the first purchase is the first online one\)/,
      ),
      title,
    ).toBeVisible();
  for (const title of [
    "Active, at risk and churned",
    "Average order value and purchase frequency",
    "Revenue churn",
  ])
    await expect(
      card(title).getByText(/Only online orders count \(customers who never bought online/),
      title,
    ).toBeVisible();
  await expect(page.getByText(/Covers all channels/)).toHaveCount(1);
  // The repeat figures are the online ones, not everyone's.
  const repeatOnline = card("Repeat purchases").getByText(/repeat orders per customer so far/);
  await expect(repeatOnline).not.toHaveText(allChannels ?? "");
  // Only the predicted value covers every channel: its models are fitted on every order.
  await expect(
    page
      .locator("section[aria-labelledby='predicted-value']")
      .getByText(/Covers all channels: the models are fitted on every order/),
  ).toBeVisible();
});

test("a store manager compares within their own store and cannot add another store's curve", async ({
  page,
}) => {
  await signIn(page, loginFor("store_manager", "MIL01"));
  await page.goto("/retention");
  const add = page.getByLabel("Add a curve");
  await expect(add.locator("optgroup[label='Home stores'] option")).toHaveText([
    "Boomerang Milano Centrale",
  ]);
  await page.goto(`/retention?compare=store:${expectedFigures().otherStoreId},store:999999`);
  await expect(
    page.getByRole("alert").filter({ hasText: "only see their own store" }),
  ).toBeVisible();
});

test("the Retention page prints without navigation or controls, charts within an A4 width", async ({
  page,
}) => {
  await signIn(page, loginFor("analyst"));
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.goto("/retention?compare=store:1,store:2");
  await expect(page.getByRole("img", { name: "Retention curves side by side" })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Apply brackets" })).toBeHidden();
  await expect(page.getByLabel("Cohorts by")).toBeHidden();
  await expect(page.getByRole("button", { name: "Download CSV" }).first()).toBeHidden();
  await expect(page.getByRole("table", { name: "Cohort retention table" })).toBeVisible();
  // Every chart is still drawn, and none reaches past the page's width.
  // The charts' own SVGs (legend icons are small recharts SVGs too).
  const charts = page.locator(".recharts-wrapper > svg.recharts-surface");
  await expect.poll(() => charts.count()).toBeGreaterThan(5);
  await expect
    .poll(() =>
      charts.evaluateAll((svgs) => Math.max(...svgs.map((s) => s.getBoundingClientRect().right))),
    )
    .toBeLessThanOrEqual(794);
  const heights = await charts.evaluateAll((svgs) =>
    svgs.map((s) => s.getBoundingClientRect().height),
  );
  for (const h of heights) expect(h).toBeGreaterThan(50);
});
