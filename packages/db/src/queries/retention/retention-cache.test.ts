import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dayNumber, type CohortCounts } from "@boomerang/domain/metrics";
import type { Database, DbHandle } from "../../client";
import { refreshCustomerActivity } from "../../features/refresh-activity";
import { makeBusiness, makeCustomer, makeOrder, makeStore } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { queryRows } from "../rows";
import { churnTrendFromFeatures, churnTrendFromOrders } from "./churn";
import { cohortCountsFromFeatures } from "./cohorts";
import { cohortCountsFromOrders } from "./cohorts-from-orders";
import type { RetentionAudience } from "./scope";

const timezone = "Europe/Rome";
const now = new Date("2025-06-20T10:00:00Z");
// Not aligned on months: the cache answers for whole months and for the cut edges too.
const range = { from: new Date("2024-11-13T00:00:00Z"), to: new Date("2025-06-15T00:00:00Z") };
const days = ["2025-01-31", "2025-03-31", "2025-05-31", "2025-06-20"].map(dayNumber);
const window = { atRiskAfterDays: 30, churnAfterDays: 75 };
const everyone: RetentionAudience = { storeId: null, program: null, timezone };
// The same customers through the uncached path (a "segment" of everyone).
const allAsSegment: RetentionAudience = {
  ...everyone,
  members: sql`select id from customers`,
};

const normalise = (counts: CohortCounts[]) =>
  counts
    .map((c) => ({
      cohort: c.cohort,
      size: c.size,
      active: [...c.activeByPeriod].sort(([a], [b]) => a - b),
      last: [...c.lastByPeriod].sort(([a], [b]) => a - b),
      revenue: [...(c.revenueByPeriod ?? [])].sort(([a], [b]) => a - b),
    }))
    .sort((a, b) => a.cohort.localeCompare(b.cohort));

const cachedMonths = async (db: Database, table: string) =>
  (
    await queryRows<{ m: string }>(
      db,
      sql`select distinct to_char(cohort_month, 'YYYY-MM-DD') as m from ${sql.raw(table)} order by 1`,
    )
  ).map((r) => r.m);

describe.each(testDrivers())("retention caches on $name", (driver) => {
  let handle: DbHandle;
  let storeId = 0;
  const customerIds: number[] = [];

  beforeAll(async () => {
    handle = await openTestDb(driver, "retention_cache");
    const db = handle.db;
    await makeBusiness(db, { timezone });
    storeId = (await makeStore(db)).id;
    // Twelve customers, first orders from October 2024 to May 2025, each buying every ~40 days.
    for (let i = 0; i < 12; i++) {
      const c = await makeCustomer(db, { homeStoreId: storeId });
      customerIds.push(c.id);
      let t = Date.parse("2024-10-05T09:00:00Z") + i * 19 * 86_400_000;
      for (let k = 0; k < 1 + (i % 4) && t < now.getTime(); k++) {
        await makeOrder(db, { customerId: c.id, placedAt: new Date(t), total: 1000 + i * 10 + k });
        t += (25 + 17 * k) * 86_400_000;
      }
    }
    await refreshCustomerActivity(db, null, now);
  });
  afterAll(async () => handle?.close());

  const expectLiveAnswers = async () => {
    const db = handle.db;
    const cached = normalise(await cohortCountsFromFeatures(db, "month", range, everyone));
    expect(cached).toEqual(
      normalise(await cohortCountsFromFeatures(db, "month", range, allAsSegment)),
    );
    expect(cached).toEqual(normalise(await cohortCountsFromOrders(db, "month", range, everyone)));
    const churn = await churnTrendFromFeatures(db, window, days, everyone);
    expect(churn).toEqual(await churnTrendFromFeatures(db, window, days, allAsSegment));
    expect(churn).toEqual(await churnTrendFromOrders(db, window, days, everyone));
    return { cached, churn };
  };

  it("fills on the first read and answers like the live computation", async () => {
    const { cached, churn } = await expectLiveAnswers();
    expect(cached.length).toBeGreaterThan(5);
    expect(churn.some((p) => p.churned > 0 && p.atRisk > 0 && p.active > 0)).toBe(true);
    // November 2024 is mostly inside the range (cached, minus its customer of the 12th);
    // June 2025 mostly outside (its customers up to the 15th computed live).
    expect(await cachedMonths(handle.db, "retention_cohort_months")).toEqual([
      "2024-11-01",
      "2024-12-01",
      "2025-01-01",
      "2025-02-01",
      "2025-03-01",
      "2025-04-01",
      "2025-05-01",
    ]);
    expect((await cachedMonths(handle.db, "retention_churn_events")).length).toBeGreaterThan(6);
  });

  it("forgets the months a new order, a new customer or a removed customer changes, and reads equal the live computation again", async () => {
    const db = handle.db;
    const before = await cachedMonths(db, "retention_cohort_months");
    // A December 2024 customer buys again; a new customer arrives in June.
    const [december] = await queryRows<{ id: number }>(
      db,
      sql`select customer_id as id from customer_features where first_order_month = '2024-12-01' limit 1`,
    );
    await makeOrder(db, {
      customerId: december!.id,
      placedAt: new Date("2025-06-18T08:00:00Z"),
      total: 4321,
    });
    const newcomer = await makeCustomer(db, { homeStoreId: storeId });
    await makeOrder(db, {
      customerId: newcomer.id,
      placedAt: new Date("2025-06-02T08:00:00Z"),
      total: 999,
    });
    await refreshCustomerActivity(db, [december!.id, newcomer.id], now);
    expect(await cachedMonths(db, "retention_cohort_months")).toEqual(
      before.filter((m) => m !== "2024-12-01"),
    );
    expect(await cachedMonths(db, "retention_churn_events")).not.toContain("2024-12-01");
    await expectLiveAnswers();
    expect(await cachedMonths(db, "retention_cohort_months")).toEqual(before);

    // Scores and predictions do not touch the cached months.
    await db.execute(sql`update customer_features set rfm_group = 'champions', recency_score = 5`);
    expect(await cachedMonths(db, "retention_cohort_months")).toEqual(before);

    // A customer removed with their orders takes their cohort month with them.
    const [february] = await queryRows<{ id: number }>(
      db,
      sql`select customer_id as id from customer_features where first_order_month = '2025-02-01' limit 1`,
    );
    await db.execute(
      sql`delete from order_items where order_id in (select id from orders where customer_id = ${february!.id}::int)`,
    );
    await db.execute(sql`delete from orders where customer_id = ${february!.id}::int`);
    await db.execute(sql`delete from customers where id = ${february!.id}::int`);
    expect(await cachedMonths(db, "retention_cohort_months")).not.toContain("2025-02-01");
    await expectLiveAnswers();
  });
});
