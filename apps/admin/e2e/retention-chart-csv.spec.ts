import { expect, test, type Locator, type Page } from "@playwright/test";
import { downloadedCsvLines, loginFor, signIn } from "./fixtures";

/** Clicks a CSV button and returns the file's name and lines. */
async function downloadFrom(page: Page, button: Locator) {
  const download = page.waitForEvent("download");
  await button.click();
  const file = await download;
  return { name: file.suggestedFilename(), lines: await downloadedCsvLines((await file.path())!) };
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

  // The stores list: every store's KPIs and the twelve months its sparkline draws.
  await page.goto("/stores");
  const table = page.getByRole("table", { name: "Store KPIs" });
  await expect(table.locator("tbody tr")).toHaveCount(7);
  const stores = await downloadFrom(
    page,
    page.getByRole("button", { name: "Download the store KPIs and monthly revenue as CSV" }),
  );
  expect(stores.name).toMatch(/^stores-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(stores.lines[0]).toMatch(
    /^rank,store_code,store,city,revenue_minor,revenue_minor_previous,/,
  );
  expect(stores.lines[0]!.split(",").filter((c) => c.startsWith("revenue_minor_2"))).toHaveLength(
    12,
  );
  // Seven stores and the chain average.
  expect(stores.lines.filter((l) => l !== "")).toHaveLength(9);
  expect(stores.lines.some((l) => /^\d,MIL01,/.test(l))).toBe(true);

  // A store's twelve-month trend.
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

/** Saves a segment through the same tRPC endpoint the builder uses (the builder has its own spec). */
async function createSegment(page: Page, name: string, rules: unknown): Promise<number> {
  const response = await page.request.post("/api/trpc/segments.create", {
    data: { json: { name, description: "", rules } },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: { id: number } } } }).result.data
    .json.id;
}

test("segment charts download as CSV, and a segment's retention curve goes beside a store's", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, loginFor("marketer"));
  const milano = "Chart CSV: Milano (e2e)";
  const email = "Chart CSV: email consent (e2e)";
  const id = await createSegment(page, milano, { kind: "city", values: ["Milano"] });
  await createSegment(page, email, { kind: "consent", channel: "email" });

  // The 12-week size trend on the list.
  await page.goto("/segments");
  const sizes = await downloadFrom(
    page,
    page
      .getByTestId(`trend-${id}`)
      .getByRole("button", { name: `Download CSV of ${milano}'s size by week` }),
  );
  expect(sizes.name).toBe(`segment-${id}-size-by-week.csv`);
  expect(sizes.lines[0]).toBe("week_ending,members");
  expect(sizes.lines.at(-1)).toMatch(/^\d{4}-\d{2}-\d{2},[1-9]\d*$/);

  // The overlap of two segments.
  await page.goto("/segments/overlap");
  await page.getByLabel("A: First segment").selectOption({ label: milano });
  await page.getByLabel("B: Second segment").selectOption({ label: email });
  await expect(page.getByRole("table", { name: "Overlap regions" }).getByRole("row")).toHaveCount(
    5,
  );
  const overlap = await downloadFrom(page, page.getByRole("button", { name: "Download CSV" }));
  expect(overlap.name).toBe("segment-overlap.csv");
  expect(overlap.lines[0]).toBe(`region,in ${milano},in ${email},customers,share_of_scope`);
  expect(overlap.lines).toHaveLength(5);

  // On the Retention page, the segment's curve beside a store's.
  await page.goto("/retention");
  const add = page.getByLabel("Add a curve");
  await add.selectOption({ label: milano });
  await add.selectOption({ label: "Boomerang Roma Prati" });
  const chart = page.getByRole("img", { name: "Retention curves side by side" });
  await expect(
    chart.getByText(new RegExp(`^${milano.replace(/[()]/g, "\\$&")} \\([\\d,]+\\)$`)),
  ).toBeVisible();
  await expect(chart.getByText(/^Boomerang Roma Prati \([\d,]+\)$/)).toBeVisible();
});
