import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assembleCohortMatrix, dayNumber } from "@boomerang/domain/metrics";
import type { DbHandle } from "../../client";
import { rebuildCustomerFeatures } from "../../features/refresh-activity";
import { makeBusiness, makeCustomer, makeOrder, makeStore } from "../../testing/factories";
import { openTestDb, testDrivers } from "../../testing/test-db";
import { churnTrendFromFeatures } from "./churn";
import { cohortCountsFromFeatures } from "./cohorts";
import { cohortCountsFromOrders } from "./cohorts-from-orders";
import { monthlyActivityFromFeatures, revenueChurnFromFeatures } from "./monthly";
import { purchaseGapsFromFeatures } from "./purchase-gaps";
import { repeatRateFromFeatures } from "./repeat-rate";
import type { RetentionAudience } from "./scope";

// The hand-worked data set of the domain tests (packages/domain/src/metrics/retention.test.ts),
// loaded into the database: A (3 orders from Jan 5), B (1 order, Jan 20), C (3 orders from Feb 3).
const at = (day: string) => new Date(`${day}T12:00:00Z`);
const range = { from: new Date("2025-01-01T00:00:00Z"), to: new Date("2025-04-01T00:00:00Z") };
const today = "2025-04-15";

describe.each(testDrivers())("retention SQL on a hand-made data set on $name", (driver) => {
  let handle: DbHandle;
  let everyone: RetentionAudience;
  let otherStore: RetentionAudience;
  beforeAll(async () => {
    handle = await openTestDb(driver, "retention_hand");
    const db = handle.db;
    await makeBusiness(db, { timezone: "UTC" });
    const home = await makeStore(db);
    const other = await makeStore(db);
    const buy = async (days: [string, number][]) => {
      const c = await makeCustomer(db, { homeStoreId: home.id });
      for (const [day, total] of days)
        await makeOrder(db, { customerId: c.id, placedAt: at(day), total });
    };
    await buy([
      ["2025-01-05", 100],
      ["2025-02-10", 200],
      ["2025-04-01", 300],
    ]);
    await buy([["2025-01-20", 50]]);
    await buy([
      ["2025-02-03", 10],
      ["2025-02-20", 20],
      ["2025-03-15", 30],
    ]);
    await rebuildCustomerFeatures(db, new Date(`${today}T00:00:00Z`));
    everyone = { storeId: null, program: null, timezone: "UTC" };
    otherStore = { storeId: other.id, program: null, timezone: "UTC" };
  });
  afterAll(async () => handle?.close());

  it("gives the hand-worked cohort matrix from customer_features and from orders", async () => {
    for (const counts of [
      await cohortCountsFromFeatures(handle.db, "month", range, everyone),
      await cohortCountsFromOrders(handle.db, "month", range, everyone),
    ]) {
      const matrix = assembleCohortMatrix(counts, "month", today);
      expect(matrix.rows.map((r) => [r.cohort, r.size])).toEqual([
        ["2025-01-01", 2],
        ["2025-02-01", 1],
      ]);
      expect(matrix.rows[0]!.cells.map((c) => [c.active, c.unbounded, c.revenue])).toEqual([
        [2, 2, 150],
        [1, 1, 200],
        [0, 1, 0],
        [1, 1, 300],
      ]);
      expect(matrix.mean.map((p) => p.classicRate)).toEqual([1, 2 / 3, 0]);
    }
    const quarter = assembleCohortMatrix(
      await cohortCountsFromFeatures(handle.db, "quarter", range, everyone),
      "quarter",
      today,
    );
    expect(quarter.rows[0]!.cells.map((c) => c.active)).toEqual([3, 1]);
  });

  it("counts only the chosen store's customers", async () => {
    expect(await cohortCountsFromFeatures(handle.db, "month", range, otherStore)).toEqual([]);
  });

  it("gives the hand-worked repeat rate, purchase gaps and churn statuses", async () => {
    const r80 = await repeatRateFromFeatures(handle.db, 80, dayNumber(today), range, everyone);
    expect(r80.overall).toMatchObject({ eligible: 2, repeaters: 1, rate: 0.5 });
    expect(r80.repeatPurchasesPerCustomer).toBeCloseTo(4 / 3);
    const gaps = await purchaseGapsFromFeatures(handle.db, 30, 60, range, everyone);
    expect(gaps).toMatchObject({ gaps: 4, medianDays: 29.5 });
    expect(gaps.histogram.map((b) => b.count)).toEqual([2, 2, 0]);
    const churn = await churnTrendFromFeatures(
      handle.db,
      { churnAfterDays: 60, atRiskAfterDays: 30 },
      [dayNumber("2025-01-10"), dayNumber("2025-03-31")],
      everyone,
    );
    expect(churn.map((p) => [p.active, p.atRisk, p.churned])).toEqual([
      [1, 0, 0],
      [1, 1, 1],
    ]);
  });

  it("gives the hand-worked monthly activity and revenue churn", async () => {
    const months = await monthlyActivityFromFeatures(
      handle.db,
      "2025-01-01",
      "2025-04-01",
      everyone,
    );
    expect(months.map((m) => [m.month, m.orders, m.revenue, m.customers])).toEqual([
      ["2025-01-01", 2, 150, 2],
      ["2025-02-01", 3, 230, 2],
      ["2025-03-01", 1, 30, 1],
      ["2025-04-01", 1, 300, 1],
    ]);
    const churn = await revenueChurnFromFeatures(handle.db, "2025-02-01", "2025-04-30", everyone);
    expect(
      churn.map((m) => [m.month, m.previousRevenue, m.lost, m.contraction, m.expansion]),
    ).toEqual([
      ["2025-02-01", 150, 50, 0, 100],
      ["2025-03-01", 230, 200, 0, 0],
      ["2025-04-01", 30, 30, 0, 0],
    ]);
  });
});
