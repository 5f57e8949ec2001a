import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../client";
import { refreshPredictions } from "../../features/predictions";
import { rebuildCustomerFeatures } from "../../features/refresh-activity";
import { makeBusiness, makeCustomer, makeOrder, makeStore } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { calibrationSummaries } from "./predictions-calibration";
import { latestPredictionFit, topCustomersByPredictedValue } from "./predictions-top";

const at = (day: string, hour = 12) => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00Z`);
const holdoutStart = at("2025-03-01", 0);
const holdoutEnd = at("2025-04-01", 0);

describe.each(testDrivers())("predicted value queries on $name", (driver) => {
  let handle: DbHandle;
  const ids = { a: 0, b: 0, late: 0, c: 0, home: 0, other: 0 };
  beforeAll(async () => {
    handle = await openTestDb(driver, "predictions_calibration");
    const db = handle.db;
    await makeBusiness(db, { timezone: "Europe/Rome" });
    ids.home = (await makeStore(db)).id;
    ids.other = (await makeStore(db)).id;
    const buy = async (storeId: number, days: [string, number?][]) => {
      const c = await makeCustomer(db, { homeStoreId: storeId });
      for (const [day, hour] of days)
        await makeOrder(db, { customerId: c.id, placedAt: at(day, hour ?? 12), total: 3000 });
      return c.id;
    };
    // A: Jan 1, Jan 1 again (same day), Jan 15 | holdout Mar 1, Mar 1, Mar 10 | after: Apr 2.
    ids.a = await buy(ids.home, [
      ["2025-01-01"],
      ["2025-01-01", 15],
      ["2025-01-15"],
      ["2025-03-01"],
      ["2025-03-01", 18],
      ["2025-03-10"],
      ["2025-04-02"],
    ]);
    // B: one order on Feb 28 at 23:30 UTC, which is already Mar 1 in Rome: a holdout-day buyer, not calibration.
    ids.b = await buy(ids.other, [["2025-02-10"], ["2025-02-28", 23]]);
    // Late: first buys in the holdout period, so has no calibration history.
    ids.late = await buy(ids.home, [["2025-03-05"]]);
    // C: a single order long ago.
    ids.c = await buy(ids.home, [["2024-11-30"]]);
    await rebuildCustomerFeatures(db, at("2025-04-15"));
  });
  afterAll(async () => handle?.close());

  it("summarises calibration and holdout purchases per customer in local days (hand-worked)", async () => {
    const rows = await calibrationSummaries(handle.db, holdoutStart, holdoutEnd, "Europe/Rome");
    // Holdout starts at midnight UTC = Mar 1 01:00 in Rome, so the local cut day is Mar 1.
    expect(rows).toEqual([
      // A: calibration days {0, 14} → x 1, tx 2 weeks; age at Mar 1 = 59 days; holdout days Mar 1, Mar 10 → 0, 9.
      { customerId: ids.a, x: 1, tx: 2, T: 59 / 7, holdoutDays: [0, 9] },
      // B: Feb 10 only in calibration (Feb 28 23:30 UTC is Mar 1 in Rome): x 0, age 19 days; holdout day 0.
      { customerId: ids.b, x: 0, tx: 0, T: 19 / 7, holdoutDays: [0] },
      // C: Nov 30 → Mar 1 is 91 days; nothing in the holdout.
      { customerId: ids.c, x: 0, tx: 0, T: 13, holdoutDays: [] },
    ]);
  });

  it("lists customers by predicted value with the model's inputs, limited to a home store, and reads the stored fit", async () => {
    const now = at("2025-04-15");
    const fit = await refreshPredictions(handle.db, now, { actorId: null });
    expect(fit?.bootstrap.length).toBe(100);
    expect(fit!.totals.purchases.low).toBeLessThanOrEqual(fit!.totals.purchases.estimate);
    expect(fit!.totals.purchases.high).toBeGreaterThanOrEqual(fit!.totals.purchases.estimate);
    // Too few customers before the holdout period to check the model on it.
    expect(fit!.calibration).toBeNull();
    const stored = await latestPredictionFit(handle.db);
    expect(stored?.changes).toMatchObject({ customers: 4, fittedAt: now.toISOString() });

    const top = await topCustomersByPredictedValue(handle.db, {
      storeId: ids.home,
      limit: 10,
      now,
      timezone: "Europe/Rome",
    });
    expect(top.map((t) => t.customerId).sort()).toEqual([ids.a, ids.late, ids.c].sort());
    expect(top[0]!.customerId).toBe(ids.a);
    // A: purchase days 0, 14, 59, 68, 91 → 4 repeats, last at 91 days; first Jan 1 → Apr 15 = 104 days.
    expect(top[0]).toMatchObject({ x: 4, tx: 13, T: 104 / 7, meanValue: 3000 });
    const everyone = await topCustomersByPredictedValue(handle.db, {
      storeId: null,
      limit: 2,
      now,
      timezone: "Europe/Rome",
    });
    expect(everyone).toHaveLength(2);
  });
});
