import { expect, test } from "@playwright/test";
import { count, expectedFigures, loginFor, money, shownWindow, signIn } from "./fixtures";

test("a store manager lands on their store's page, sees its figures, and cannot reach another store", async ({
  page,
  request,
}) => {
  const expected = expectedFigures();
  await signIn(page, loginFor("store_manager", "MIL01"));
  await expect(page).toHaveURL(/\/stores\/\d+/);
  await expect(page.getByRole("heading", { level: 1, name: /Milano/ })).toBeVisible();
  const shown = await shownWindow(
    page.getByTestId("store-kpi-revenue-value"),
    (w) => w.milano.revenue,
  );
  await expect(page.getByTestId("store-kpi-orders-value")).toHaveText(count(shown.milano.orders));
  await expect(page.getByTestId("store-kpi-activeCustomers-value")).toHaveText(
    count(shown.milano.activeCustomers),
  );
  // Their store's rank among the chain's seven and the chain average: aggregates over every
  // store, which give no other single store's figures away.
  await expect(page.getByText(/rank \d of 7 by revenue/)).toBeVisible();
  await expect(page.getByText(/chain average/).first()).toBeVisible();
  await expect(page.getByRole("img", { name: "Monthly revenue" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Cohort retention" })).toBeVisible();
  const ownUrl = page.url();

  // The last calendar month, whole (the period the store-month cache answers), from the menu.
  await page.getByLabel("Period").selectOption("last-month");
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-(28|29|30|31)/);
  await expect(page.getByTestId("store-kpi-revenue-value")).toHaveText(/\d/);
  await page.goto(ownUrl);

  // The stores list is their store's page.
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Stores" })
    .click();
  await expect(page).toHaveURL(/\/stores\/\d+/);
  await expect(page.getByRole("heading", { level: 1, name: /Milano/ })).toBeVisible();

  // CSV export of their own store works; another store's id in the URL or the export is refused.
  const ownId = /\/stores\/(\d+)/.exec(ownUrl)![1];
  const csv = await page.request.get(
    `/api/stores/${ownId}/csv?from=${expected.from}&to=${expected.today}`,
  );
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(`revenue_minor_units,${expected.milano.revenue},`);
  // Starts with a byte-order mark, so Excel reads it as UTF-8.
  expect([...(await csv.body()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const badDate = await page.request.get(`/api/stores/${ownId}/csv?from=2025-02-30&to=2025-03-31`);
  expect(badDate.status()).toBe(400);
  expect(((await badDate.json()) as { error: { message: string } }).error.message).toMatch(
    /^Give from and to as dates like 2025-06-01/,
  );
  const other = await page.request.get(
    `/api/stores/${expected.otherStoreId}/csv?from=${expected.from}&to=${expected.today}`,
  );
  expect(other.status()).toBe(403);
  await page.goto(`/stores/${expected.otherStoreId}?from=${expected.from}&to=${expected.today}`);
  await expect(
    page.getByRole("alert").filter({ hasText: "only see their own store" }),
  ).toBeVisible();
  await expect(page.getByTestId("store-kpi-revenue-value")).toHaveCount(0);

  // Without a session the export is refused too.
  const anonymous = await request.get(
    `/api/stores/${ownId}/csv?from=${expected.from}&to=${expected.today}`,
  );
  expect(anonymous.status()).toBe(401);
});

test("an analyst sees every store with rank and chain average, and opens one in depth", async ({
  page,
}) => {
  await signIn(page, loginFor("analyst"));
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Stores" })
    .click();
  const table = page.getByRole("table", { name: "Store KPIs" });
  await expect(table.locator("tbody tr")).toHaveCount(7);
  const shown = await shownWindow(page.getByTestId("store-MIL01-revenue"), (w) => w.milano.revenue);
  await expect(page.getByTestId("store-row-MIL01")).toContainText(/\d of 7/);
  await expect(page.getByRole("rowheader", { name: "Chain average" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Milano.*: monthly revenue/ })).toBeVisible();

  await page.getByTestId("store-row-MIL01").getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: /Milano/ })).toBeVisible();
  await expect(page.getByTestId("store-kpi-revenue-value")).toHaveText(money(shown.milano.revenue));
  await expect(page.getByText(/rank \d of 7 by revenue/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Print report" })).toBeVisible();
});
