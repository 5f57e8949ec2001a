import type { CustomerHistory } from "./customer-history";

export type GapBucket = { fromDay: number; toDay: number | null; count: number };

export type PurchaseGaps = {
  /** Number of consecutive order pairs (same-day repeats count as a gap of 0 days). */
  gaps: number;
  medianDays: number | null;
  /** Buckets of `bucketDays` days up to `capDays`, then one open bucket for longer gaps. */
  histogram: GapBucket[];
};

/** Median with linear interpolation, as PostgreSQL's percentile_cont(0.5). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) / 2;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Days between consecutive purchases of the same customer. */
export function purchaseGaps(
  histories: readonly CustomerHistory[],
  bucketDays: number,
  capDays: number,
): PurchaseGaps {
  const gaps = histories.flatMap((h) => h.days.slice(1).map((d, i) => d - h.days[i]!));
  const buckets = Math.ceil(capDays / bucketDays);
  const counts = new Array<number>(buckets + 1).fill(0);
  for (const g of gaps) counts[Math.min(buckets, Math.floor(g / bucketDays))]! += 1;
  return {
    gaps: gaps.length,
    medianDays: median(gaps),
    histogram: counts.map((count, i) => ({
      fromDay: i * bucketDays,
      toDay: i === buckets ? null : (i + 1) * bucketDays - 1,
      count,
    })),
  };
}
