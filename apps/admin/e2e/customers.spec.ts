import { expect, test, type Page } from "@playwright/test";
import { loginFor, signIn } from "./fixtures";

const customersTable = (page: Page) => page.getByRole("table", { name: "Customers" });
const customerLinks = (page: Page) => customersTable(page).getByRole("link");
/** The list keeps showing the previous page while the next loads; wait for the answer. */
const settled = (page: Page) => expect(customersTable(page)).toHaveAttribute("aria-busy", "false");
/** The search text the URL holds (names may carry characters that URLs encode). */
const searchIn = (page: Page) => new URL(page.url()).searchParams.get("q");
const matches = async (page: Page) =>
  Number(((await page.getByText(/customers? match/).textContent()) ?? "").replace(/\D/g, ""));

async function openCustomers(page: Page) {
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Customers" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  await expect(customersTable(page)).toBeVisible();
}

test("a marketer finds a customer by name, opens them and sees their orders; the export follows the filters", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, loginFor("marketer"));
  await openCustomers(page);

  // Biggest spenders first: the top customer has orders to show.
  await customersTable(page).getByRole("button", { name: "Total spent" }).click();
  await expect(page).toHaveURL(/sort=revenue/);
  await expect(
    customersTable(page).getByRole("columnheader", { name: "Total spent" }),
  ).toHaveAttribute("aria-sort", "descending");
  await settled(page);
  const top = customersTable(page).getByRole("row").nth(1);
  const name = (await top.getByRole("link").textContent())!.trim();
  const orders = (await top.getByRole("cell").nth(4).textContent())!.trim();
  expect(Number(orders.replace(/\D/g, ""))).toBeGreaterThan(0);

  // Search by the surname (debounced): the list narrows to matching names and keeps the customer.
  const surname = name.split(" ").at(-1)!;
  await page.getByLabel("Search customers").fill(surname);
  await expect.poll(() => searchIn(page)).toBe(surname);
  await expect
    .poll(async () =>
      (await customerLinks(page).allTextContents()).every((t) =>
        t.toLowerCase().includes(surname.toLowerCase()),
      ),
    )
    .toBe(true);
  await settled(page);
  await expect(customerLinks(page).filter({ hasText: name })).toHaveCount(1);
  const matching = await matches(page);
  expect(matching).toBeGreaterThanOrEqual(1);

  // The CSV export gives exactly the filtered customers.
  const href = await page
    .getByRole("link", { name: /Export these customers/ })
    .getAttribute("href");
  expect(new URL(href!, page.url()).searchParams.get("q")).toBe(surname);
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toMatch(/^customer_id,name,email/);
  expect(lines.slice(1).some((l) => l.includes(name))).toBe(true);
  expect(lines.length - 1).toBe(matching);

  // Nobody matches: the list says so and offers to clear the filters.
  await page.getByLabel("Search customers").fill("zzzz-nobody-zzzz");
  await expect(page.getByText("No customers match these filters")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).last().click();
  await expect(customersTable(page)).toBeVisible();
  await expect(page).not.toHaveURL(/q=/);
  await page.getByLabel("Search customers").fill(surname);
  await expect.poll(() => searchIn(page)).toBe(surname);
  await settled(page);
  await expect(customerLinks(page).filter({ hasText: name })).toHaveCount(1);
  await customerLinks(page).filter({ hasText: name }).click();

  // The customer's page: KPIs, orders with their items, the timeline chart.
  await expect(page).toHaveURL(/\/customers\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("customer-orders-value")).toHaveText(orders);
  const orderRows = page.getByRole("table", { name: "Orders" }).getByRole("row");
  await expect(orderRows.nth(1)).toBeVisible();
  expect(await orderRows.count()).toBe(Math.min(Number(orders.replace(/\D/g, "")), 50) + 1);
  await expect(page.getByRole("img", { name: "Purchases by month" })).toBeVisible();
  await expect(page.getByLabel("Consents")).toBeVisible();
});

test("a store manager sees only their store's customers; another store's customer is not found", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // As a marketer, find a customer whose home store is Roma.
  const marketer = await browser.newPage();
  await signIn(marketer, loginFor("marketer"));
  await openCustomers(marketer);
  await marketer.getByLabel("Home store").selectOption({ label: "Boomerang Roma Prati" });
  await expect(marketer).toHaveURL(/store=\d+/);
  const romaStoreId = /store=(\d+)/.exec(marketer.url())![1];
  await settled(marketer);
  const romaRow = customersTable(marketer).getByRole("row").nth(1);
  await expect(romaRow).toContainText("Boomerang Roma Prati");
  await romaRow.getByRole("link").click();
  await expect(marketer).toHaveURL(/\/customers\/\d+$/);
  const romaCustomerUrl = new URL(marketer.url()).pathname;
  await marketer.close();

  const manager = await browser.newPage();
  await signIn(manager, loginFor("store_manager", "MIL01"));
  await openCustomers(manager);
  // No store to choose, and every home store shown is theirs.
  await expect(manager.getByLabel("Home store")).toHaveCount(0);
  const homeStores = await customersTable(manager)
    .getByRole("row")
    .locator("td:nth-child(3)")
    .allTextContents();
  expect(homeStores.length).toBeGreaterThan(0);
  expect(new Set(homeStores)).toEqual(new Set(["Boomerang Milano Centrale"]));
  await expect(manager.getByText(/customers match/)).toBeVisible();

  // Their own customer opens.
  await customerLinks(manager).first().click();
  await expect(manager.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(manager.getByText(/home store Boomerang Milano Centrale/)).toBeVisible();

  // Another store's customer by URL is not found; the export refuses another store.
  await manager.goto(romaCustomerUrl);
  await expect(manager.getByRole("heading", { name: "Customer not found" })).toBeVisible();
  await expect(manager.getByTestId("customer-orders")).toHaveCount(0);
  const other = await manager.request.get(`/api/exports/customers?store=${romaStoreId}`);
  expect(other.status()).toBe(403);
  const own = await manager.request.get(`/api/exports/customers`);
  expect(own.status()).toBe(200);
  const rows = (await own.text()).trim().split("\r\n").slice(1);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.includes(",MIL01,"))).toBe(true);
  expect(rows.some((r) => r.includes(",ROM01,"))).toBe(false);
  await manager.close();
});
