import { differenceInMeans, type Difference, type GroupSummary } from "./difference-ci";

/**
 * Measured lift of a program with a control group: members against the customers held out, on
 * the same fixed window after each customer enrolled. Group figures arrive already summarised
 * (count, mean, sample variance), as the database computes them in one grouped query.
 */
export interface LiftGroups {
  /** Share with a repeat order in the window: mean of a 0/1 outcome per customer. */
  readonly repeat: { readonly members: GroupSummary; readonly control: GroupSummary };
  readonly orders: { readonly members: GroupSummary; readonly control: GroupSummary };
  /** Revenue per customer in minor units. */
  readonly revenue: { readonly members: GroupSummary; readonly control: GroupSummary };
}

export interface MeasuredLift {
  readonly repeat: Difference | null;
  readonly orders: Difference | null;
  readonly revenue: Difference | null;
}

/** Members minus control with a 95% interval, for each outcome. */
export const measuredLift = (groups: LiftGroups, level = 0.95): MeasuredLift => ({
  repeat: differenceInMeans(groups.repeat.members, groups.repeat.control, level),
  orders: differenceInMeans(groups.orders.members, groups.orders.control, level),
  revenue: differenceInMeans(groups.revenue.members, groups.revenue.control, level),
});

/**
 * The summary of a 0/1 outcome from its count of ones: sample variance n·p(1−p)/(n−1), the same
 * as summarizeGroup over the individual zeros and ones.
 */
export const proportionSummary = (n: number, ones: number): GroupSummary => {
  const mean = n === 0 ? 0 : ones / n;
  return { n, mean, variance: n < 2 ? 0 : (n * mean * (1 - mean)) / (n - 1) };
};

export interface CurveCounts {
  /** Customers observed for at least `week` weeks since enrolling, per week 1…K (index 0 is week 1). */
  readonly observed: readonly number[];
  /** Of those, customers whose first order after enrolling fell in weeks 1…week (cumulative). */
  readonly repeated: readonly number[];
}

export interface CurvePoint {
  readonly week: number;
  readonly members: number | null;
  readonly control: number | null;
}

/**
 * Retention curves: share of each group with a repeat order by week since enrolment. A week with
 * no customer observed that long stays null (a gap, not a zero).
 */
export const retentionCurves = (members: CurveCounts, control: CurveCounts): CurvePoint[] => {
  const weeks = Math.max(members.observed.length, control.observed.length);
  const share = (c: CurveCounts, i: number): number | null => {
    const n = c.observed[i] ?? 0;
    return n === 0 ? null : (c.repeated[i] ?? 0) / n;
  };
  return Array.from({ length: weeks }, (_, i) => ({
    week: i + 1,
    members: share(members, i),
    control: share(control, i),
  }));
};
