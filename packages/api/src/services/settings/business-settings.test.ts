import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DbHandle } from "@boomerang/db";
import { rebuildCustomerFeatures } from "@boomerang/db/features/refresh-activity";
import {
  makeBusiness,
  makeCustomer,
  makeOrder,
  makeStore,
  makeUser,
} from "@boomerang/db/testing/factories";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { callerFor } from "../../test/caller";

const range = { from: "2025-01-01", to: "2025-06-30" };
const settings = {
  businessName: "Test Shop",
  currency: "EUR",
  locale: "en-GB",
  churnWindowDays: 90,
};
const caches = [
  "store_kpi_months",
  "retention_cohort_months",
  "retention_churn_events",
  "retention_activity_months",
  "retention_gap_counts",
  "retention_repeat_days",
  "retention_store_cohort_months",
  "retention_store_churn_events",
  "retention_bracket_counts",
];

async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/** The order-derived columns, which a time zone cuts; scores and stamps are left out. */
const activity = (db: Database) =>
  rows<Record<string, unknown>>(
    db,
    sql`select customer_id, first_order_month::text as first_order_month,
               first_order_week::text as first_order_week, orders_count, revenue::text as revenue,
               month_orders, month_revenue::text as month_revenue, week_orders, order_days
        from customer_features order by customer_id`,
  );

async function cachedRows(db: Database): Promise<number> {
  let total = 0;
  for (const table of caches) {
    const [row] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(table)}`,
    );
    total += Number(row?.n ?? 0);
  }
  return total;
}

describe.each(testDrivers())("business time zone change on $name", (driver) => {
  let handle: DbHandle;
  let ids: { admin: number; analyst: number; late: number };
  const cohorts = async () => {
    const api = await callerFor(handle.db, ids.analyst);
    const r = await api.retention.get({ range, grain: "month" });
    return r.matrix.rows.map((row) => [row.cohort, row.size]);
  };

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_settings_timezone");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    const store = (await makeStore(db, { name: "Milano" })).id;
    // 23:30 UTC on 31 January is already 1 February in Rome (UTC+1).
    const late = await makeCustomer(db, { homeStoreId: store });
    const january = await makeCustomer(db, { homeStoreId: store });
    const february = await makeCustomer(db, { homeStoreId: store });
    for (const [customerId, at] of [
      [late.id, "2025-01-31T23:30:00Z"],
      [late.id, "2025-03-10T10:00:00Z"],
      [january.id, "2025-01-15T10:00:00Z"],
      [february.id, "2025-02-10T10:00:00Z"],
    ] as const) {
      await makeOrder(db, { customerId, storeId: store, placedAt: new Date(at), total: 2000 });
    }
    await rebuildCustomerFeatures(db, new Date("2025-07-01T00:00:00Z"));
    ids = {
      admin: (await makeUser(db, { role: "admin" })).id,
      analyst: (await makeUser(db, { role: "analyst" })).id,
      late: late.id,
    };
  });
  afterAll(async () => handle?.close());

  it("recomputes cohort months and forgets cached figures when the time zone changes", async () => {
    const db = handle.db;
    expect(await cohorts()).toEqual([
      ["2025-01-01", 2],
      ["2025-02-01", 1],
    ]);
    const admin = await callerFor(db, ids.admin);
    // The Stores page fills the store-month cache too.
    await admin.storeKpis.list({ range: { from: "2025-01-01", to: "2025-01-31" } });
    expect(await cachedRows(db)).toBeGreaterThan(0);

    await admin.settings.update({ ...settings, timezone: "Europe/Rome" });

    expect(await cachedRows(db)).toBe(0);
    const [late] = await rows<{ m: string }>(
      db,
      sql`select first_order_month::text as m from customer_features where customer_id = ${ids.late}`,
    );
    expect(late?.m).toBe("2025-02-01");
    expect(await cohorts()).toEqual([
      ["2025-01-01", 1],
      ["2025-02-01", 2],
    ]);

    // The same figures as a rebuild from scratch in the new zone.
    const afterChange = await activity(db);
    await rebuildCustomerFeatures(db, new Date("2025-07-02T00:00:00Z"));
    expect(await activity(db)).toEqual(afterChange);
    expect(await cohorts()).toEqual([
      ["2025-01-01", 1],
      ["2025-02-01", 2],
    ]);

    // And back: the figures follow the zone again, never an earlier zone's cached rows.
    await admin.settings.update({ ...settings, timezone: "UTC" });
    expect(await cohorts()).toEqual([
      ["2025-01-01", 2],
      ["2025-02-01", 1],
    ]);
  });

  it("leaves the features alone when the time zone stays the same", async () => {
    const db = handle.db;
    const stamp = () =>
      rows<{ t: string }>(db, sql`select max(updated_at)::text as t from customer_features`);
    const before = await stamp();
    await cohorts();
    const cached = await cachedRows(db);
    const admin = await callerFor(db, ids.admin, new Date("2025-07-03T12:00:00Z"));
    await admin.settings.update({ ...settings, businessName: "Renamed", timezone: "UTC" });
    expect(await stamp()).toEqual(before);
    expect(await cachedRows(db)).toBe(cached);
  });
});
