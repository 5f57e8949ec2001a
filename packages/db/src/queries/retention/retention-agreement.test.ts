import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  churnTrend,
  cohortCounts,
  customerHistories,
  dayNumber,
  monthlyActivity,
  revenueChurn,
  purchaseGaps,
  repeatRate,
  type CohortCounts,
  type CohortGrain,
  type OrderRecord,
} from "@boomerang/domain/metrics";
import type { DbHandle } from "../../client";
import { rebuildCustomerFeatures } from "../../features/refresh-activity";
import { orders } from "../../schema";
import { makeCustomer } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { enrollFixture, fixtureAudiences, retentionBase } from "../../testing/retention-audiences";
import { churnTrendFromFeatures, churnTrendFromOrders } from "./churn";
import { cohortCountsFromFeatures } from "./cohorts";
import { cohortCountsFromOrders } from "./cohorts-from-orders";
import { monthlyActivityFromFeatures, revenueChurnFromFeatures } from "./monthly";
import { purchaseGapsFromFeatures } from "./purchase-gaps";
import { repeatRateFromFeatures } from "./repeat-rate";

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

// Maps make toEqual sensitive to insertion order: compare sorted entries instead.
const normalise = (counts: CohortCounts[]) =>
  counts
    .map((c) => ({
      cohort: c.cohort,
      size: c.size,
      active: [...c.activeByPeriod].sort(([a], [b]) => a - b),
      last: [...c.lastByPeriod].sort(([a], [b]) => a - b),
      revenue: c.revenueByPeriod
        ? [...c.revenueByPeriod].filter(([, r]) => r !== 0).sort(([a], [b]) => a - b)
        : null,
    }))
    .sort((a, b) => a.cohort.localeCompare(b.cohort));

describe.each(testDrivers())(
  "retention SQL agrees with the in-memory reference on random data on $name",
  (driver) => {
    let handle: DbHandle;
    const all: (OrderRecord & { storeId: number; channel: "online" | "offline" })[] = [];
    const homeOf = new Map<number, number>();
    const members = new Set<number>();
    let storeIds: number[] = [];
    let programId = 0;

    beforeAll(async () => {
      handle = await openTestDb(driver, "retention_agreement");
      const db = handle.db;
      ({ storeIds, programId } = await retentionBase(db, timezone));
      const random = prng(20251117);
      const rows: (typeof orders.$inferInsert)[] = [];
      for (let i = 0; i < 80; i++) {
        const home = storeIds[Math.floor(random() * 2)]!;
        const customer = await makeCustomer(db, { homeStoreId: home });
        homeOf.set(customer.id, home);
        if (random() < 0.5) members.add(customer.id);
        // First order anywhere in two years; later orders with gaps of 0–120 days; some near midnight.
        let t = Date.parse("2023-12-01T00:00:00Z") + random() * 700 * 86_400_000;
        const count = 1 + Math.floor(random() * random() * 8);
        for (let k = 0; k < count && t < now.getTime(); k++) {
          const placedAt = new Date(
            random() < 0.2 ? Math.floor(t / 86_400_000) * 86_400_000 + 23.2 * 3_600_000 : t,
          );
          const total = 500 + Math.floor(random() * 9000);
          const channel = random() < 0.3 ? "online" : "offline";
          all.push({ customerId: customer.id, placedAt, total, storeId: home, channel });
          rows.push({
            externalId: `R${i}-${k}`,
            customerId: customer.id,
            storeId: home,
            placedAt,
            subtotal: total,
            total,
            currency: "EUR",
            channel,
          });
          t += Math.floor(random() * 120) * 86_400_000 + random() * 86_400_000;
        }
      }
      await db.insert(orders).values(rows);
      await enrollFixture(db, { storeIds, programId, homeOf, members, timezone }, now);
      await rebuildCustomerFeatures(db, now);
    });
    afterAll(async () => handle?.close());

    const audiences = () => fixtureAudiences({ storeIds, programId, homeOf, members, timezone });
    const historiesFor = (keep: (c: number) => boolean, inRange: boolean) =>
      customerHistories(
        all.filter((o) => keep(o.customerId)),
        timezone,
      ).filter((h) => !inRange || (h.firstAt >= range.from && h.firstAt < range.to));

    it("cohort counts per week, month and quarter, from customer_features and from orders", async () => {
      for (const [name, audience, keep] of audiences()) {
        for (const grain of ["week", "month", "quarter"] as CohortGrain[]) {
          const expected = normalise(cohortCounts(historiesFor(keep, true), grain));
          expect(
            normalise(await cohortCountsFromFeatures(handle.db, grain, range, audience)),
            `${name} ${grain}`,
          ).toEqual(expected);
          expect(
            normalise(await cohortCountsFromOrders(handle.db, grain, range, audience)),
            `${name} ${grain} orders`,
          ).toEqual(expected);
        }
      }
    });

    it("cohort counts for one channel from orders (first purchase in that channel)", async () => {
      const online = customerHistories(
        all.filter((o) => o.channel === "online"),
        timezone,
      ).filter((h) => h.firstAt >= range.from && h.firstAt < range.to);
      const fromOrders = await cohortCountsFromOrders(
        handle.db,
        "month",
        range,
        audiences()[0]![1],
        "online",
      );
      expect(normalise(fromOrders)).toEqual(normalise(cohortCounts(online, "month")));
    });

    it("repeat rate, purchase gaps and churn statuses", async () => {
      const days = ["2024-03-31", "2024-09-30", "2025-03-31", "2025-11-17"].map(dayNumber);
      const window = { churnAfterDays: 90, atRiskAfterDays: 45 };
      for (const [name, audience, keep] of audiences()) {
        const acquired = historiesFor(keep, true);
        for (const within of [30, 90]) {
          expect(
            await repeatRateFromFeatures(handle.db, within, dayNumber(today), range, audience),
            name,
          ).toEqual(repeatRate(acquired, within, dayNumber(today)));
        }
        expect(await purchaseGapsFromFeatures(handle.db, 14, 120, range, audience), name).toEqual(
          purchaseGaps(acquired, 14, 120),
        );
        const expected = churnTrend(historiesFor(keep, false), window, days);
        // As the page's default window (cached for everyone and a store) and as any other (live).
        for (const defaultWindow of [window, null])
          expect(
            await churnTrendFromFeatures(handle.db, window, days, audience, { defaultWindow }),
            name,
          ).toEqual(expected);
        expect(
          await churnTrendFromOrders(handle.db, window, days, audience),
          `${name} orders`,
        ).toEqual(expected);
      }
    });

    it("monthly activity and revenue churn", async () => {
      for (const [name, audience, keep] of audiences()) {
        const histories = historiesFor(keep, false);
        const months = await monthlyActivityFromFeatures(
          handle.db,
          "2024-01-01",
          "2025-10-01",
          audience,
        );
        expect(months, name).toEqual(monthlyActivity(histories, "2024-01-01", "2025-10-01"));
        const churn = await revenueChurnFromFeatures(
          handle.db,
          "2024-01-01",
          "2025-10-31",
          audience,
        );
        expect(churn, name).toEqual(revenueChurn(histories, "2024-01-01", "2025-10-31"));
        expect(
          churn.some((m) => m.lost > 0 && m.expansion > 0 && m.contraction > 0),
          name,
        ).toBe(true);
      }
    });
  },
);
