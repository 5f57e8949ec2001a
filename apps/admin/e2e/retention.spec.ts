import { expect, test } from "@playwright/test";
import { downloadedCsvLines, expectedFigures, loginFor, signIn } from "./fixtures";

test("an analyst reads the cohort table, its curves and trends, and downloads the table as CSV", async ({
  page,
}) => {
  await signIn(page, loginFor("analyst"));
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Retention" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Retention" })).toBeVisible();

  const table = page.getByRole("table", { name: "Cohort retention table" });
  await expect(table).toBeVisible();
  // Everyone in a cohort buys in its first period: the first column is always 100%.
  const firstCell = table.locator("tbody tr").first().locator("td").nth(1);
  await expect(firstCell).toHaveText("100%");
  await expect(firstCell).toHaveAttribute("title", /M0: [\d,]+ of [\d,]+ customers \(100%\)/);

  for (const chart of [
    "Retention curves by period since first purchase",
    "Repeat-purchase rate by month of first purchase",
    "Active, at-risk and churned customers over time",
    "Cumulative revenue per customer by months since first purchase",
    "Distribution of days between purchases",
    "Gross and net revenue churn by month",
    "Average order value by month",
  ]) {
    await expect(page.getByRole("img", { name: chart })).toBeVisible();
  }

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).first().click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("cohort-retention-month.csv");
  const lines = await downloadedCsvLines((await file.path())!);
  expect(lines[0]).toBe(
    "cohort,size,period,buyers,buyers_then_or_later,classic_rate,unbounded_rate,revenue_minor,revenue_rate,complete",
  );
  expect(lines.length).toBeGreaterThan(12);
});

test("filters live in the URL: a shared link opens the same view", async ({ page }) => {
  await signIn(page, loginFor("marketer"));
  await page.goto("/retention");
  await page.getByLabel("Cohorts by").selectOption("quarter");
  await expect(page).toHaveURL(/grain=quarter/);
  await expect(
    page.getByRole("table", { name: "Cohort retention table" }).locator("tbody th").first(),
  ).toHaveText(/^Q\d \d{4}$/);
  await page.reload();
  await expect(page.getByLabel("Cohorts by")).toHaveValue("quarter");

  await page.goto("/retention?from=2001-01-01&to=2001-12-31");
  await expect(page.getByText("No customers made a first purchase in this period")).toBeVisible();

  await page.goto("/retention?churn=30&atrisk=30");
  await expect(
    page.getByRole("alert").filter({ hasText: "shorter than the churn window" }),
  ).toBeVisible();
});

test("a store manager sees retention for their own store only", async ({ page }) => {
  await signIn(page, loginFor("store_manager", "MIL01"));
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Retention" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: /Retention · .*Milano/ })).toBeVisible();
  await expect(page.getByLabel("Home store")).toHaveCount(0);
  await page.goto(`/retention?store=${expectedFigures().otherStoreId}`);
  await expect(
    page.getByRole("alert").filter({ hasText: "only see their own store" }),
  ).toBeVisible();
});

test("predicted value: the holdout check as charts, the fit, and customers by expected revenue linking to their page", async ({
  page,
}) => {
  await signIn(page, loginFor("analyst"));
  await page.goto("/retention");
  const section = page.getByRole("region", { name: "Predicted value" });
  await expect(section.getByText(/Fitted .+ on [\d,]+ customers/)).toBeVisible();
  await expect(section.getByText(/90% interval/).first()).toBeVisible();
  for (const chart of [
    "Actual and predicted holdout purchases per customer by calibration repeat purchases",
    "Cumulative actual and predicted purchases over the holdout weeks",
  ]) {
    await expect(section.getByRole("img", { name: chart })).toBeVisible();
  }
  // Analysts read predictions; refitting is for marketers and admins.
  await expect(section.getByRole("button", { name: "Refit now" })).toHaveCount(0);

  const table = section.getByRole("table", { name: "Customers by predicted value" });
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(25);
  await expect(rows.first().locator("td").nth(1)).toHaveText(/^\d+%$/);
  await expect(rows.first().locator("td").nth(4)).toHaveText(/€[\d,.]+ – €[\d,.]+/);
  const first = rows.first().getByRole("link");
  const name = (await first.textContent())!;
  await first.click();
  await expect(page).toHaveURL(/\/customers\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
});

test("a store manager's customers by predicted value are their own store's, whose pages open", async ({
  page,
}) => {
  await signIn(page, loginFor("store_manager", "MIL01"));
  await page.goto("/retention");
  const table = page.getByRole("table", { name: "Customers by predicted value" });
  await expect(table.locator("tbody tr").first()).toBeVisible();
  await table.locator("tbody tr").last().getByRole("link").click();
  await expect(page).toHaveURL(/\/customers\/\d+$/);
  await expect(page.getByText("Page not found")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("a marketer refits the models: a refitting state, then the fit names who refitted it", async ({
  page,
}) => {
  const login = loginFor("marketer");
  await signIn(page, login);
  await page.goto("/retention");
  const section = page.getByRole("region", { name: "Predicted value" });
  await expect(section.getByText(/Fitted .+ on [\d,]+ customers/)).toBeVisible();
  await section.getByRole("button", { name: "Refit now" }).click();
  await expect(section.getByRole("button", { name: "Refitting…" })).toBeDisabled();
  await expect(section.getByText(new RegExp(`Fitted .+ by ${login.name}`))).toBeVisible({
    timeout: 120_000,
  });
  await expect(section.getByRole("button", { name: "Refit now" })).toBeEnabled();
  await expect(
    section.getByRole("table", { name: "Customers by predicted value" }).locator("tbody tr"),
  ).toHaveCount(25);
});
