import { normalQuantile } from "./normal";

export interface SampleSizeInput {
  /** Repeat-purchase rate without the program over the measurement window, e.g. 0.30. */
  readonly baselineRate: number;
  /** Expected absolute lift, e.g. 0.03 for 30% → 33%. */
  readonly expectedLift: number;
  /** Two-sided significance level; default 0.05. */
  readonly alpha?: number;
  /** Power; default 0.8. */
  readonly power?: number;
  /** Control group share of the enrolled customers, e.g. 0.1; default 0.5 (equal groups). */
  readonly controlShare?: number;
}

export interface SampleSize {
  readonly members: number;
  readonly control: number;
  readonly total: number;
}

export type SampleSizeResult =
  | { readonly ok: true; readonly value: SampleSize }
  | { readonly ok: false; readonly error: string };

/**
 * Customers needed to detect a difference in repeat-purchase rate between members and control:
 * the two-proportion z-test (pooled variance under the null, unpooled under the alternative, as in
 * Fleiss), with unequal groups through the control share. Equal groups, 30% → 33%, α 0.05,
 * power 0.8 give about 3,760 per group.
 */
export const sampleSize = (input: SampleSizeInput): SampleSizeResult => {
  const alpha = input.alpha ?? 0.05;
  const power = input.power ?? 0.8;
  const share = input.controlShare ?? 0.5;
  const p1 = input.baselineRate;
  const p2 = input.baselineRate + input.expectedLift;
  if (!(p1 > 0 && p1 < 1))
    return { ok: false, error: "the baseline repeat rate must be between 0% and 100%" };
  if (!(p2 > 0 && p2 < 1))
    return { ok: false, error: "baseline plus the expected lift must stay between 0% and 100%" };
  if (input.expectedLift === 0) return { ok: false, error: "the expected lift must not be zero" };
  if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1))
    return { ok: false, error: "significance and power must be between 0 and 1" };
  if (!(share > 0 && share < 1))
    return { ok: false, error: "the control share must be between 0% and 100%" };
  // Members per control customer.
  const k = (1 - share) / share;
  const zA = normalQuantile(1 - alpha / 2);
  const zB = normalQuantile(power);
  const pBar = (k * p2 + p1) / (k + 1);
  const root =
    zA * Math.sqrt(pBar * (1 - pBar) * (1 + 1 / k)) +
    zB * Math.sqrt(p1 * (1 - p1) + (p2 * (1 - p2)) / k);
  const control = Math.ceil((root * root) / (input.expectedLift * input.expectedLift));
  const members = Math.ceil(control * k);
  return { ok: true, value: { members, control, total: members + control } };
};

/**
 * Weeks of enrolment needed to reach `total` customers when `weeklyNewCustomers` join, plus the
 * measurement window in which the repeat purchase is observed.
 */
export const weeksNeeded = (
  total: number,
  weeklyNewCustomers: number,
  windowWeeks: number,
): number | null =>
  weeklyNewCustomers > 0 ? Math.ceil(total / weeklyNewCustomers) + windowWeeks : null;
