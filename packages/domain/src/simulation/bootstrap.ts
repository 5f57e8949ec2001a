import { mulberry32 } from "./prng";

/** A 90% interval by default: the 5th and 95th percentiles of the resampled statistic. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** The q-quantile of sorted values, linearly interpolated; NaN for none. */
export const quantile = (sorted: readonly number[], q: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
};

export const percentileInterval = (values: readonly number[], level = 0.9): Interval => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { low: quantile(sorted, tail), high: quantile(sorted, 1 - tail) };
};

/**
 * Resample weights over customers: weight[c] is how often customer c was drawn in a resample of
 * the same size (the nonparametric bootstrap over customers, who are the independent units: a
 * customer's orders move together). Candidates share the weights, so their comparison is paired.
 */
export function* resampleWeights(
  n: number,
  resamples: number,
  seed: number,
): Generator<Float64Array> {
  const next = mulberry32(seed);
  const weights = new Float64Array(n);
  for (let b = 0; b < resamples; b++) {
    weights.fill(0);
    for (let i = 0; i < n; i++) weights[Math.floor(next() * n)]! += 1;
    yield weights;
  }
}
