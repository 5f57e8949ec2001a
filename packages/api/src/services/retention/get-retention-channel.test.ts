import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "@boomerang/db";
import { rebuildCustomerFeatures } from "@boomerang/db/features/refresh-activity";
import { makeBusiness, makeCustomer, makeOrder, makeStore } from "@boomerang/db/testing/factories";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { getRetention, type RetentionQuery } from "./get-retention";

const now = new Date("2025-07-01T12:00:00Z");

describe.each(testDrivers())("the Retention page with a channel on $name", (driver) => {
  let handle: DbHandle;
  const query = (over: Partial<RetentionQuery> = {}): RetentionQuery => ({
    range: { from: "2025-01-01", to: "2025-06-30" },
    storeId: null,
    grain: "month",
    channel: null,
    program: null,
    segmentId: null,
    repeatWithinDays: 30,
    churnWindow: null,
    trendPeriod: 1,
    ...over,
  });

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_retention_channel");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    const store = await makeStore(db);
    // Four customers buying in store every 10 days, who also bought online once 60 days after
    // their first purchase; two online-only customers buying every 20 days.
    for (const first of ["2025-01-06", "2025-01-20", "2025-02-03", "2025-02-17"]) {
      const c = await makeCustomer(db, { homeStoreId: store.id });
      for (let k = 0; k < 3; k++)
        await makeOrder(db, {
          customerId: c.id,
          placedAt: new Date(Date.parse(`${first}T10:00:00Z`) + k * 10 * 86_400_000),
          total: 1000,
          channel: "offline",
        });
      await makeOrder(db, {
        customerId: c.id,
        placedAt: new Date(Date.parse(`${first}T10:00:00Z`) + 60 * 86_400_000),
        total: 4000,
        channel: "online",
      });
    }
    for (const first of ["2025-03-03", "2025-03-10"]) {
      const c = await makeCustomer(db, { homeStoreId: store.id });
      for (let k = 0; k < 2; k++)
        await makeOrder(db, {
          customerId: c.id,
          placedAt: new Date(Date.parse(`${first}T10:00:00Z`) + k * 20 * 86_400_000),
          total: 2000,
          channel: "online",
        });
    }
    await rebuildCustomerFeatures(db, now);
  });
  afterAll(async () => handle?.close());

  it("computes every card from the chosen channel's orders, with the churn window from its own median gap", async () => {
    const all = await getRetention(handle.db, query(), now);
    const online = await getRetention(handle.db, query({ channel: "online" }), now);
    const offline = await getRetention(handle.db, query({ channel: "offline" }), now);

    // Online: the four mixed customers are acquired online in March/April with one order each;
    // the two online-only ones bought twice, 20 days apart.
    expect(online.repeat.overall).toMatchObject({ eligible: 6, repeaters: 2 });
    expect(online.gaps).toMatchObject({ gaps: 2, medianDays: 20 });
    expect(online.churnWindow).toMatchObject({ churnAfterDays: 40, fromMedian: true });
    expect(online.monthly.reduce((s, m) => s + m.orders, 0)).toBe(8);
    expect(online.monthly.reduce((s, m) => s + m.revenue, 0)).toBe(4 * 4000 + 4 * 2000);
    // In store: four customers, every 10 days; nobody in store after mid-March.
    expect(offline.repeat.overall).toMatchObject({ eligible: 4, repeaters: 4 });
    expect(offline.gaps).toMatchObject({ gaps: 8, medianDays: 10 });
    expect(offline.monthly.reduce((s, m) => s + m.revenue, 0)).toBe(12 * 1000);
    expect(offline.churn.at(-1)).toMatchObject({ active: 0, atRisk: 0, churned: 4 });
    // All channels: every order, and the median gap mixes both.
    expect(all.monthly.reduce((s, m) => s + m.orders, 0)).toBe(20);
    expect(all.gaps.gaps).toBe(14);
    for (const r of [online, offline])
      expect(r.revenueChurn.map((m) => m.month)).toEqual(all.revenueChurn.map((m) => m.month));
  });

  it("writes no cache rows for a channel", async () => {
    const cached = async () =>
      (
        await queryRows<{ n: number }>(
          handle.db,
          sql`select ((select count(*) from retention_repeat_days) + (select count(*) from retention_gap_counts)
                + (select count(*) from retention_activity_months)
                + (select count(*) from retention_churn_events))::int as n`,
        )
      )[0]!.n;
    const before = await cached();
    await getRetention(
      handle.db,
      query({ channel: "online", range: { from: "2024-12-01", to: "2025-06-30" } }),
      now,
    );
    expect(await cached()).toBe(before);
  });
});
