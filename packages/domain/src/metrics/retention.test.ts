import { describe, expect, it } from "vitest";
import { dayNumber, periodIndex, periodStart } from "./calendar";
import { churnTrend, defaultChurnWindow } from "./churn";
import { assembleCohortMatrix, retentionTrend } from "./cohort-matrix";
import { cohortCounts } from "./cohort-retention";
import { customerHistories } from "./customer-history";
import { historicalClv } from "./historical-clv";
import { monthlyActivity } from "./monthly-activity";
import { revenueChurn } from "./revenue-churn";
import { purchaseGaps } from "./purchase-gaps";
import { repeatRate } from "./repeat-rate";

// Three customers worked through by hand (UTC business): A in January (3 orders), B in January
// (1 order), C in February (3 orders); today is 2025-04-15.
const at = (day: string) => new Date(`${day}T12:00:00Z`);
const orders = [
  { customerId: 1, placedAt: at("2025-01-05"), total: 100 },
  { customerId: 1, placedAt: at("2025-02-10"), total: 200 },
  { customerId: 1, placedAt: at("2025-04-01"), total: 300 },
  { customerId: 2, placedAt: at("2025-01-20"), total: 50 },
  { customerId: 3, placedAt: at("2025-02-03"), total: 10 },
  { customerId: 3, placedAt: at("2025-02-20"), total: 20 },
  { customerId: 3, placedAt: at("2025-03-15"), total: 30 },
];
const histories = customerHistories(orders, "UTC");
const today = "2025-04-15";

describe("calendar periods", () => {
  it("starts weeks on Monday and quarters on their first month, in the business's time zone", () => {
    expect(periodStart("2025-01-05", "week")).toBe("2024-12-30");
    expect(periodStart("2025-05-20", "quarter")).toBe("2025-04-01");
    expect(periodIndex("2024-12-30", "2025-01-06", "week")).toBe(1);
    expect(periodIndex("2024-10-01", "2025-01-31", "quarter")).toBe(1);
    const rome = customerHistories(
      [{ customerId: 9, placedAt: new Date("2025-01-31T23:30:00Z"), total: 1 }],
      "Europe/Rome",
    );
    expect(rome[0]!.days[0]).toBe(dayNumber("2025-02-01"));
  });
});

describe("cohort retention", () => {
  const matrix = assembleCohortMatrix(cohortCounts(histories, "month"), "month", today);

  it("counts classic and unbounded retention per monthly cohort, marking periods not yet over", () => {
    const [jan, feb] = matrix.rows;
    expect(jan).toMatchObject({ cohort: "2025-01-01", size: 2 });
    expect(jan!.cells.map((c) => [c.active, c.unbounded, c.complete])).toEqual([
      [2, 2, true],
      [1, 1, true],
      [0, 1, true],
      [1, 1, false],
    ]);
    expect(feb!.cells.map((c) => [c.active, c.unbounded, c.complete])).toEqual([
      [1, 1, true],
      [1, 1, true],
      [0, 0, false],
    ]);
    expect(jan!.cells[1]!.classicRate).toBe(0.5);
  });

  it("retains revenue as a share of the cohort's first-month revenue", () => {
    expect(matrix.rows[0]!.cells.map((c) => c.revenue)).toEqual([150, 200, 0, 300]);
    expect(matrix.rows[0]!.cells[1]!.revenueRate).toBeCloseTo(200 / 150);
  });

  it("weights the mean curve by cohort size over complete periods only", () => {
    expect(matrix.mean).toEqual([
      { period: 0, classicRate: 1, unboundedRate: 1, cohorts: 2, customers: 3 },
      { period: 1, classicRate: 2 / 3, unboundedRate: 2 / 3, cohorts: 2, customers: 3 },
      { period: 2, classicRate: 0, unboundedRate: 0.5, cohorts: 1, customers: 2 },
    ]);
    expect(retentionTrend(matrix, 1)).toEqual([
      { cohort: "2025-01-01", rate: 0.5, size: 2 },
      { cohort: "2025-02-01", rate: 1, size: 1 },
    ]);
  });

  it("accumulates revenue per customer over complete months (historical CLV)", () => {
    const [jan, feb] = historicalClv(matrix)!;
    // January: 150, then +200, then +0 over two customers; April is not over yet.
    expect(jan!.points).toEqual([
      { period: 0, perCustomer: 75 },
      { period: 1, perCustomer: 175 },
      { period: 2, perCustomer: 175 },
    ]);
    expect(feb!.points.map((p) => p.perCustomer)).toEqual([30, 60]);
    expect(
      historicalClv(assembleCohortMatrix(cohortCounts(histories, "week"), "week", today)),
    ).toBeNull();
  });

  it("groups by quarter", () => {
    const q = assembleCohortMatrix(cohortCounts(histories, "quarter"), "quarter", today);
    expect(q.rows).toHaveLength(1);
    expect(q.rows[0]!.size).toBe(3);
    expect(q.rows[0]!.cells.map((c) => [c.active, c.complete])).toEqual([
      [3, true],
      [1, false],
    ]);
  });
});

describe("repeat rate", () => {
  it("counts a second order within N days, among customers acquired at least N days ago", () => {
    const r30 = repeatRate(histories, 30, dayNumber(today));
    expect(r30.overall).toMatchObject({ eligible: 3, repeaters: 1 });
    expect(r30.repeatPurchasesPerCustomer).toBeCloseTo(4 / 3);
    const r80 = repeatRate(histories, 80, dayNumber(today));
    // C's first order (Feb 3) is only 71 days old: not yet eligible for an 80-day window.
    expect(r80.overall).toMatchObject({ eligible: 2, repeaters: 1, rate: 0.5 });
    expect(r80.byCohort.map((r) => [r.cohort, r.eligible])).toEqual([
      ["2025-01-01", 2],
      ["2025-02-01", 0],
    ]);
  });
});

describe("time between purchases and churn", () => {
  it("finds the gaps, their median and a histogram", () => {
    const gaps = purchaseGaps(histories, 30, 60);
    expect(gaps.gaps).toBe(4);
    expect(gaps.medianDays).toBe(29.5);
    expect(gaps.histogram.map((b) => b.count)).toEqual([2, 2, 0]);
    expect(defaultChurnWindow(gaps.medianDays)).toEqual({
      churnAfterDays: 60,
      atRiskAfterDays: 30,
    });
  });

  it("classifies customers as active, at risk or churned on each day", () => {
    const window = { churnAfterDays: 60, atRiskAfterDays: 30 };
    const [early, late] = churnTrend(histories, window, [
      dayNumber("2025-01-10"),
      dayNumber("2025-03-31"),
    ]);
    expect(early).toMatchObject({ active: 1, atRisk: 0, churned: 0 });
    expect(late).toMatchObject({ active: 1, atRisk: 1, churned: 1 });
    expect(late!.churnRate).toBeCloseTo(1 / 3);
  });
});

describe("revenue over time", () => {
  it("gives orders, revenue, average order value and frequency per month", () => {
    const months = monthlyActivity(histories, "2025-01-01", "2025-04-01");
    expect(
      months.map((m) => [
        m.month,
        m.orders,
        m.revenue,
        m.customers,
        m.averageOrderValue,
        m.frequency,
      ]),
    ).toEqual([
      ["2025-01-01", 2, 150, 2, 75, 1],
      ["2025-02-01", 3, 230, 2, 230 / 3, 1.5],
      ["2025-03-01", 1, 30, 1, 30, 1],
      ["2025-04-01", 1, 300, 1, 300, 1],
    ]);
  });

  it("splits the previous month's revenue into lost, contracted and expanded", () => {
    const [feb, mar, apr] = revenueChurn(histories, "2025-02-01", "2025-04-30");
    // February against January: B's 50 is lost, A grew from 100 to 200.
    expect(feb).toMatchObject({ previousRevenue: 150, lost: 50, contraction: 0, expansion: 100 });
    expect(feb!.grossChurn).toBeCloseTo(1 / 3);
    expect(feb!.netChurn).toBeCloseTo(-1 / 3);
    // March against February: A's 200 is lost, C spent the same 30 again.
    expect(mar).toMatchObject({ previousRevenue: 230, lost: 200, expansion: 0 });
    expect(apr).toMatchObject({ previousRevenue: 30, lost: 30, grossChurn: 1 });
  });
});
