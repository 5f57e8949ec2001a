import { expect, test } from "@playwright/test";
import { loginFor, signIn } from "./fixtures";

test("an analyst compares a points program with a cumulative discount and sees both results", async ({
  page,
}) => {
  await signIn(page, loginFor("analyst"));
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Compare" })
    .click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Compare program types" }),
  ).toBeVisible();
  // The form starts with the two candidates of the issue: points and a cumulative discount.
  await expect(page.getByLabel("Candidate name").first()).toHaveValue("Points / bonus");
  await expect(page.getByLabel("Candidate name").nth(1)).toHaveValue("Cumulative discount");
  await page.getByRole("button", { name: "Simulate 2 candidates" }).click();

  await expect(page).toHaveURL(/\/compare\/\d+$/);
  const recommendation = page.getByTestId("recommendation");
  await expect(recommendation).toContainText(/^On ROI, (Points \/ bonus|Cumulative discount) /, {
    timeout: 45_000,
  });

  const table = page.getByRole("table", { name: "Candidates side by side, with 90% intervals" });
  await expect(table.getByRole("columnheader", { name: /Points \/ bonus/ })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: /Cumulative discount/ })).toBeVisible();
  // Both candidates have members and a replayed reward cost with an interval beneath it.
  const costRow = table.getByRole("row", { name: /Reward cost on real purchases/ });
  await expect(costRow.getByRole("cell")).toHaveCount(2);
  for (const cell of await costRow.getByRole("cell").all())
    await expect(cell).toContainText(/€[\d,.]+€[\d,.]+ to €[\d,.]+/);
  await expect(
    page.getByRole("img", { name: "Cumulative cost per candidate, by month" }),
  ).toBeVisible();
  await expect(
    page.getByRole("img", { name: "Cumulative incremental revenue per candidate, by month" }),
  ).toBeVisible();
  await expect(page.getByText("Unredeemed points are a liability")).toBeVisible();

  // The address is the share link: opening it again shows the same saved result.
  const url = page.url();
  await page.goto(url);
  await expect(page.getByTestId("recommendation")).toHaveText(
    (await recommendation.textContent()) ?? "",
  );
});

test("an analyst loads the saved draft Club VIP as a candidate, sets an assumption and sees both results", async ({
  page,
}) => {
  await signIn(page, loginFor("analyst"));
  await page.goto("/compare");
  // The second candidate starts from the saved draft: its type and parameters, named after it.
  const source = page.locator("#candidate-1-program");
  const clubVip = await source.locator("option", { hasText: "Club VIP" }).getAttribute("value");
  await source.selectOption(clubVip ?? "");
  await expect(page.getByLabel("Candidate name").nth(1)).toHaveValue("Club VIP");
  await expect(page.getByLabel("Program type").nth(1)).toHaveValue("vip-tiers");
  await expect(page.getByText(/Loaded from “Club VIP” \(draft\)/)).toBeVisible();

  // Assumptions: the documented default is shown; a value out of range is refused before sending.
  await page.locator("summary", { hasText: "Assumptions" }).click();
  const margin = page.getByLabel("Gross margin (%)");
  await expect(margin).toHaveValue("40");
  await margin.fill("150");
  await expect(page.getByText("At most 100%.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Simulate 2 candidates" })).toBeDisabled();
  await margin.fill("30");
  await expect(page.getByText("1 changed from the defaults")).toBeVisible();
  await page.getByRole("button", { name: "Simulate 2 candidates" }).click();

  await expect(page).toHaveURL(/\/compare\/\d+$/);
  await expect(page.getByTestId("recommendation")).toContainText(
    /^On ROI, (Points \/ bonus|Club VIP) /,
    { timeout: 45_000 },
  );
  const table = page.getByRole("table", { name: "Candidates side by side, with 90% intervals" });
  await expect(table.getByRole("columnheader", { name: /Points \/ bonus/ })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: /Club VIP/ })).toBeVisible();
  const members = table
    .getByRole("row", { name: /Members/ })
    .first()
    .getByRole("cell");
  await expect(members).toHaveCount(2);
  // The result keeps the assumption it ran with, beside the default.
  const marginUsed = page.getByTestId("assumption-grossMargin");
  await expect(marginUsed).toContainText("Gross margin: 30%");
  await expect(marginUsed).toContainText("set for this comparison");
  await expect(marginUsed).toContainText("Default: 40%");
  await expect(page.getByTestId("assumption-redemptionRate")).toContainText("Documented default");
});

test("the control-group calculator gives the textbook size", async ({ page }) => {
  await signIn(page, loginFor("marketer"));
  await page.goto("/compare");
  await page.getByLabel("Repeat rate without the program (%)").fill("10");
  await page.getByLabel("Expected lift (percentage points)").fill("5");
  await page.getByLabel("Control group share (%)").fill("50");
  await expect(page.getByTestId("sample-size-answer")).toContainText(
    "686 members and 686 in control",
  );
});

test("store managers do not see Compare", async ({ page }) => {
  await signIn(page, loginFor("store_manager", "MIL01"));
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Compare" }),
  ).toHaveCount(0);
  // The page answers as if it did not exist (streamed, so the status is not a 404).
  await page.goto("/compare");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Simulate/ })).toHaveCount(0);
});
