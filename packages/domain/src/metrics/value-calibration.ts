import { expectedPurchases, type BgNbdParams, type RfmSummary } from "./bg-nbd";

/**
 * A customer's calibration-period summary (x, tx, T in weeks, as of the end of calibration) and the
 * days of the holdout period on which they bought, counted from its first day (0-based).
 */
export type CalibrationCustomer = RfmSummary & { holdoutDays: readonly number[] };

export type FrequencyCalibration = {
  /** Repeat purchases in the calibration period; the last group holds `cap` or more. */
  repeatPurchases: number;
  orMore: boolean;
  customers: number;
  /** Mean purchases per customer in the holdout period: what happened and what the model expected. */
  actual: number;
  predicted: number;
};

/**
 * The Fader–Hardie conditional-expectations check: customers grouped by calibration-period repeat
 * purchases 0, 1, …, cap−1 and cap+, with the mean holdout purchases each group made and the mean
 * the model fitted on the calibration period expected. Empty groups are left out.
 */
export function calibrationByFrequency(
  params: BgNbdParams,
  customers: readonly CalibrationCustomer[],
  holdoutWeeks: number,
  cap = 7,
): FrequencyCalibration[] {
  const groups = Array.from({ length: cap + 1 }, (_, k) => ({
    repeatPurchases: k,
    orMore: k === cap,
    customers: 0,
    actual: 0,
    predicted: 0,
  }));
  for (const c of customers) {
    const g = groups[Math.min(c.x, cap)]!;
    g.customers += 1;
    g.actual += c.holdoutDays.length;
    g.predicted += expectedPurchases(params, c, holdoutWeeks);
  }
  return groups
    .filter((g) => g.customers > 0)
    .map((g) => ({ ...g, actual: g.actual / g.customers, predicted: g.predicted / g.customers }));
}

export type CumulativeCalibration = { week: number; actual: number; predicted: number };

/**
 * Cumulative purchases over the holdout period, week by week, of every customer together: what
 * they bought by the end of each week and what the model expected by then.
 */
export function cumulativeCalibration(
  params: BgNbdParams,
  customers: readonly CalibrationCustomer[],
  holdoutWeeks: number,
): CumulativeCalibration[] {
  const weeks = Math.floor(holdoutWeeks);
  const actual = new Array<number>(weeks + 1).fill(0);
  const predicted = new Array<number>(weeks + 1).fill(0);
  for (const c of customers) {
    for (const d of c.holdoutDays) {
      const week = Math.floor(d / 7) + 1;
      if (week <= weeks) actual[week]! += 1;
    }
    for (let week = 1; week <= weeks; week++)
      predicted[week]! += expectedPurchases(params, c, week);
  }
  const points: CumulativeCalibration[] = [];
  let running = 0;
  for (let week = 1; week <= weeks; week++) {
    running += actual[week]!;
    points.push({ week, actual: running, predicted: predicted[week]! });
  }
  return points;
}
