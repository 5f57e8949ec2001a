import { describe, expect, it } from "vitest";
import { comparisonInput } from "./comparison-input";
import { simulateComparison } from "./comparison";
import { mulberry32 } from "./prng";
import { historyOf, type TestOrder } from "./test-history";

const period = { from: Date.UTC(2025, 0, 1), to: Date.UTC(2026, 0, 1) };
const YEAR = period.to - period.from;
const CUSTOMERS = 300;
const RATE = 3;
const LIFT = 0.1;

// Poisson order counts (Knuth), uniform times, exponential-ish amounts: a skewed population.
const population = (seed: number) => {
  const next = mulberry32(seed);
  const poisson = (lambda: number): number => {
    const limit = Math.exp(-lambda);
    let k = 0;
    for (let p = next(); p > limit; p *= next()) k++;
    return k;
  };
  return historyOf(
    Array.from({ length: CUSTOMERS }, (_, c) => {
      const times = Array.from(
        { length: poisson(RATE) },
        () => period.from + Math.floor(next() * YEAR),
      ).sort((a, b) => a - b);
      const orders: TestOrder[] = times.map((at, i) => ({
        id: `o${c}-${i}`,
        at,
        amount: 1_000 + Math.floor(-Math.log(1 - next()) * 4_000),
      }));
      return { id: `c${c}`, orders };
    }),
  );
};

describe("bootstrap intervals over customers", () => {
  it("cover the true incremental orders at about the stated 90%", () => {
    const trials = 80;
    // Every customer is a member (zero orders contribute zero), so the true effect is lift × N × rate.
    const truth = LIFT * CUSTOMERS * RATE;
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      const input = comparisonInput.parse({
        candidates: [
          { label: "A", typeId: "tiered-discount", params: {} },
          { label: "B", typeId: "gift-with-order", params: {} },
        ],
        model: { frequencyLift: { "tiered-discount": LIFT }, thresholdLift: 0, channels: [] },
        seed: 1_000 + t,
        resamples: 200,
      });
      const result = simulateComparison(input, population(t + 1), period);
      if (!result.ok) throw new Error(result.errors.join("; "));
      const interval = result.value.candidates[0]!.intervals.incrementalOrders!;
      if (interval.low <= truth && truth <= interval.high) covered++;
    }
    // 80 trials at 90%: the binomial standard deviation is about 3.4 points.
    expect(covered / trials).toBeGreaterThanOrEqual(0.8);
    expect(covered / trials).toBeLessThanOrEqual(0.98);
  });
});
