import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { churnTrendFromOrders, queryRows, type Database, type DbHandle } from "@boomerang/db";
import { rebuildCustomerFeatures } from "@boomerang/db/features/refresh-activity";
import { makeBusiness, makeCustomer, makeOrder, makeStore } from "@boomerang/db/testing/factories";
import { openTestDb, testDrivers } from "@boomerang/db/testing/test-db";
import { defaultRetentionRange } from "./churn-days";
import { getRetention, type RetentionQuery } from "./get-retention";

const now = new Date("2025-07-01T12:00:00Z");
const today = "2025-07-01";

const cacheKeys = async (db: Database) => ({
  repeat: (
    await queryRows<{ k: number }>(
      db,
      sql`select distinct within_days as k from retention_repeat_days order by 1`,
    )
  ).map((r) => Number(r.k)),
  churn: (
    await queryRows<{ k: string }>(
      db,
      sql`select distinct at_risk_after_days || '/' || churn_after_days as k
          from retention_churn_events order by 1`,
    )
  ).map((r) => r.k),
  storeChurn: (
    await queryRows<{ k: string }>(
      db,
      sql`select distinct store_id || ':' || at_risk_after_days || '/' || churn_after_days as k
          from retention_store_churn_events order by 1`,
    )
  ).map((r) => r.k),
});

describe.each(testDrivers())("retention cache keys on $name", (driver) => {
  let handle: DbHandle;
  let storeId = 0;
  const query = (over: Partial<RetentionQuery> = {}): RetentionQuery => ({
    range: defaultRetentionRange(today),
    storeId: null,
    grain: "month",
    channel: null,
    program: null,
    segmentId: null,
    repeatWithinDays: 90,
    churnWindow: null,
    trendPeriod: 1,
    ...over,
  });

  beforeAll(async () => {
    handle = await openTestDb(driver, "api_retention_keys");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    storeId = (await makeStore(db)).id;
    // Autumn 2024: four customers buying every 10 days; February 2025: two, 40 days apart. The
    // default range's median gap is 10 days, the first half of 2025's is 40.
    const histories: [string, number, number][] = [
      ["2024-09-03", 10, 3],
      ["2024-09-20", 10, 3],
      ["2024-10-04", 10, 3],
      ["2024-10-15", 10, 3],
      ["2025-02-03", 40, 2],
      ["2025-02-17", 40, 2],
    ];
    for (const [first, gap, orders] of histories) {
      const c = await makeCustomer(db, { homeStoreId: storeId });
      for (let k = 0; k < orders; k++)
        await makeOrder(db, {
          customerId: c.id,
          placedAt: new Date(Date.parse(`${first}T10:00:00Z`) + k * gap * 86_400_000),
          total: 1500,
        });
    }
    await rebuildCustomerFeatures(db, now);
  });
  afterAll(async () => handle?.close());

  const expectChurnFromOrders = async (
    r: Awaited<ReturnType<typeof getRetention>>,
    store: number | null,
  ) => {
    const window = {
      atRiskAfterDays: r.churnWindow.atRiskAfterDays,
      churnAfterDays: r.churnWindow.churnAfterDays,
    };
    const expected = await churnTrendFromOrders(
      handle.db,
      window,
      r.churn.map((p) => p.day),
      { storeId: store, program: null, timezone: "UTC" },
    );
    expect(r.churn.map(({ date: _date, ...p }) => p)).toEqual(expected);
    expect(r.churn.some((p) => p.churned > 0)).toBe(true);
  };

  it("caches only the page's default keys; other ranges' windows, typed windows and repeat windows are live and write nothing", async () => {
    const db = handle.db;
    // The page as it opens, for everyone and for the store: the default keys are cached.
    for (const store of [null, storeId]) {
      const opened = await getRetention(db, query({ storeId: store }), now);
      expect(opened.churnWindow).toEqual({
        atRiskAfterDays: 10,
        churnAfterDays: 20,
        fromMedian: true,
      });
      await expectChurnFromOrders(opened, store);
    }
    const defaults = {
      repeat: [90],
      churn: ["10/20"],
      storeChurn: [`${storeId}:10/20`],
    };
    expect(await cacheKeys(db)).toEqual(defaults);

    // Another range (its median gap is 40 days), a typed window, another repeat window: all live.
    for (const store of [null, storeId]) {
      const other = await getRetention(
        db,
        query({ storeId: store, range: { from: "2025-01-01", to: "2025-06-30" } }),
        now,
      );
      expect(other.churnWindow).toEqual({
        atRiskAfterDays: 40,
        churnAfterDays: 80,
        fromMedian: true,
      });
      await expectChurnFromOrders(other, store);
      const typed = await getRetention(
        db,
        query({
          storeId: store,
          repeatWithinDays: 30,
          churnWindow: { atRiskAfterDays: 15, churnAfterDays: 35 },
        }),
        now,
      );
      expect(typed.repeat.withinDays).toBe(30);
      expect(typed.repeat.overall).toMatchObject({ eligible: 6, repeaters: 4 });
      await expectChurnFromOrders(typed, store);
      // The default window typed in by hand is the cached key.
      const sameAsDefault = await getRetention(
        db,
        query({ storeId: store, churnWindow: { atRiskAfterDays: 10, churnAfterDays: 20 } }),
        now,
      );
      await expectChurnFromOrders(sameAsDefault, store);
    }
    expect(await cacheKeys(db)).toEqual(defaults);
  });
});
