import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DbHandle } from "../../client";
import { rebuildCustomerFeatures, refreshCustomerActivity } from "../../features/refresh-activity";
import { enrollments, ledgerEntries, orders, programs } from "../../schema";
import { makeBusiness, makeCustomer, makeOrder, makeStore } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { queryRows } from "../rows";
import { cachedStoreKpis, refreshAllStoreKpiMonths } from "./store-kpi-months";
import { liveStoreKpis, storeKpis, type StoreKpiScope } from "./store-kpis";
import { liveMonthlyTrends, storeMonthlyTrends } from "./store-trends";

const tz = "Europe/Rome";
// Calendar months in Rome, as instants: June starts on 31 May at 22:00 UTC (summer time, April to
// October on the first of the month), March on 28 February at 23:00 UTC.
const romeMidnight = (y: number, m: number) =>
  new Date(Date.UTC(y, m - 1, 1) - (m >= 4 && m <= 10 ? 2 : 1) * 3600_000);
const monthIn = (y: number, m: number) => ({
  from: romeMidnight(y, m),
  to: m === 12 ? romeMidnight(y + 1, 1) : romeMidnight(y, m + 1),
});
const months = [3, 4, 5, 6, 7, 8, 9].map((m) => ({ label: `2025-${m}`, ...monthIn(2025, m) }));
const nows = [new Date("2025-08-15T12:00:00Z"), new Date("2026-01-01T00:00:00Z")];

// A small deterministic PRNG so the fixture is varied but the same on every run.
function prng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

async function cachedRows(db: Database) {
  return queryRows<{ store_id: number; month: string }>(
    db,
    sql`select store_id, month::text as month from store_kpi_months order by month, store_id`,
  );
}

describe.each(testDrivers())("store KPI month cache on $name", (driver) => {
  let handle: DbHandle;
  let storeIds: number[] = [];
  let programId = 0;
  const now = new Date("2026-01-01T00:00:00Z");

  const expectCacheEqualsLive = async (storeId: number | null, at: Date) => {
    for (const m of months) {
      const scope: StoreKpiScope = {
        from: m.from,
        to: m.to,
        storeId,
        churnWindowDays: 60,
        now: at,
      };
      const cached = await cachedStoreKpis(handle.db, scope, tz);
      const live = await liveStoreKpis(handle.db, scope, tz);
      expect(cached, `${m.label}, store ${storeId}`).not.toBeNull();
      expect(cached, `${m.label}, store ${storeId}`).toEqual(live);
    }
  };

  beforeAll(async () => {
    handle = await openTestDb(driver, "db_store_kpi_months");
    const db = handle.db;
    await makeBusiness(db, { timezone: tz });
    storeIds = [
      (await makeStore(db, { name: "Milano" })).id,
      (await makeStore(db, { name: "Roma" })).id,
      (await makeStore(db, { name: "Torino" })).id,
    ];
    const [program] = await db
      .insert(programs)
      .values({ name: "Points", type: "points", status: "active" })
      .returning();
    programId = program!.id;
    const random = prng(7);
    const start = Date.UTC(2025, 1, 20);
    const span = Date.UTC(2025, 9, 10) - start;
    for (let c = 0; c < 60; c++) {
      const home = storeIds[Math.floor(random() * 3)]!;
      const customer = await makeCustomer(db, { homeStoreId: home });
      const count = 1 + Math.floor(random() * 5);
      for (let o = 0; o < count; o++) {
        // Mostly the home store; some orders elsewhere, some online (no store).
        const r = random();
        const storeId = r < 0.7 ? home : r < 0.9 ? storeIds[Math.floor(random() * 3)]! : null;
        const order = await makeOrder(db, {
          customerId: customer.id,
          storeId,
          placedAt: new Date(start + Math.floor(random() * span)),
          total: 500 + Math.floor(random() * 9000),
        });
        if (random() < 0.3) {
          await db.insert(ledgerEntries).values({
            programId,
            customerId: customer.id,
            kind: "earn",
            unit: "points",
            amount: Math.round(order.total / 100),
            orderId: order.id,
            effectiveAt: order.placedAt,
          });
        }
      }
      if (random() < 0.4) {
        await db.insert(enrollments).values({
          programId,
          customerId: customer.id,
          isControl: random() < 0.2,
          enrolledAt: new Date(start + Math.floor(random() * span)),
        });
      }
      if (random() < 0.2) {
        await db.insert(ledgerEntries).values({
          programId,
          customerId: customer.id,
          kind: "redeem",
          unit: "points",
          amount: -10,
          effectiveAt: new Date(start + Math.floor(random() * span)),
        });
      }
    }
    // A first purchase at 23:30 on 30 June in Rome (21:30 UTC) and one at 00:30 on 1 July (22:30 UTC on 30 June).
    const edge = await makeCustomer(db, { homeStoreId: storeIds[0] });
    await makeOrder(db, {
      customerId: edge.id,
      storeId: storeIds[0],
      placedAt: new Date("2025-06-30T21:30:00Z"),
    });
    const edge2 = await makeCustomer(db, { homeStoreId: storeIds[0] });
    await makeOrder(db, {
      customerId: edge2.id,
      storeId: storeIds[0],
      placedAt: new Date("2025-06-30T22:30:00Z"),
    });
    await rebuildCustomerFeatures(db, now);
    await refreshAllStoreKpiMonths(db);
  });
  afterAll(async () => handle?.close());

  it("fills a row per store and calendar month of the business time zone", async () => {
    const rows = await cachedRows(handle.db);
    const monthsCached = [...new Set(rows.map((r) => r.month))];
    expect(monthsCached).toEqual([
      "2025-02-01",
      "2025-03-01",
      "2025-04-01",
      "2025-05-01",
      "2025-06-01",
      "2025-07-01",
      "2025-08-01",
      "2025-09-01",
      "2025-10-01",
    ]);
    expect(rows.filter((r) => r.month === "2025-06-01").map((r) => r.store_id)).toEqual(storeIds);
    // The 00:30 order of 1 July (Rome) is July's, though it is still 30 June in UTC.
    const [june] = await liveStoreKpis(
      handle.db,
      { ...monthIn(2025, 6), storeId: storeIds[0]!, churnWindowDays: 60, now },
      tz,
    );
    const [cachedJune] = (await cachedStoreKpis(
      handle.db,
      { ...monthIn(2025, 6), storeId: storeIds[0]!, churnWindowDays: 60, now },
      tz,
    ))!;
    expect(cachedJune).toEqual(june);
  });

  it("gives exactly what the raw tables give, for every month, store and request instant", async () => {
    for (const at of nows) {
      await expectCacheEqualsLive(null, at);
      for (const id of storeIds) await expectCacheEqualsLive(id, at);
    }
  });

  it("trends whole months from the cache and the partial months at either end from the orders", async () => {
    const ranges = [
      { from: new Date("2025-03-15T10:00:00Z"), to: new Date("2025-09-20T10:00:00Z") },
      { from: monthIn(2025, 2).from, to: monthIn(2025, 10).to },
      { from: new Date("2025-06-03T00:00:00Z"), to: new Date("2025-06-09T00:00:00Z") },
    ];
    for (const range of ranges) {
      for (const storeId of [null, ...storeIds]) {
        const scope = { ...range, storeId, timezone: tz };
        const trends = await storeMonthlyTrends(handle.db, scope);
        expect(trends, `${range.from.toISOString()} store ${storeId}`).toEqual(
          await liveMonthlyTrends(handle.db, scope),
        );
        expect(trends.length).toBeGreaterThan(0);
      }
    }
    // Whole months really are read from the cache: a tampered row shows through.
    const july = { from: monthIn(2025, 7).from, to: monthIn(2025, 7).to, timezone: tz };
    const row = (await storeMonthlyTrends(handle.db, { ...july, storeId: storeIds[0]! }))[0]!;
    await handle.db.execute(
      sql`update store_kpi_months set revenue = revenue + 1 where store_id = ${storeIds[0]!} and month = '2025-07-01'`,
    );
    const tampered = await storeMonthlyTrends(handle.db, { ...july, storeId: storeIds[0]! });
    expect(tampered[0]!.revenue).toBe(row.revenue + 1);
    await handle.db.execute(
      sql`update store_kpi_months set revenue = revenue - 1 where store_id = ${storeIds[0]!} and month = '2025-07-01'`,
    );
  });

  it("answers other periods live, not from the cache", async () => {
    const scope: StoreKpiScope = {
      from: new Date("2025-06-01T00:00:00Z"), // midnight UTC, not midnight in Rome
      to: new Date("2025-07-01T00:00:00Z"),
      storeId: null,
      churnWindowDays: 60,
      now,
    };
    expect(await cachedStoreKpis(handle.db, scope, tz)).toBeNull();
    expect(await storeKpis(handle.db, scope, tz)).toEqual(
      await liveStoreKpis(handle.db, scope, tz),
    );
    const rolling = { ...scope, ...monthIn(2025, 6), to: new Date("2025-06-20T22:00:00Z") };
    expect(await cachedStoreKpis(handle.db, rolling, tz)).toBeNull();
    // A row cut in another time zone is not this business's month.
    expect(await cachedStoreKpis(handle.db, { ...scope }, "UTC")).not.toBeNull();
    const utcRows = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from store_kpi_months where timezone = 'UTC'`,
    );
    expect(utcRows[0]!.n).toBe(storeIds.length);
    await handle.db.execute(sql`delete from store_kpi_months where timezone = 'UTC'`);
  });

  it("forgets the months a second purchase at another store changes, and refills them equal to the raw tables", async () => {
    const db = handle.db;
    await expectCacheEqualsLive(null, now); // every month cached again
    // New in June at Milano; the second purchase, in July at Roma, makes June's customer retained.
    const newcomer = await makeCustomer(db, { homeStoreId: storeIds[0] });
    await makeOrder(db, {
      customerId: newcomer.id,
      storeId: storeIds[0],
      placedAt: new Date("2025-06-10T10:00:00Z"),
      total: 4000,
    });
    await refreshCustomerActivity(db, [newcomer.id], now);
    const juneScope: StoreKpiScope = {
      ...monthIn(2025, 6),
      storeId: storeIds[0]!,
      churnWindowDays: 60,
      now,
    };
    const before = (await storeKpis(db, juneScope, tz))[0]!;
    expect(before).toEqual((await liveStoreKpis(db, juneScope, tz))[0]);

    await makeOrder(db, {
      customerId: newcomer.id,
      storeId: storeIds[1],
      placedAt: new Date("2025-07-05T10:00:00Z"),
      total: 1000,
    });
    await refreshCustomerActivity(db, [newcomer.id], now);
    const rows = await cachedRows(db);
    expect(rows).not.toContainEqual({ store_id: storeIds[0], month: "2025-06-01" });
    expect(rows).not.toContainEqual({ store_id: storeIds[1], month: "2025-07-01" });
    expect(rows).toContainEqual({ store_id: storeIds[2], month: "2025-06-01" });

    const after = (await storeKpis(db, juneScope, tz))[0]!;
    expect(after).toEqual((await liveStoreKpis(db, juneScope, tz))[0]);
    expect(after.retention90).not.toEqual(before.retention90);
    await expectCacheEqualsLive(null, now);
  });

  it("forgets what a back-dated purchase, an enrollment, a points entry or a moved order changes", async () => {
    const db = handle.db;
    await expectCacheEqualsLive(null, now); // every month cached again
    const [someone] = await queryRows<{ customer_id: number; first: string }>(
      db,
      sql`select customer_id, first_order_at::text as first from customer_features
          where first_order_at >= '2025-06-01' and first_order_at < '2025-07-01'
            and customer_id not in (select customer_id from enrollments)
          order by customer_id limit 1`,
    );
    // A purchase imported late, before their first one: June no longer has them as new.
    await makeOrder(db, {
      customerId: someone!.customer_id,
      storeId: storeIds[2],
      placedAt: new Date("2025-04-02T10:00:00Z"),
      total: 2500,
    });
    await refreshCustomerActivity(db, [someone!.customer_id], now);
    await expectCacheEqualsLive(null, now);

    await db.insert(enrollments).values({
      programId,
      customerId: someone!.customer_id,
      isControl: false,
      enrolledAt: new Date("2025-05-15T10:00:00Z"),
    });
    await expectCacheEqualsLive(null, now);

    await db.insert(ledgerEntries).values({
      programId,
      customerId: someone!.customer_id,
      kind: "redeem",
      unit: "points",
      amount: -75,
      effectiveAt: new Date("2025-08-03T10:00:00Z"),
    });
    await expectCacheEqualsLive(null, now);

    const [moved] = await db
      .select({ id: orders.id })
      .from(orders)
      .where(sql`${orders.storeId} = ${storeIds[0]!} and ${orders.placedAt} >= '2025-07-01'`)
      .limit(1);
    await db
      .update(orders)
      .set({ storeId: storeIds[1]! })
      .where(sql`${orders.id} = ${moved!.id}`);
    expect(await cachedRows(db)).toEqual([]);
    const year = {
      from: monthIn(2025, 2).from,
      to: monthIn(2025, 10).to,
      storeId: null,
      timezone: tz,
    };
    expect(await storeMonthlyTrends(db, year)).toEqual(await liveMonthlyTrends(db, year));
    await expectCacheEqualsLive(null, now);
    expect(await storeMonthlyTrends(db, year)).toEqual(await liveMonthlyTrends(db, year));
  });
});
