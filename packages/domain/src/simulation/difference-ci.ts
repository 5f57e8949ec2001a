import { normalQuantile } from "./normal";

export interface GroupSummary {
  readonly n: number;
  readonly mean: number;
  /** Sample variance (n − 1 in the denominator). */
  readonly variance: number;
}

export interface Difference {
  readonly difference: number;
  readonly low: number;
  readonly high: number;
  /** True when the interval excludes zero. */
  readonly significant: boolean;
}

export const summarizeGroup = (values: readonly number[]): GroupSummary => {
  const n = values.length;
  const mean = n === 0 ? 0 : values.reduce((s, v) => s + v, 0) / n;
  const variance = n < 2 ? 0 : values.reduce((s, v) => s + (v - mean) * (v - mean), 0) / (n - 1);
  return { n, mean, variance };
};

/**
 * Members minus control, with a normal-approximation (Welch) interval at `level`: customers per
 * group run in the thousands, where the t and normal quantiles agree to two decimals. Null when a
 * group has fewer than two customers.
 */
export const differenceInMeans = (
  members: GroupSummary,
  control: GroupSummary,
  level = 0.95,
): Difference | null => {
  if (members.n < 2 || control.n < 2) return null;
  const se = Math.sqrt(members.variance / members.n + control.variance / control.n);
  const z = normalQuantile(1 - (1 - level) / 2);
  const difference = members.mean - control.mean;
  const low = difference - z * se;
  const high = difference + z * se;
  return { difference, low, high, significant: low > 0 || high < 0 };
};
