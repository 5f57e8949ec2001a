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
import { monthlyActivityFromFeatures, revenueChurnFromFeatures } from "./monthly";
import { purchaseGapsFromFeatures } from "./purchase-gaps";
import { repeatRateFromFeatures } from "./repeat-rate";
import { CACHE_LOCK, type RetentionAudience } from "./scope";

const timezone = "Europe/Rome";
const now = new Date("2025-06-20T10:00:00Z");
// Not aligned on months: the cache answers for whole months and for the cut edges too.
const range = { from: new Date("2024-11-13T00:00:00Z"), to: new Date("2025-06-15T00:00:00Z") };
const days = ["2025-01-31", "2025-03-31", "2025-05-31", "2025-06-20"].map(dayNumber);
const window = { atRiskAfterDays: 30, churnAfterDays: 75 };
// The churn caches hold only the page's default window: the tests name this one as it.
const cachedWindow = { defaultWindow: window };
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
  let otherStoreId = 0;
  const customerIds: number[] = [];

  beforeAll(async () => {
    handle = await openTestDb(driver, "retention_cache");
    const db = handle.db;
    await makeBusiness(db, { timezone });
    storeId = (await makeStore(db)).id;
    otherStoreId = (await makeStore(db)).id;
    // Twelve customers, first orders from October 2024 to May 2025, each buying every ~40 days;
    // every third one's home store is the other store.
    for (let i = 0; i < 12; i++) {
      const c = await makeCustomer(db, { homeStoreId: i % 3 === 2 ? otherStoreId : storeId });
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
    const churn = await churnTrendFromFeatures(db, window, days, everyone, cachedWindow);
    expect(churn).toEqual(await churnTrendFromFeatures(db, window, days, allAsSegment));
    expect(churn).toEqual(await churnTrendFromOrders(db, window, days, everyone));
    // Each home store's matrix and churn trend (migration 0012) equal the live arrays and orders.
    for (const store of [storeId, otherStoreId]) {
      const audience = { ...everyone, storeId: store };
      const storeCached = normalise(await cohortCountsFromFeatures(db, "month", range, audience));
      expect(storeCached.length, `store ${store}`).toBeGreaterThan(1);
      expect(storeCached, `store ${store}`).toEqual(
        normalise(await cohortCountsFromFeatures(db, "month", range, audience, { cache: false })),
      );
      expect(storeCached, `store ${store}`).toEqual(
        normalise(await cohortCountsFromOrders(db, "month", range, audience)),
      );
      const storeChurn = await churnTrendFromFeatures(db, window, days, audience, cachedWindow);
      expect(storeChurn, `store ${store}`).toEqual(
        await churnTrendFromFeatures(db, window, days, audience, { cache: false }),
      );
      expect(storeChurn, `store ${store}`).toEqual(
        await churnTrendFromOrders(db, window, days, audience),
      );
    }
    await expectCardsLive();
    return { cached, churn };
  };

  // The other cards (migration 0009), for everyone and for each home store: cached = live arrays.
  const cardsOf = async (audience: RetentionAudience, cache: boolean) => {
    const db = handle.db;
    return {
      repeat: await repeatRateFromFeatures(db, 90, dayNumber("2025-06-20"), range, audience, {
        cache,
      }),
      repeatLong: await repeatRateFromFeatures(db, 120, dayNumber("2025-06-20"), range, audience, {
        cache,
      }),
      gaps: await purchaseGapsFromFeatures(db, 7, 63, range, audience, { cache }),
      monthly: await monthlyActivityFromFeatures(db, "2024-10-01", "2025-06-20", audience, {
        cache,
      }),
      // A range starting mid-month leaves its first month out of monthly activity, as live.
      monthlyCut: await monthlyActivityFromFeatures(db, "2024-11-13", "2025-05-31", audience, {
        cache,
      }),
      revenueChurn: await revenueChurnFromFeatures(db, "2024-11-13", "2025-06-20", audience, {
        cache,
      }),
    };
  };
  const expectCardsLive = async () => {
    for (const audience of [
      everyone,
      { ...everyone, storeId },
      { ...everyone, storeId: otherStoreId },
    ]) {
      const cached = await cardsOf(audience, true);
      expect(cached, `store ${audience.storeId}`).toEqual(await cardsOf(audience, false));
      expect(cached.repeat.overall.eligible).toBeGreaterThan(0);
      expect(cached.gaps.gaps).toBeGreaterThan(0);
      expect(cached.monthly.length).toBeGreaterThan(3);
      expect(cached.revenueChurn.some((m) => m.lost > 0)).toBe(true);
    }
    // Everyone's answers agree with the same customers through the live path too.
    expect(await cardsOf(everyone, true)).toEqual(await cardsOf(allAsSegment, true));
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
    for (const table of ["retention_repeat_days", "retention_gap_counts"])
      expect(await cachedMonths(handle.db, table), table).toEqual(
        await cachedMonths(handle.db, "retention_cohort_months"),
      );
    // Monthly activity and revenue churn cover every cohort, October 2024's too.
    expect(await cachedMonths(handle.db, "retention_activity_months")).toEqual([
      "2024-10-01",
      ...(await cachedMonths(handle.db, "retention_cohort_months")),
    ]);
  });

  it("answers any other repeat or churn window live, without the cache lock and without writing cache rows", async () => {
    const db = handle.db;
    await expectLiveAnswers();
    const keys = async () => ({
      repeat: await queryRows(
        db,
        sql`select within_days, count(*)::int as n from retention_repeat_days group by 1 order by 1`,
      ),
      churn: await queryRows(
        db,
        sql`select at_risk_after_days, churn_after_days, count(*)::int as n
            from retention_churn_events group by 1, 2 order by 1, 2`,
      ),
      storeChurn: await queryRows(
        db,
        sql`select store_id, at_risk_after_days, churn_after_days, count(*)::int as n
            from retention_store_churn_events group by 1, 2, 3 order by 1, 2, 3`,
      ),
    });
    const before = await keys();
    // Only the default keys are held: within 90 days and the default churn window.
    expect(before.repeat.map((r) => r.within_days)).toEqual([90]);
    expect(before.churn.map((r) => [r.at_risk_after_days, r.churn_after_days])).toEqual([[30, 75]]);
    expect(new Set(before.storeChurn.map((r) => r.churn_after_days))).toEqual(new Set([75]));

    const other = { atRiskAfterDays: 20, churnAfterDays: 50 };
    const today = dayNumber("2025-06-20");
    const reads = async () => {
      const answers = [];
      for (const audience of [
        everyone,
        { ...everyone, storeId },
        { ...everyone, storeId: otherStoreId },
      ]) {
        answers.push({
          audience,
          repeat: await repeatRateFromFeatures(db, 45, today, range, audience),
          // Not the default window (named or not): live.
          churn: await churnTrendFromFeatures(db, other, days, audience),
          churnNamed: await churnTrendFromFeatures(db, other, days, audience, cachedWindow),
        });
      }
      return answers;
    };
    let answers: Awaited<ReturnType<typeof reads>>;
    if (driver.name === "postgres") {
      // A writer to customer_features holds the cache lock shared until it commits: a fill (which
      // takes it exclusively) would wait for it, a live read does not.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let taken = () => {};
      const lockTaken = new Promise<void>((resolve) => (taken = resolve));
      const writer = db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock_shared(${CACHE_LOCK}::bigint)`);
        taken();
        await held;
      });
      await lockTaken;
      try {
        answers = await Promise.race([
          reads(),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error("a live read waited for the cache lock")), 10_000),
          ),
        ]);
      } finally {
        release();
        await writer;
      }
    } else answers = await reads();

    for (const { audience, repeat, churn, churnNamed } of answers) {
      const label = `store ${audience.storeId}`;
      expect(repeat.overall.eligible, label).toBeGreaterThan(0);
      expect(repeat, label).toEqual(
        await repeatRateFromFeatures(db, 45, today, range, audience, { cache: false }),
      );
      expect(churn, label).toEqual(await churnTrendFromOrders(db, other, days, audience));
      expect(churnNamed, label).toEqual(churn);
      expect(churn.some((p) => p.churned > 0 && p.atRisk > 0)).toBe(true);
    }
    // Everyone's equal the same customers through the segment path, and no cache row was written.
    expect(answers[0]!.repeat).toEqual(
      await repeatRateFromFeatures(db, 45, today, range, allAsSegment),
    );
    expect(await keys()).toEqual(before);
  });

  it("keeps a churn fill's month only when no writer changed it while the fill computed it (without the lock), and answers exactly", async () => {
    const db = handle.db;
    await expectLiveAnswers();
    const [january] = await queryRows<{ id: number }>(
      db,
      sql`select customer_id as id from customer_features
          where first_order_month = '2025-01-01' and home_store_id = ${storeId}::int
          order by customer_id limit 1`,
    );
    let placed = Date.parse("2025-06-08T08:00:00Z");
    for (const audience of [everyone, { ...everyone, storeId }]) {
      await db.execute(sql`delete from retention_churn_events`);
      await db.execute(sql`delete from retention_store_churn_events`);
      let fills = 0;
      const write = async (t: Database) => {
        await makeOrder(t, { customerId: january!.id, placedAt: new Date(placed), total: 1234 });
        placed += 86_400_000;
        await refreshCustomerActivity(t, [january!.id], now);
      };
      let hooks: { afterClaim?: () => Promise<void>; afterStaging: () => Promise<void> };
      if (driver.name === "postgres") {
        // A writer changes a January customer after the claim and commits only after the fill
        // computed its months (so the fill's snapshot missed the change): the fill must not wait
        // for the writer (it would never commit) and must not keep January as computed.
        let commit = () => {};
        let writer: Promise<void> = Promise.resolve();
        hooks = {
          afterClaim: async () => {
            if (fills > 0) return;
            let written = () => {};
            const done = new Promise<void>((resolve) => (written = resolve));
            const release = new Promise<void>((resolve) => (commit = resolve));
            writer = db.transaction(async (tx) => {
              await write(tx as unknown as Database);
              written();
              await release;
            });
            await done;
          },
          afterStaging: async () => {
            if (fills++ > 0) return;
            commit();
            await writer;
          },
        };
      } else {
        // One connection: the writer commits between the fill's computing and keeping its months.
        hooks = {
          afterStaging: async () => {
            if (fills++ > 0) return;
            await write(db);
          },
        };
      }
      const churn = await churnTrendFromFeatures(db, window, days, audience, {
        ...cachedWindow,
        ...hooks,
      });
      const label = `store ${audience.storeId}`;
      // January was computed again after the write; every month is cached, nothing staged is left.
      expect(fills, label).toBe(2);
      expect(churn, label).toEqual(await churnTrendFromOrders(db, window, days, audience));
      const table =
        audience.storeId === null ? "retention_churn_events" : "retention_store_churn_events";
      expect(await cachedMonths(db, table), label).toContain("2025-01-01");
      const [left] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from ${sql.raw(table)} where timezone <> ${timezone} or status < 0`,
      );
      expect(left!.n, label).toBe(0);
      // Read again from the cache alone.
      expect(await churnTrendFromFeatures(db, window, days, audience, cachedWindow), label).toEqual(
        churn,
      );
    }
    await expectLiveAnswers();
  });

  it("forgets the months an updated or deleted order or a home store move changes, and the cards equal the live arrays again", async () => {
    const db = handle.db;
    await expectLiveAnswers();
    const cardTables = [
      "retention_repeat_days",
      "retention_gap_counts",
      "retention_activity_months",
      "retention_store_cohort_months",
      "retention_store_churn_events",
    ];
    const before = new Map<string, string[]>();
    for (const table of cardTables) before.set(table, await cachedMonths(db, table));
    const customerOf = async (month: string) => {
      const [row] = await queryRows<{ id: number }>(
        db,
        sql`select customer_id as id from customer_features
            where first_order_month = ${month}::date and orders_count >= 2 order by customer_id limit 1`,
      );
      return row!.id;
    };
    // January: an order's amount and day change. March: a second order is deleted.
    const january = await customerOf("2025-01-01");
    const march = await customerOf("2025-03-01");
    await db.execute(sql`
      update orders set total = total + 777, subtotal = subtotal + 777, placed_at = placed_at + interval '3 days'
      where id = (select max(id) from orders where customer_id = ${january}::int)
    `);
    await db.execute(sql`
      delete from order_items where order_id = (select max(id) from orders where customer_id = ${march}::int)
    `);
    await db.execute(
      sql`delete from orders where id = (select max(id) from orders where customer_id = ${march}::int)`,
    );
    await refreshCustomerActivity(db, [january, march], now);
    for (const table of cardTables) {
      const months = await cachedMonths(db, table);
      expect(months, table).not.toContain("2025-01-01");
      expect(months, table).not.toContain("2025-03-01");
      expect(months, table).toEqual(
        before.get(table)!.filter((m) => m !== "2025-01-01" && m !== "2025-03-01"),
      );
    }
    await expectLiveAnswers();

    // A December customer moves to the other store: their month is forgotten, both stores agree.
    const [december] = await queryRows<{ id: number; home: number }>(
      db,
      sql`select customer_id as id, home_store_id as home from customer_features
          where first_order_month = '2024-12-01' order by customer_id limit 1`,
    );
    const moved = december!.home === storeId ? otherStoreId : storeId;
    await db.execute(
      sql`update customers set home_store_id = ${moved}::int where id = ${december!.id}::int`,
    );
    await refreshCustomerActivity(db, [december!.id], now);
    for (const table of cardTables)
      expect(await cachedMonths(db, table), table).not.toContain("2024-12-01");
    await expectLiveAnswers();
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
