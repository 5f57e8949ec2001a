import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { queryRows } from "../queries/rows";
import { customerFeatures } from "../schema";
import { makeBusiness, makeCustomer, makeOrder } from "../testing/factories";
import { openTestDb, testDrivers } from "../testing/test-db";
import { rebuildCustomerFeatures, refreshCustomerActivity } from "./refresh-activity";

const now = new Date("2025-12-31T00:00:00Z");

describe.each(testDrivers())("customer features on $name", (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb(driver, "features_refresh");
    await makeBusiness(handle.db, { timezone: "Europe/Rome" });
  });
  afterAll(async () => handle?.close());

  it("summarises a customer's orders by month, week and day from the first order, in the business's time zone", async () => {
    const db = handle.db;
    const c = await makeCustomer(db);
    // 2025-01-31 23:30 UTC is already February 1st in Rome: the first order's month is February.
    await makeOrder(db, {
      customerId: c.id,
      placedAt: new Date("2025-01-31T23:30:00Z"),
      total: 1000,
    });
    await makeOrder(db, {
      customerId: c.id,
      placedAt: new Date("2025-02-10T10:00:00Z"),
      total: 500,
    });
    await makeOrder(db, {
      customerId: c.id,
      placedAt: new Date("2025-04-02T10:00:00Z"),
      total: 2500,
    });
    await refreshCustomerActivity(db, [c.id], now);
    const [f] = await db
      .select()
      .from(customerFeatures)
      .where(eq(customerFeatures.customerId, c.id));
    expect(f).toMatchObject({
      firstOrderMonth: "2025-02-01",
      firstOrderWeek: "2025-01-27",
      ordersCount: 3,
      revenue: 4000,
      firstOrderRevenue: 1000,
      monthOrders: [2, 0, 1],
      monthRevenue: [1500, 0, 2500],
      orderDays: [0, 9, 60],
    });
    expect(f!.weekOrders).toHaveLength(10);
    // Weeks start on Monday: Jan 27 (first order), Feb 3, Feb 10 (second), …, Mar 31 (third).
    expect(f!.weekOrders.slice(0, 3)).toEqual([1, 0, 1]);
    expect(f!.weekOrders[9]).toBe(1);
  });

  it("keeps customers without orders, with empty activity", async () => {
    const c = await makeCustomer(handle.db);
    await refreshCustomerActivity(handle.db, [c.id], now);
    const [f] = await handle.db
      .select()
      .from(customerFeatures)
      .where(eq(customerFeatures.customerId, c.id));
    expect(f).toMatchObject({ ordersCount: 0, revenue: 0, monthOrders: [], firstOrderAt: null });
  });

  it("gives the same table after incremental updates as after a full rebuild", async () => {
    const db = handle.db;
    const people = await Promise.all(Array.from({ length: 6 }, () => makeCustomer(db)));
    await rebuildCustomerFeatures(db, now);
    // New orders arrive for some customers; only those are refreshed.
    const touched = people.slice(0, 3);
    let day = 0;
    for (const p of touched) {
      for (let k = 0; k < 4; k++) {
        day += 11;
        await makeOrder(db, {
          customerId: p.id,
          placedAt: new Date(Date.UTC(2025, 0, 1 + day, 9)),
          total: 100 * (k + 1),
        });
      }
    }
    await refreshCustomerActivity(
      db,
      touched.map((p) => p.id),
      now,
    );
    const snapshot = () =>
      queryRows(
        db,
        sql`select customer_id, orders_count, revenue, month_orders, month_revenue, week_orders, order_days,
                               first_order_month, first_order_week, first_order_revenue
                        from customer_features order by customer_id`,
      );
    const incremental = await snapshot();
    await rebuildCustomerFeatures(db, now);
    expect(await snapshot()).toEqual(incremental);
  });
});
