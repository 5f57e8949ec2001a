import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  churnTrend,
  customerHistories,
  dayNumber,
  monthlyActivity,
  purchaseGaps,
  repeatRate,
  revenueChurn,
  type OrderRecord,
} from "@boomerang/domain/metrics";
import type { DbHandle } from "../../client";
import { rebuildCustomerFeatures } from "../../features/refresh-activity";
import { orders } from "../../schema";
import { makeBusiness, makeCustomer, makeOrder, makeStore } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { enrollFixture, fixtureAudiences, retentionBase } from "../../testing/retention-audiences";
import {
  churnTrendForChannel,
  monthlyActivityForChannel,
  purchaseGapsForChannel,
  repeatRateForChannel,
  revenueChurnForChannel,
} from "./channel-metrics";
import type { SalesChannel } from "./cohorts-from-orders";
import type { RetentionAudience } from "./scope";

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

const timezone = "Europe/Rome";
const now = new Date("2025-11-17T09:00:00Z");
const today = "2025-11-17";
const range = { from: new Date("2024-02-10T00:00:00Z"), to: new Date("2025-10-01T00:00:00Z") };
const channels: SalesChannel[] = ["online", "offline"];

describe.each(testDrivers())(
  "one channel's retention cards agree with the in-memory reference on that channel's orders on $name",
  (driver) => {
    let handle: DbHandle;
    const all: (OrderRecord & { channel: SalesChannel })[] = [];
    const homeOf = new Map<number, number>();
    const members = new Set<number>();
    let storeIds: number[] = [];
    let programId = 0;

    beforeAll(async () => {
      handle = await openTestDb(driver, "retention_channel");
      const db = handle.db;
      ({ storeIds, programId } = await retentionBase(db, timezone));
      const random = prng(20261123);
      const rows: (typeof orders.$inferInsert)[] = [];
      for (let i = 0; i < 90; i++) {
        const home = storeIds[Math.floor(random() * 2)]!;
        const customer = await makeCustomer(db, { homeStoreId: home });
        homeOf.set(customer.id, home);
        if (random() < 0.5) members.add(customer.id);
        // Each customer leans to one channel; gaps of 0–90 days; some orders near midnight.
        const onlineShare = random();
        let t = Date.parse("2023-12-01T00:00:00Z") + random() * 700 * 86_400_000;
        const count = 1 + Math.floor(random() * random() * 10);
        for (let k = 0; k < count && t < now.getTime(); k++) {
          const placedAt = new Date(
            random() < 0.2 ? Math.floor(t / 86_400_000) * 86_400_000 + 23.2 * 3_600_000 : t,
          );
          const total = 500 + Math.floor(random() * 9000);
          const channel: SalesChannel = random() < onlineShare ? "online" : "offline";
          all.push({ customerId: customer.id, placedAt, total, channel });
          rows.push({
            externalId: `C${i}-${k}`,
            customerId: customer.id,
            storeId: home,
            placedAt,
            subtotal: total,
            total,
            currency: "EUR",
            channel,
          });
          t += Math.floor(random() * 90) * 86_400_000 + random() * 86_400_000;
        }
      }
      await db.insert(orders).values(rows);
      await enrollFixture(db, { storeIds, programId, homeOf, members, timezone }, now);
      await rebuildCustomerFeatures(db, now);
    });
    afterAll(async () => handle?.close());

    // Everyone, one store and program members (the channel paths share the others' filter code).
    const audiences = () =>
      fixtureAudiences({ storeIds, programId, homeOf, members, timezone }).slice(0, 3);
    /** The reference's histories built from the channel's orders only. */
    const historiesFor = (channel: SalesChannel, keep: (c: number) => boolean, inRange: boolean) =>
      customerHistories(
        all.filter((o) => o.channel === channel && keep(o.customerId)),
        timezone,
      ).filter((h) => !inRange || (h.firstAt >= range.from && h.firstAt < range.to));

    it("the data mixes channels within customers (so a channel's first purchase is not always the first)", () => {
      const firstChannel = new Map<number, SalesChannel>();
      const both = new Set<number>();
      for (const o of [...all].sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime())) {
        const first = firstChannel.get(o.customerId);
        if (first === undefined) firstChannel.set(o.customerId, o.channel);
        else if (first !== o.channel) both.add(o.customerId);
      }
      expect(both.size).toBeGreaterThan(10);
    });

    it("repeat rate", async () => {
      for (const channel of channels)
        for (const [name, audience, keep] of audiences())
          for (const within of [30, 90]) {
            const expected = repeatRate(
              historiesFor(channel, keep, true),
              within,
              dayNumber(today),
            );
            expect(expected.overall.repeaters, `${channel} ${name}`).toBeGreaterThan(0);
            expect(
              await repeatRateForChannel(
                handle.db,
                channel,
                within,
                dayNumber(today),
                range,
                audience,
              ),
              `${channel} ${name} ${within}`,
            ).toEqual(expected);
          }
    });

    it("time between purchases", async () => {
      for (const channel of channels)
        for (const [name, audience, keep] of audiences()) {
          const expected = purchaseGaps(historiesFor(channel, keep, true), 7, 182);
          expect(expected.gaps, `${channel} ${name}`).toBeGreaterThan(0);
          expect(
            await purchaseGapsForChannel(handle.db, channel, 7, 182, range, audience),
            `${channel} ${name}`,
          ).toEqual(expected);
        }
    });

    it("active, at risk and churned", async () => {
      const days = ["2024-03-31", "2024-09-30", "2025-03-31", "2025-11-17"].map(dayNumber);
      const window = { churnAfterDays: 90, atRiskAfterDays: 45 };
      for (const channel of channels)
        for (const [name, audience, keep] of audiences()) {
          const expected = churnTrend(historiesFor(channel, keep, false), window, days);
          expect(expected.at(-1)!.churned, `${channel} ${name}`).toBeGreaterThan(0);
          expect(
            await churnTrendForChannel(handle.db, channel, window, days, audience),
            `${channel} ${name}`,
          ).toEqual(expected);
        }
    });

    it("order value and frequency per month, and revenue churn", async () => {
      for (const channel of channels)
        for (const [name, audience, keep] of audiences()) {
          const histories = historiesFor(channel, keep, false);
          expect(
            await monthlyActivityForChannel(
              handle.db,
              channel,
              "2024-01-01",
              "2025-10-01",
              audience,
            ),
            `${channel} ${name}`,
          ).toEqual(monthlyActivity(histories, "2024-01-01", "2025-10-01"));
          const churn = await revenueChurnForChannel(
            handle.db,
            channel,
            "2024-01-01",
            "2025-10-31",
            audience,
          );
          expect(churn, `${channel} ${name}`).toEqual(
            revenueChurn(histories, "2024-01-01", "2025-10-31"),
          );
          expect(
            churn.some((m) => m.lost > 0 && m.expansion > 0),
            `${channel} ${name}`,
          ).toBe(true);
        }
    });
  },
);

// A (online Jan 5, in store Jan 20, online Feb 10, online Apr 1), B (in store Jan 10, online
// Feb 3, online Feb 20), C (in store only, Jan 15): worked out by hand for the online channel.
const at = (day: string) => new Date(`${day}T12:00:00Z`);

describe.each(testDrivers())(
  "one channel's retention cards on a hand-made data set on $name",
  (driver) => {
    let handle: DbHandle;
    const everyone: RetentionAudience = { storeId: null, program: null, timezone: "UTC" };
    const handRange = {
      from: new Date("2025-01-01T00:00:00Z"),
      to: new Date("2025-04-01T00:00:00Z"),
    };
    beforeAll(async () => {
      handle = await openTestDb(driver, "retention_channel_hand");
      const db = handle.db;
      await makeBusiness(db, { timezone: "UTC" });
      const store = await makeStore(db);
      const buy = async (list: [string, number, SalesChannel][]) => {
        const c = await makeCustomer(db, { homeStoreId: store.id });
        for (const [day, total, channel] of list)
          await makeOrder(db, { customerId: c.id, placedAt: at(day), total, channel });
      };
      await buy([
        ["2025-01-05", 100, "online"],
        ["2025-01-20", 999, "offline"],
        ["2025-02-10", 200, "online"],
        ["2025-04-01", 300, "online"],
      ]);
      await buy([
        ["2025-01-10", 999, "offline"],
        ["2025-02-03", 10, "online"],
        ["2025-02-20", 20, "online"],
      ]);
      await buy([["2025-01-15", 999, "offline"]]);
      await rebuildCustomerFeatures(db, new Date("2025-04-15T00:00:00Z"));
    });
    afterAll(async () => handle?.close());

    it("counts only online orders, from each customer's first online purchase", async () => {
      // Online cohorts: A in January (second online order 36 days later), B in February (17 days).
      const repeat = await repeatRateForChannel(
        handle.db,
        "online",
        30,
        dayNumber("2025-04-15"),
        handRange,
        everyone,
      );
      expect(repeat.byCohort.map((r) => [r.cohort, r.eligible, r.repeaters])).toEqual([
        ["2025-01-01", 1, 0],
        ["2025-02-01", 1, 1],
      ]);
      expect(repeat.repeatPurchasesPerCustomer).toBe(1.5);
      // Online gaps: A 36 and 50 days, B 17 days.
      const gaps = await purchaseGapsForChannel(handle.db, "online", 30, 60, handRange, everyone);
      expect(gaps).toMatchObject({ gaps: 3, medianDays: 36 });
      expect(gaps.histogram.map((b) => b.count)).toEqual([1, 2, 0]);
      // On March 31 with 30/60 days: A's last online order Feb 10 (49 days: at risk), B's Feb 20
      // (39 days: at risk); C never bought online and is not counted.
      const churn = await churnTrendForChannel(
        handle.db,
        "online",
        { atRiskAfterDays: 30, churnAfterDays: 60 },
        [dayNumber("2025-01-12"), dayNumber("2025-03-31")],
        everyone,
      );
      expect(churn.map((p) => [p.active, p.atRisk, p.churned])).toEqual([
        [1, 0, 0],
        [0, 2, 0],
      ]);
      const months = await monthlyActivityForChannel(
        handle.db,
        "online",
        "2025-01-01",
        "2025-04-01",
        everyone,
      );
      expect(months.map((m) => [m.month, m.orders, m.revenue, m.customers])).toEqual([
        ["2025-01-01", 1, 100, 1],
        ["2025-02-01", 3, 230, 2],
        ["2025-04-01", 1, 300, 1],
      ]);
      const revenue = await revenueChurnForChannel(
        handle.db,
        "online",
        "2025-02-01",
        "2025-04-30",
        everyone,
      );
      expect(
        revenue.map((m) => [m.month, m.previousRevenue, m.lost, m.contraction, m.expansion]),
      ).toEqual([
        ["2025-02-01", 100, 0, 0, 100],
        ["2025-03-01", 230, 230, 0, 0],
        ["2025-04-01", 0, 0, 0, 0],
      ]);
      // In store, only C and B's and A's single in-store orders: nobody bought twice.
      const offline = await purchaseGapsForChannel(
        handle.db,
        "offline",
        30,
        60,
        handRange,
        everyone,
      );
      expect(offline).toMatchObject({ gaps: 0, medianDays: null });
    });
  },
);
