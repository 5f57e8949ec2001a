import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { loginFor, signIn } from "./fixtures";

/** Clicks a CSV button and returns the file's name and lines. */
async function downloadFrom(page: Page, button: Locator) {
  const download = page.waitForEvent("download");
  await button.click();
  const file = await download;
  const text = await readFile((await file.path())!, "utf8");
  return { name: file.suggestedFilename(), lines: text.split("\n") };
}

test("every chart outside the Retention page downloads its data as CSV", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, loginFor("analyst"));

  // Overview: revenue from new and returning customers.
  await page.goto("/");
  await expect(
    page.getByRole("img", { name: "Monthly revenue from new and returning customers" }),
  ).toBeVisible();
  const overview = await downloadFrom(page, page.getByRole("button", { name: "Download CSV" }));
  expect(overview.name).toBe("revenue-new-returning.csv");
  expect(overview.lines[0]).toBe(
    "month,new_revenue_minor,returning_revenue_minor,new_customers,returning_customers",
  );
  expect(overview.lines[1]).toMatch(/^\d{4}-\d{2}-01,\d+(\.\d+)?,\d+(\.\d+)?,\d+,\d+$/);

  // A store's twelve-month trend.
  await page.goto("/stores");
  await page.getByTestId("store-row-MIL01").getByRole("link").click();
  await expect(page).toHaveURL(/\/stores\/\d+/);
  await expect(page.getByRole("img", { name: "Monthly revenue", exact: true })).toBeVisible();
  const store = await downloadFrom(page, page.getByRole("button", { name: "Download CSV" }));
  expect(store.name).toBe("store-monthly-trend.csv");
  expect(store.lines[0]).toBe("month,revenue_minor,orders,active_customers");
  expect(store.lines.length).toBeGreaterThan(1);

  // A program's ledger by month.
  await page.goto("/programs/1");
  await expect(
    page.getByRole("img", { name: /issued, redeemed and expired per month/ }),
  ).toBeVisible();
  const ledger = await downloadFrom(page, page.getByRole("button", { name: "Download CSV" }));
  expect(ledger.name).toBe("program-ledger-by-month.csv");
  expect(ledger.lines[0]).toMatch(/^month,issued_(points|minor),redeemed_\1,expired_\1$/);
  expect(ledger.lines.length).toBeGreaterThan(1);

  // Measured lift: the intervals per program, and one program's curves.
  await page.goto("/compare/lift");
  const lift = await downloadFrom(
    page,
    page
      .locator("div.rounded-lg", {
        has: page.getByRole("heading", { name: "Measured lift by program type" }),
      })
      .getByRole("button", { name: "Download CSV" }),
  );
  expect(lift.lines[0]).toBe("program,type,method,repeat_rate_lift,low_95,high_95");
  const curve = await downloadFrom(
    page,
    page.getByTestId("lift-program-1").getByRole("button", { name: /Download CSV of .*'s curves/ }),
  );
  expect(curve.name).toBe("lift-curve-program-1.csv");
  expect(curve.lines[0]).toBe("week,members_repeat_share,control_repeat_share");

  // A customer's purchases by month: the biggest spender has some.
  await page.goto("/customers");
  const customers = page.getByRole("table", { name: "Customers" });
  await customers.getByRole("button", { name: "Total spent" }).click();
  await expect(page).toHaveURL(/sort=revenue/);
  await expect(customers).toHaveAttribute("aria-busy", "false");
  await customers.getByRole("row").nth(1).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/customers\/\d+$/);
  await expect(page.getByRole("img", { name: "Purchases by month" })).toBeVisible();
  const customer = await downloadFrom(page, page.getByRole("button", { name: "Download CSV" }));
  expect(customer.lines[0]).toBe("month,orders,revenue_minor");
  expect(customer.lines[1]).toMatch(/^\d{4}-\d{2}-01,[1-9]\d*,\d+$/);
});
