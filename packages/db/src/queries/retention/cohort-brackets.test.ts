import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assembleBracketTable,
  bracketsFromEnds,
  cohortBracketCounts,
  customerHistories,
  dayNumber,
  type CohortGrain,
  type OrderRecord,
} from "@boomerang/domain/metrics";
import type { DbHandle } from "../../client";
import { rebuildCustomerFeatures, refreshCustomerActivity } from "../../features/refresh-activity";
import { orders } from "../../schema";
import { makeBusiness, makeCustomer, makeOrder, makeStore } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { enrollFixture, fixtureAudiences, retentionBase } from "../../testing/retention-audiences";
import { queryRows } from "../rows";
import {
  cohortBracketsFromFeatures,
  cohortBracketsFromOrders,
  MAX_BRACKET_LISTS,
} from "./cohort-brackets";
import type { RetentionAudience } from "./scope";

const at = (day: string) => new Date(`${day}T12:00:00Z`);

// The hand-worked set of packages/domain/src/metrics/cohort-brackets.test.ts: A buys on Jan 5,
// Feb 10 (day 36), Apr 1 (day 86); B only on Jan 20; C on Feb 3, Feb 20 (day 17), Mar 15 (day 40);
// today 2025-04-15 (A 100 days in, B 85, C 71). C's Feb 20 order is online.
describe.each(testDrivers())(
  "retention brackets SQL on a hand-made data set on $name",
  (driver) => {
    let handle: DbHandle;
    const range = { from: new Date("2025-01-01T00:00:00Z"), to: new Date("2025-04-01T00:00:00Z") };
    const today = dayNumber("2025-04-15");
    const everyone: RetentionAudience = { storeId: null, program: null, timezone: "UTC" };
    beforeAll(async () => {
      handle = await openTestDb(driver, "retention_brackets_hand");
      const db = handle.db;
      await makeBusiness(db, { timezone: "UTC" });
      const home = await makeStore(db);
      const buy = async (days: [string, "online" | "offline"][]) => {
        const c = await makeCustomer(db, { homeStoreId: home.id });
        for (const [day, channel] of days)
          await makeOrder(db, { customerId: c.id, placedAt: at(day), channel });
      };
      await buy([
        ["2025-01-05", "offline"],
        ["2025-02-10", "offline"],
        ["2025-04-01", "offline"],
      ]);
      await buy([["2025-01-20", "offline"]]);
      await buy([
        ["2025-02-03", "offline"],
        ["2025-02-20", "online"],
        ["2025-03-15", "offline"],
      ]);
      await rebuildCustomerFeatures(db, at("2025-04-15"));
    });
    afterAll(async () => handle?.close());

    it("gives the hand-worked shares 0–7, 8–30, 31–90 with the 31–90 bracket incomplete", async () => {
      const brackets = bracketsFromEnds([7, 30, 90]);
      for (const counts of [
        await cohortBracketsFromFeatures(handle.db, "month", brackets, today, range, everyone),
        await cohortBracketsFromOrders(handle.db, "month", brackets, today, range, everyone, null),
      ]) {
        const table = assembleBracketTable(counts, "month", brackets);
        expect(
          table.rows.map((r) => [r.cohort, r.size, r.cells.map((c) => [c.rate, c.complete])]),
        ).toEqual([
          [
            "2025-01-01",
            2,
            [
              [0, true],
              [0, true],
              [0.5, false],
            ],
          ],
          [
            "2025-02-01",
            1,
            [
              [0, true],
              [1, true],
              [1, false],
            ],
          ],
        ]);
        expect(table.mean.map((m) => m.rate)).toEqual([0, 1 / 3, null]);
      }
    });

    it("counts only offline orders when the offline channel is chosen", async () => {
      const brackets = bracketsFromEnds([30, 60]);
      const counts = await cohortBracketsFromOrders(
        handle.db,
        "month",
        brackets,
        today,
        range,
        everyone,
        "offline",
      );
      // C's day-17 order was online: offline, C only bought again on day 40 (31–60).
      expect(counts).toEqual([
        { cohort: "2025-01-01", size: 2, buyers: [0, 1], eligible: [2, 2] },
        { cohort: "2025-02-01", size: 1, buyers: [0, 1], eligible: [1, 1] },
      ]);
    });
  },
);

/** mulberry32: a small seeded generator, so a failing case can be replayed. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(testDrivers())(
  "retention brackets SQL agree with the in-memory reference on random data on $name",
  (driver) => {
    const timezone = "Europe/Rome";
    const now = new Date("2025-11-17T09:00:00Z");
    const today = dayNumber("2025-11-17");
    const range = { from: new Date("2024-02-10T00:00:00Z"), to: new Date("2025-10-01T00:00:00Z") };
    let handle: DbHandle;
    const all: (OrderRecord & { channel: "online" | "offline" })[] = [];
    const homeOf = new Map<number, number>();
    const members = new Set<number>();
    let storeIds: number[] = [];
    let programId = 0;

    beforeAll(async () => {
      handle = await openTestDb(driver, "retention_brackets_random");
      const db = handle.db;
      ({ storeIds, programId } = await retentionBase(db, timezone));
      const random = prng(20251123);
      const rows: (typeof orders.$inferInsert)[] = [];
      for (let i = 0; i < 90; i++) {
        const home = storeIds[Math.floor(random() * 2)]!;
        const customer = await makeCustomer(db, { homeStoreId: home });
        homeOf.set(customer.id, home);
        if (random() < 0.5) members.add(customer.id);
        // Gaps of 0–60 days (some the same day), some orders near midnight in Rome.
        let t = Date.parse("2023-12-01T00:00:00Z") + random() * 700 * 86_400_000;
        const count = 1 + Math.floor(random() * random() * 9);
        for (let k = 0; k < count && t < now.getTime(); k++) {
          const placedAt = new Date(
            random() < 0.2 ? Math.floor(t / 86_400_000) * 86_400_000 + 23.2 * 3_600_000 : t,
          );
          const channel = random() < 0.3 ? "online" : "offline";
          all.push({ customerId: customer.id, placedAt, total: 1000, channel });
          rows.push({
            externalId: `B${i}-${k}`,
            customerId: customer.id,
            storeId: home,
            placedAt,
            subtotal: 1000,
            total: 1000,
            currency: "EUR",
            channel,
          });
          t += Math.floor(random() * random() * 60) * 86_400_000 + random() * 3_600_000;
        }
      }
      await db.insert(orders).values(rows);
      await enrollFixture(db, { storeIds, programId, homeOf, members, timezone }, now);
      await rebuildCustomerFeatures(db, now);
    });
    afterAll(async () => handle?.close());

    const audiences = () => fixtureAudiences({ storeIds, programId, homeOf, members, timezone });
    const acquired = (keep: (c: number) => boolean, channel: "online" | "offline" | null) =>
      customerHistories(
        all.filter((o) => keep(o.customerId) && (channel === null || o.channel === channel)),
        timezone,
      ).filter((h) => h.firstAt >= range.from && h.firstAt < range.to);
    const sorted = <T extends { cohort: string }>(rows: T[]) =>
      [...rows].sort((a, b) => a.cohort.localeCompare(b.cohort));

    it("per week, month and quarter, for every audience, from customer_features and from orders", async () => {
      for (const ends of [
        [0, 7, 30, 90],
        [3, 14, 45, 120, 365],
      ]) {
        const brackets = bracketsFromEnds(ends);
        for (const [name, audience, keep] of audiences()) {
          for (const grain of ["week", "month", "quarter"] as CohortGrain[]) {
            const expected = sorted(
              cohortBracketCounts(acquired(keep, null), grain, brackets, today),
            );
            expect(expected.some((c) => c.buyers.some((b) => b > 0))).toBe(true);
            expect(
              await cohortBracketsFromFeatures(handle.db, grain, brackets, today, range, audience),
              `${name} ${grain} ${ends}`,
            ).toEqual(expected);
            expect(
              await cohortBracketsFromOrders(
                handle.db,
                grain,
                brackets,
                today,
                range,
                audience,
                null,
              ),
              `${name} ${grain} ${ends} orders`,
            ).toEqual(expected);
          }
        }
      }
    });

    it("for one channel, from orders (first purchase in that channel)", async () => {
      const brackets = bracketsFromEnds([7, 30, 90]);
      for (const channel of ["online", "offline"] as const) {
        for (const [name, audience, keep] of audiences()) {
          expect(
            await cohortBracketsFromOrders(
              handle.db,
              "month",
              brackets,
              today,
              range,
              audience,
              channel,
            ),
            `${name} ${channel}`,
          ).toEqual(sorted(cohortBracketCounts(acquired(keep, channel), "month", brackets, today)));
        }
      }
    });
  },
);

// The brackets cache (migration 0016): everyone and each home store, by month and quarter, equal the
// live arrays and the orders after every kind of write the customer_features trigger sees.
describe.each(testDrivers())("retention brackets cache on $name", (driver) => {
  const timezone = "Europe/Rome";
  const now = new Date("2025-06-20T10:00:00Z");
  const today = dayNumber("2025-06-20");
  // Not aligned on months: whole cached months, a cut edge (November) and a live edge (June).
  const range = { from: new Date("2024-11-13T00:00:00Z"), to: new Date("2025-06-15T00:00:00Z") };
  const endsLists = [
    [7, 30, 90],
    [0, 14, 60, 200],
  ];
  const everyone: RetentionAudience = { storeId: null, program: null, timezone };
  let handle: DbHandle;
  let storeId = 0;
  let otherStoreId = 0;

  const cachedMonths = async (ends: string) =>
    (
      await queryRows<{ m: string }>(
        handle.db,
        sql`select distinct to_char(cohort_month, 'YYYY-MM-DD') as m from retention_bracket_counts
            where ends = ${ends} order by 1`,
      )
    ).map((r) => r.m);

  beforeAll(async () => {
    handle = await openTestDb(driver, "retention_brackets_cache");
    const db = handle.db;
    await makeBusiness(db, { timezone });
    storeId = (await makeStore(db)).id;
    otherStoreId = (await makeStore(db)).id;
    // Sixteen customers, first orders from October 2024 to June 2025, buying again after 0–70
    // days (some twice in one bracket); every third one's home store is the other store.
    for (let i = 0; i < 16; i++) {
      const c = await makeCustomer(db, { homeStoreId: i % 3 === 2 ? otherStoreId : storeId });
      let t = Date.parse("2024-10-05T21:30:00Z") + i * 16 * 86_400_000;
      for (let k = 0; k < 1 + (i % 5) && t < now.getTime(); k++) {
        await makeOrder(db, { customerId: c.id, placedAt: new Date(t), total: 1000 + i });
        t += ((i * 7 + k * 23) % 71) * 86_400_000 + 3_600_000;
      }
    }
    // Customers exactly 30, 60 and 90 days in today: a bracket ending that day is not complete.
    for (const day of ["2025-05-21", "2025-04-21", "2025-03-22"]) {
      const c = await makeCustomer(db, { homeStoreId: storeId });
      await makeOrder(db, { customerId: c.id, placedAt: at(day), total: 700 });
      await makeOrder(db, { customerId: c.id, placedAt: at("2025-06-19"), total: 700 });
    }
    await refreshCustomerActivity(db, null, now);
  });
  afterAll(async () => handle?.close());

  const expectLive = async () => {
    const db = handle.db;
    for (const ends of endsLists) {
      const brackets = bracketsFromEnds(ends);
      for (const audience of [
        everyone,
        { ...everyone, storeId },
        { ...everyone, storeId: otherStoreId },
      ])
        for (const grain of ["month", "quarter"] as const) {
          const label = `${ends} store ${audience.storeId} ${grain}`;
          const cached = await cohortBracketsFromFeatures(
            db,
            grain,
            brackets,
            today,
            range,
            audience,
          );
          expect(cached.length, label).toBeGreaterThan(1);
          expect(cached, label).toEqual(
            await cohortBracketsFromFeatures(db, grain, brackets, today, range, audience, {
              cache: false,
            }),
          );
          expect(cached, label).toEqual(
            await cohortBracketsFromOrders(db, grain, brackets, today, range, audience, null),
          );
        }
      const monthly = await cohortBracketsFromFeatures(
        db,
        "month",
        brackets,
        today,
        range,
        everyone,
      );
      expect(monthly.some((c) => c.buyers.filter((b) => b > 0).length >= 2)).toBe(true);
      expect(await cachedMonths(ends.join(","))).toContain("2025-01-01");
    }
  };
  const customerOf = async (month: string, repeat: boolean) => {
    const [row] = await queryRows<{ id: number; home: number }>(
      handle.db,
      sql`select customer_id as id, home_store_id as home from customer_features
          where first_order_month = ${month}::date and (orders_count >= 2 or not ${repeat}::boolean)
          order by customer_id limit 1`,
    );
    return row!;
  };
  const expectForgotten = async (before: Map<string, string[]>, months: string[]) => {
    for (const ends of endsLists) {
      const key = ends.join(",");
      expect(await cachedMonths(key), key).toEqual(
        before.get(key)!.filter((m) => !months.includes(m)),
      );
    }
  };
  const snapshot = async () =>
    new Map(
      await Promise.all(
        endsLists.map(async (e) => [e.join(","), await cachedMonths(e.join(","))] as const),
      ),
    );

  it("fills each bracket list's cohort months on the first read and answers like the live arrays and the orders", async () => {
    await expectLive();
    // November 2024 is mostly inside the range (cached, minus its customers before the 13th);
    // October 2024 and June 2025 mostly outside (their customers inside computed live).
    for (const ends of endsLists)
      expect(await cachedMonths(ends.join(","))).toEqual([
        "2024-11-01",
        "2024-12-01",
        "2025-01-01",
        "2025-02-01",
        "2025-03-01",
        "2025-04-01",
        "2025-05-01",
      ]);
  });

  it("forgets the months an order update, delete or insert, a new or removed customer and a home store move change, and equals the live answers again", async () => {
    const db = handle.db;
    await expectLive();
    let before = await snapshot();
    // January: an order moves by 20 days. March: a later order is deleted.
    const january = await customerOf("2025-01-01", true);
    const march = await customerOf("2025-03-01", true);
    await db.execute(sql`
      update orders set placed_at = placed_at + interval '20 days'
      where id = (select max(id) from orders where customer_id = ${january.id}::int)
    `);
    await db.execute(sql`
      delete from order_items where order_id = (select max(id) from orders where customer_id = ${march.id}::int)
    `);
    await db.execute(
      sql`delete from orders where id = (select max(id) from orders where customer_id = ${march.id}::int)`,
    );
    await refreshCustomerActivity(db, [january.id, march.id], now);
    await expectForgotten(before, ["2025-01-01", "2025-03-01"]);
    await expectLive();

    // February: a customer buys again 5 days after their first order; a new customer arrives in May.
    before = await snapshot();
    const february = await customerOf("2025-02-01", false);
    const [first] = await queryRows<{ at: string }>(
      db,
      sql`select min(placed_at)::text as at from orders where customer_id = ${february.id}::int`,
    );
    await makeOrder(db, {
      customerId: february.id,
      placedAt: new Date(Date.parse(first!.at) + 5 * 86_400_000),
      total: 555,
    });
    const newcomer = await makeCustomer(db, { homeStoreId: otherStoreId });
    await makeOrder(db, {
      customerId: newcomer.id,
      placedAt: new Date("2025-05-20T08:00:00Z"),
      total: 999,
    });
    await refreshCustomerActivity(db, [february.id, newcomer.id], now);
    await expectForgotten(before, ["2025-02-01", "2025-05-01"]);
    await expectLive();

    // December: a customer moves to the other store; April: a customer is removed with their orders.
    before = await snapshot();
    const december = await customerOf("2024-12-01", true);
    await db.execute(
      sql`update customers set home_store_id = ${december.home === storeId ? otherStoreId : storeId}::int
          where id = ${december.id}::int`,
    );
    await refreshCustomerActivity(db, [december.id], now);
    const april = await customerOf("2025-04-01", false);
    await db.execute(
      sql`delete from order_items where order_id in (select id from orders where customer_id = ${april.id}::int)`,
    );
    await db.execute(sql`delete from orders where customer_id = ${april.id}::int`);
    await db.execute(sql`delete from customers where id = ${april.id}::int`);
    await expectForgotten(before, ["2024-12-01", "2025-04-01"]);
    await expectLive();

    // Scores do not touch the cached months.
    before = await snapshot();
    await db.execute(sql`update customer_features set rfm_group = 'champions', recency_score = 5`);
    await expectForgotten(before, []);
  });

  it(`keeps at most ${MAX_BRACKET_LISTS} bracket lists, dropping the others when another one is filled`, async () => {
    const db = handle.db;
    const lists = async () =>
      (
        await queryRows<{ ends: string }>(
          db,
          sql`select distinct ends from retention_bracket_counts order by 1`,
        )
      ).map((r) => r.ends);
    await db.execute(sql`delete from retention_bracket_counts`);
    for (let i = 0; i < MAX_BRACKET_LISTS; i++) {
      const brackets = bracketsFromEnds([10 + i, 100]);
      await cohortBracketsFromFeatures(db, "month", brackets, today, range, everyone);
    }
    const kept = await lists();
    expect(kept.length).toBe(MAX_BRACKET_LISTS);
    expect(kept).toContain(`${10 + MAX_BRACKET_LISTS - 1},100`);
    // One more list: the others are dropped, and every answer is still the live one.
    await cohortBracketsFromFeatures(
      db,
      "month",
      bracketsFromEnds([5, 50]),
      today,
      range,
      everyone,
    );
    expect(await lists()).toEqual(["5,50"]);
    await expectLive();
    expect(await lists()).toEqual(["0,14,60,200", "5,50", "7,30,90"]);
  });
});
