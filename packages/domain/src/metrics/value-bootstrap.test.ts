import { describe, expect, it } from "vitest";
import { expectedPurchases, fitBgNbd, simulateBgNbd, type BgNbdParams } from "./bg-nbd";
import { fitGammaGamma, simulateGammaGamma } from "./gamma-gamma";
import { seededRandom } from "./random";
import {
  bootstrapValueModels,
  customerValueInterval,
  populationValueInterval,
  predictValue,
  valueInterval,
  type ValueCustomer,
} from "./value-bootstrap";
import { calibrationByFrequency, cumulativeCalibration } from "./value-calibration";

const truth: BgNbdParams = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
const newCustomer = { x: 0, tx: 0, T: 0, meanValue: 0 };

function simulated(n: number, seed: number): ValueCustomer[] {
  const random = seededRandom(seed);
  const ages = Array.from({ length: n }, () => 26 + random() * 52);
  const rfm = simulateBgNbd(truth, ages, random);
  const spend = simulateGammaGamma(
    { p: 6, q: 4, gamma: 15 },
    rfm.map((c) => c.x),
    random,
  );
  return rfm.map((c, i) => ({ ...c, meanValue: c.x > 0 ? spend[i]!.meanValue : 0 }));
}

function pointFit(customers: ValueCustomer[]) {
  const spenders = customers.filter((c) => c.x > 0);
  return {
    bgNbd: fitBgNbd(customers).params,
    gammaGamma: fitGammaGamma(spenders).params,
  };
}

describe("bootstrap intervals for predicted value", () => {
  it("covers the true expected purchases of a new customer in about 90% of simulated data sets", () => {
    const target = expectedPurchases(truth, newCustomer, 52);
    const replications = 40;
    let covered = 0;
    for (let k = 0; k < replications; k++) {
      const customers = simulated(500, 100 + k);
      // Purchases only: the spend model plays no part in this figure.
      const point = { bgNbd: fitBgNbd(customers).params, gammaGamma: null };
      const sets = bootstrapValueModels(customers, point, { resamples: 50, seed: k });
      const interval = valueInterval(sets.map((s) => expectedPurchases(s.bgNbd, newCustomer, 52)));
      if (interval.low <= target && target <= interval.high) covered += 1;
    }
    // 90% nominal: 36 of 40 expected; a binomial 99% band is about 31–40.
    expect(covered, `covered ${covered} of ${replications}`).toBeGreaterThanOrEqual(31);
  }, 120_000);

  it("narrows by √(m/n) when a subsample stands in for a larger fit, and brackets the point estimate", () => {
    const customers = simulated(800, 5);
    const point = pointFit(customers);
    const width = (fittedOn?: number) => {
      const sets = bootstrapValueModels(customers, point, { resamples: 80, seed: 1, fittedOn });
      const i = valueInterval(sets.map((s) => expectedPurchases(s.bgNbd, newCustomer, 52)));
      return i.high - i.low;
    };
    const ratio = width(3200) / width();
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(0.6);

    const sets = bootstrapValueModels(customers, point, { resamples: 80, seed: 2 });
    const loyal = { x: 6, tx: 50, T: 52, meanValue: 40 };
    const estimate = predictValue(point, loyal, 52);
    const interval = customerValueInterval(sets, loyal, 52);
    expect(interval.purchases.low).toBeLessThanOrEqual(estimate.purchases);
    expect(interval.purchases.high).toBeGreaterThanOrEqual(estimate.purchases);
    expect(interval.revenue!.low).toBeLessThanOrEqual(estimate.revenue!);
    expect(interval.revenue!.high).toBeGreaterThanOrEqual(estimate.revenue!);
    expect(interval.purchases.high).toBeGreaterThan(interval.purchases.low);

    const totals = populationValueInterval(point, sets, customers.slice(0, 100), 52, 8);
    expect(totals.purchases.low).toBeLessThanOrEqual(totals.purchases.estimate);
    expect(totals.purchases.high).toBeGreaterThanOrEqual(totals.purchases.estimate);
    const direct = customers
      .slice(0, 100)
      .reduce((s, c) => s + expectedPurchases(point.bgNbd, c, 52), 0);
    expect(totals.purchases.estimate).toBeCloseTo(direct * 8, 6);
    expect(totals.revenue?.estimate).toBeGreaterThan(0);
  }, 60_000);

  it("is the same for the same seed (seeded resampling)", () => {
    const customers = simulated(300, 9);
    const point = pointFit(customers);
    const a = bootstrapValueModels(customers, point, { resamples: 5, seed: 3 });
    const b = bootstrapValueModels(customers, point, { resamples: 5, seed: 3 });
    expect(a).toEqual(b);
  });
});

describe("calibration against a holdout period", () => {
  const params: BgNbdParams = { r: 0.5, alpha: 5, a: 0.7, b: 2 };
  const customers = [
    { x: 0, tx: 0, T: 20, holdoutDays: [3] },
    { x: 0, tx: 0, T: 30, holdoutDays: [] },
    { x: 2, tx: 10, T: 20, holdoutDays: [0, 6, 7, 20] },
    { x: 9, tx: 19, T: 20, holdoutDays: [1, 2] },
    { x: 7, tx: 18, T: 20, holdoutDays: [] },
  ];

  it("groups customers by calibration repeat purchases (7+ together) with mean actual and predicted holdout purchases", () => {
    const rows = calibrationByFrequency(params, customers, 3);
    expect(rows.map((r) => [r.repeatPurchases, r.orMore, r.customers, r.actual])).toEqual([
      [0, false, 2, 0.5],
      [2, false, 1, 4],
      [7, true, 2, 1],
    ]);
    const predictedZero =
      (expectedPurchases(params, customers[0]!, 3) + expectedPurchases(params, customers[1]!, 3)) /
      2;
    expect(rows[0]!.predicted).toBeCloseTo(predictedZero, 12);
  });

  it("accumulates holdout purchases week by week against the model's cumulative expectation", () => {
    const points = cumulativeCalibration(params, customers, 3);
    // Week 1 holds days 0–6: 3, 0, 6, 1, 2 → 5; week 2 adds 7 → 6; week 3 adds 20 → 7.
    expect(points.map((p) => [p.week, p.actual])).toEqual([
      [1, 5],
      [2, 6],
      [3, 7],
    ]);
    const expected = customers.reduce((s, c) => s + expectedPurchases(params, c, 2), 0);
    expect(points[1]!.predicted).toBeCloseTo(expected, 12);
    expect(points[2]!.predicted).toBeGreaterThan(points[1]!.predicted);
  });
});
