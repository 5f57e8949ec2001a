import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "@boomerang/domain/metrics";
import type { DbHandle } from "../client";
import { customerFeatures, orders } from "../schema";
import { makeBusiness, makeCustomer } from "../testing/factories";
import { openTestDb, testDrivers } from "../testing/test-db";
import { refreshPredictions } from "./predictions";
import { rebuildCustomerFeatures } from "./refresh-activity";

const now = new Date("2025-12-31T12:00:00Z");
const day = 86_400_000;

describe.each(testDrivers())("predicted value on $name", (driver) => {
  let handle: DbHandle;
  let loyal = 0;
  let lapsed = 0;
  let noOrders = 0;
  beforeAll(async () => {
    handle = await openTestDb(driver, "features_predictions");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    const random = seededRandom(11);
    const rows: (typeof orders.$inferInsert)[] = [];
    const add = (customerId: number, at: number, total: number) =>
      rows.push({
        externalId: `P${rows.length}`,
        customerId,
        placedAt: new Date(at),
        subtotal: total,
        total,
        currency: "EUR",
        channel: "offline",
      });
    // A varied base: buyers every few weeks who stop at some point, and one-time buyers.
    for (let i = 0; i < 150; i++) {
      const c = await makeCustomer(db);
      let t = now.getTime() - (100 + random() * 500) * day;
      const gap = (7 + random() * 60) * day;
      do {
        add(c.id, t, 1000 + Math.floor(random() * 5000));
        t += gap * (0.5 + random());
      } while (t < now.getTime() && random() > 0.15);
    }
    loyal = (await makeCustomer(db)).id;
    for (let k = 0; k < 20; k++) add(loyal, now.getTime() - (400 - 20 * k) * day, 4000);
    lapsed = (await makeCustomer(db)).id;
    for (let k = 0; k < 5; k++) add(lapsed, now.getTime() - (600 - 20 * k) * day, 4000);
    noOrders = (await makeCustomer(db)).id;
    await db.insert(orders).values(rows);
    await rebuildCustomerFeatures(db, now);
  });
  afterAll(async () => handle?.close());

  const featuresOf = async (id: number) =>
    (
      await handle.db.select().from(customerFeatures).where(eq(customerFeatures.customerId, id))
    )[0]!;

  it("writes probability active, expected purchases and revenue for the next 12 months for every buyer", async () => {
    const fit = await refreshPredictions(handle.db, now);
    expect(fit?.customers).toBe(152);
    const all = await handle.db.select().from(customerFeatures);
    for (const f of all.filter((r) => r.ordersCount > 0)) {
      expect(f.probabilityActive).toBeGreaterThanOrEqual(0);
      expect(f.probabilityActive).toBeLessThanOrEqual(1);
      expect(f.expectedPurchases12m).toBeGreaterThanOrEqual(0);
      expect(f.predictedAt?.toISOString()).toBe(now.toISOString());
    }
    expect((await featuresOf(noOrders)).probabilityActive).toBeNull();
  });

  it("ranks a regular recent buyer above one who stopped long ago", async () => {
    const a = await featuresOf(loyal);
    const b = await featuresOf(lapsed);
    expect(a.probabilityActive!).toBeGreaterThan(b.probabilityActive!);
    expect(a.expectedPurchases12m!).toBeGreaterThan(b.expectedPurchases12m!);
    expect(a.expectedPurchases12m!).toBeGreaterThan(1);
    expect(b.probabilityActive!).toBeLessThan(0.5);
  });

  it("stores 90% intervals for the 12-month totals and a holdout check of a fit on the earlier weeks", async () => {
    const fit = (await refreshPredictions(handle.db, now))!;
    const all = await handle.db.select().from(customerFeatures);
    const sum = all.reduce((s, f) => s + (f.expectedPurchases12m ?? 0), 0);
    expect(fit.totals.purchases.estimate).toBeCloseTo(sum, 6);
    expect(fit.totals.purchases.low).toBeLessThan(fit.totals.purchases.estimate);
    expect(fit.totals.purchases.high).toBeGreaterThan(fit.totals.purchases.estimate);
    expect(fit.bootstrap).toHaveLength(100);
    const calibration = fit.calibration!;
    expect(calibration.holdoutWeeks).toBe(26);
    // Every customer who bought before the holdout period is in exactly one frequency group.
    expect(calibration.byFrequency.reduce((s, g) => s + g.customers, 0)).toBe(
      calibration.customers,
    );
    expect(calibration.cumulative).toHaveLength(26);
    const last = calibration.cumulative.at(-1)!;
    // The model fitted on the earlier weeks predicts the holdout total within a factor of two.
    expect(last.predicted).toBeGreaterThan(last.actual / 2);
    expect(last.predicted).toBeLessThan(last.actual * 2);
  });

  it("gives the same figures when run again (deterministic fit)", async () => {
    const before = await featuresOf(loyal);
    await refreshPredictions(handle.db, now);
    expect(await featuresOf(loyal)).toMatchObject({
      probabilityActive: before.probabilityActive,
      expectedPurchases12m: before.expectedPurchases12m,
      expectedRevenue12m: before.expectedRevenue12m,
    });
  });
});
