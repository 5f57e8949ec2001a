import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../client";
import { rebuildCustomerFeatures } from "../../features/refresh-activity";
import { makeCustomer, makeOrder } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { noCustomerFilters, type CustomerFilters } from "./customer-filters";
import { customerSorts, listCustomers } from "./list-customers";

const now = new Date("2026-01-01T00:00:00Z");
const scope = { storeScope: null, now, lapsedAfterDays: 180 };

/**
 * Small pages of a feature sort are read from the sort column's index while they lie in the sort's
 * prefix; one page holding everyone always takes the general query. Both must give the same order.
 */
describe.each(testDrivers())("customers list pages on $name", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(driver, "list_customers_pages");
    const db = handle.db;
    // Ties on every figure, so the id tie-break matters too.
    const spends = [[3000], [1000, 2000], [3000], [500], [1000, 2000], [], [250, 250, 250], []];
    for (const [i, totals] of spends.entries()) {
      const c = await makeCustomer(db, { name: `Pages ${i}`, city: i % 2 ? "Milano" : "Roma" });
      for (const [k, total] of totals.entries())
        await makeOrder(db, {
          customerId: c.id,
          placedAt: new Date(Date.UTC(2025, (i * 3 + k) % 12, 10)),
          total,
        });
    }
    await rebuildCustomerFeatures(db, now);
    await db.execute(sql`update customer_features set expected_revenue_12m = (customer_id % 3) * 1000
      where customer_id % 2 = 0`);
    // Created after the rebuild: no features row yet (counts as nothing spent, sorts last).
    await makeCustomer(db, { name: "Pages late", city: "Milano" });
  });
  afterAll(async () => handle?.close());

  const page = (
    sort: (typeof customerSorts)[number],
    direction: "asc" | "desc",
    offset: number,
    limit: number,
    filters: Partial<CustomerFilters> = {},
  ) =>
    listCustomers(
      handle.db,
      { filters: { ...noCustomerFilters, ...filters }, sort, direction, offset, limit },
      scope,
    ).then((p) => p.rows.map((r) => r.name));

  it("gives the same order page by page as in one page, for every sort both ways", async () => {
    for (const sort of customerSorts)
      for (const direction of ["asc", "desc"] as const)
        for (const filters of [{}, { search: "Pages" }]) {
          const all = await page(sort, direction, 0, 100, filters);
          expect(all).toHaveLength(9);
          const paged: string[] = [];
          for (let offset = 0; offset < all.length; offset += 2)
            paged.push(...(await page(sort, direction, offset, 2, filters)));
          expect({ sort, direction, paged }).toEqual({ sort, direction, paged: all });
        }
  });

  it("puts the highest spender first and never-bought customers last", async () => {
    const bySpend = await page("revenue", "desc", 0, 100);
    expect(bySpend.slice(0, 4)).toEqual(["Pages 4", "Pages 2", "Pages 1", "Pages 0"]);
    expect(bySpend.slice(-3)).toEqual(["Pages late", "Pages 7", "Pages 5"]);
    expect(await page("revenue", "desc", 0, 2)).toEqual(["Pages 4", "Pages 2"]);
    expect(await page("revenue", "desc", 2, 2)).toEqual(["Pages 1", "Pages 0"]);
  });
});
