import { describe, expect, it } from "vitest";
import { comparisonInput } from "./comparison-input";
import { simulateComparison } from "./comparison";
import { historyOf } from "./test-history";

const day = (iso: string): number => Date.parse(`${iso}T10:00:00Z`);
const period = { from: Date.UTC(2025, 0, 1), to: Date.UTC(2025, 6, 1) };

// A: three orders, bought in both halves. B: one order in January, lost. C: bought only before the
// period, so not a member.
const history = historyOf([
  {
    id: "A",
    orders: [
      { id: "a1", at: day("2025-01-10"), amount: 10_000 },
      { id: "a2", at: day("2025-02-10"), amount: 5_000 },
      { id: "a3", at: day("2025-05-10"), amount: 2_000 },
    ],
  },
  { id: "B", orders: [{ id: "b1", at: day("2025-01-20"), amount: 3_000 }] },
  { id: "C", orders: [{ id: "c1", at: day("2024-12-01"), amount: 9_000 }] },
]);

const points = {
  earnPoints: 1,
  earnPer: 1_000,
  pointValue: 5,
  pendingDays: 0,
  minRedemption: 10,
  maxRedeemPercent: 50,
  expiryDays: 0,
};
const model = {
  enrolmentRate: 1,
  frequencyLift: { points: 0.1, "tiered-discount": 0.05 },
  thresholdLift: 0,
  redemptionRate: 1,
  referralsPerMember: 0,
  referralConversion: 0,
  channels: [],
  grossMargin: 0.5,
};

const run = () => {
  const input = comparisonInput.parse({
    candidates: [
      { label: "Points", typeId: "points", params: points },
      {
        label: "Tiers",
        typeId: "tiered-discount",
        params: { levels: [{ spend: 10_000, percentOff: 10 }] },
      },
    ],
    model,
    resamples: 50,
  });
  const result = simulateComparison(input, history, period);
  if (!result.ok) throw new Error(result.errors.join("; "));
  return result.value;
};

describe("a hand-made history, worked by hand", () => {
  it("replays the points program: earn, pay with points, earn on the rest, outstanding balance", () => {
    const points = run().candidates[0]!;
    // A: 10 points on 100.00; pays 10 points (50 off) on 50.00 and earns 4 on the 49.50 paid;
    // 2 on 20.00 (6 usable, under the 10 minimum). B: 3 points on 30.00. C is not a member.
    expect(points.metrics.members).toBe(2);
    expect(points.metrics.participants).toBe(2);
    expect(points.metrics.rewardCost).toBe(50);
    expect(points.metrics.liability).toBe((6 + 3) * 5);
    expect(points.metrics.orders).toBe(4);
    expect(points.metrics.revenue).toBe(20_000);
    // Assumed: 10% more orders and revenue.
    expect(points.metrics.incrementalOrders).toBeCloseTo(0.4, 10);
    expect(points.metrics.incrementalRevenue).toBeCloseTo(2_000, 10);
    // Both bought in the first half; A again in the second, B not: B comes back with
    // probability 1 − e^(−0.1 × 1).
    expect(points.metrics.baselineRetention).toBe(0.5);
    expect(points.metrics.retentionChange).toBeCloseTo((1 - Math.exp(-0.1)) / 2, 10);
    expect(points.metrics.totalCost).toBe(95);
    expect(points.metrics.roi).toBeCloseTo((2_000 * 0.5 - 95) / 95, 10);
    expect(points.metrics.costPerRetained).toBeCloseTo(95 / (1 - Math.exp(-0.1)), 6);
  });

  it("accrues the points cost by month: earned value, less redeemed, plus what points paid", () => {
    const series = run().candidates[0]!.series;
    expect(series.months.map((m) => m.cumulativeCost)).toEqual([65, 85, 85, 85, 95, 95]);
    // January's extra margin (10% of 130.00, half kept) already covers January's cost.
    expect(series.paybackMonths).toBe(1);
    expect(series.months[0]!.cumulativeIncrementalRevenue).toBe(1_300);
  });

  it("replays the cumulative discount: 10% on A's orders after 100.00 spent, nothing for B", () => {
    const tiers = run().candidates[1]!;
    expect(tiers.metrics.rewardCost).toBe(500 + 200);
    expect(tiers.metrics.liability).toBe(0);
    expect(tiers.metrics.participants).toBe(1);
    expect(tiers.metrics.incrementalRevenue).toBeCloseTo(1_000, 10);
  });

  it("ranks on ROI and says so in one sentence", () => {
    const result = run();
    // Points: ROI 9.53; tiers: (1000 × 0.5 − 700) / 700 < 0.
    expect(result.ranking.base).toEqual(["Points", "Tiers"]);
    expect(result.recommendation).toMatch(/^On ROI, Points/);
  });
});
