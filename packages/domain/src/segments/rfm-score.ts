import { rfmGroupFor } from "./rfm-groups";
import type { RfmScores } from "./summary";

/**
 * Quintile score of a value among n values: 1 + ⌊5·(number of strictly worse values) / n⌋. Ties get
 * the same score, so the result does not depend on row order (the SQL uses rank() the same way).
 */
function quintiles(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const n = values.length;
  const strictlyWorse = (v: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return values.map((v) => 1 + Math.floor((5 * strictlyWorse(v)) / n));
}

export type RfmInput = { id: number; lastOrderAt: Date; ordersCount: number; revenue: number };

/** RFM scores over the current base of buyers: later last order, more orders, more spent score higher. */
export function scoreRfm(buyers: RfmInput[]): Map<number, RfmScores> {
  const r = quintiles(buyers.map((b) => b.lastOrderAt.getTime()));
  const f = quintiles(buyers.map((b) => b.ordersCount));
  const m = quintiles(buyers.map((b) => b.revenue));
  const scores = new Map<number, RfmScores>();
  buyers.forEach((b, i) => {
    const recency = r[i]!;
    const frequency = f[i]!;
    const monetary = m[i]!;
    scores.set(b.id, {
      recency,
      frequency,
      monetary,
      group: rfmGroupFor(recency, frequency, monetary),
    });
  });
  return scores;
}
