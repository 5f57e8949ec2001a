import { expect, test } from "@playwright/test";
import { loginFor, signIn } from "./fixtures";

// The demo's programs (ids fixed by the seed): points with a 10% control group (running a year),
// a cashback with a 10% control group (ran a year, ended), a stamp-card pilot without one.
const ci = /[+−][\d.,]+ pp \(95% CI [+−][\d.,]+ pp to [+−][\d.,]+ pp\)/;

test("an analyst reads the demo programs' measured lift side by side and per program", async ({
  page,
}) => {
  await signIn(page, loginFor("analyst"));
  await page.goto("/compare");
  await page.getByRole("link", { name: "Measured lift after launch" }).click();
  await expect(page).toHaveURL(/\/compare\/lift$/);
  await expect(page.getByRole("heading", { level: 1, name: "Measured lift" })).toBeVisible();

  const table = page.getByTestId("lift-table");
  const points = table.getByRole("row", { name: /Punti Boomerang/ });
  const cashback = table.getByRole("row", { name: /Cashback 2%/ });
  const pilot = table.getByRole("row", { name: /Carta Caffè Milano/ });
  await expect(points).toContainText("Control group");
  await expect(cashback).toContainText("Control group");
  await expect(pilot).toContainText("Difference-in-differences");
  // Every program has a measured difference in repeat rate with its interval, and figures per customer.
  for (const row of [points, cashback, pilot]) {
    await expect(row.getByRole("cell").nth(3)).toHaveText(ci);
    await expect(row.getByRole("cell").nth(5)).toContainText("€");
  }
  await expect(
    page.getByRole("img", {
      name: "Lift in the repeat-purchase rate per program, with 95% confidence intervals",
    }),
  ).toBeVisible();

  // The points program's card: a plain verdict, members and control counted, and its curves.
  const card = page.getByTestId("lift-program-1");
  await expect(card.getByTestId("lift-verdict")).toHaveText(/^(Yes|No|Not yet|No effect shown)/);
  await expect(card.getByRole("columnheader", { name: /Members \([\d,]+\)/ })).toBeVisible();
  await expect(card.getByRole("columnheader", { name: /Control \([\d,]+\)/ })).toBeVisible();
  await expect(
    card.getByRole("img", { name: /Retention curves of Punti Boomerang/ }),
  ).toBeVisible();
  // The pilot without a control group says it is weaker evidence.
  const pilotCard = page.getByTestId("lift-program-3");
  await expect(pilotCard.getByText("Weaker evidence: no control group")).toBeVisible();
  await expect(pilotCard.getByTestId("lift-verdict")).toContainText(
    "Weaker evidence than a control group",
  );

  // A longer window is a URL change, so the view can be shared.
  await page.getByLabel("Window after enrolling").selectOption("26");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page).toHaveURL(/window=26/);
  await expect(
    card.getByRole("columnheader", { name: "In the 26 weeks after enrolling" }),
  ).toBeVisible();

  // Each program's page links to its measured lift.
  await page.goto("/programs/1");
  await page.getByRole("link", { name: "See the measured lift" }).click();
  await expect(page).toHaveURL(/\/compare\/lift#program-1$/);
  await expect(page.getByTestId("lift-program-1")).toBeVisible();
});

test("store managers are refused the measured lift", async ({ page }) => {
  await signIn(page, loginFor("store_manager", "MIL01"));
  await page.goto("/compare/lift");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByTestId("lift-table")).toHaveCount(0);
});
