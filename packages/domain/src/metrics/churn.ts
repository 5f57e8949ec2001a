import type { CustomerHistory } from "./customer-history";

export type ChurnWindow = {
  /** Days without a purchase after which a customer counts as churned. */
  churnAfterDays: number;
  /** Days without a purchase after which a customer counts as at risk (less than churnAfterDays). */
  atRiskAfterDays: number;
};

export type ChurnPoint = {
  /** The local day the statuses are taken at (days since 1970-01-01). */
  day: number;
  active: number;
  atRisk: number;
  churned: number;
  /** churned / (active + atRisk + churned). */
  churnRate: number;
};

/** The window the issue asks for by default: churned after twice the median gap, at risk after one median gap. */
export function defaultChurnWindow(medianGapDays: number | null): ChurnWindow {
  const median = Math.max(1, Math.round(medianGapDays ?? 45));
  return { churnAfterDays: 2 * median, atRiskAfterDays: median };
}

export function checkChurnWindow(w: ChurnWindow): string | null {
  if (!Number.isInteger(w.churnAfterDays) || w.churnAfterDays < 2)
    return "The churn window must be a whole number of days, at least 2.";
  if (
    !Number.isInteger(w.atRiskAfterDays) ||
    w.atRiskAfterDays < 1 ||
    w.atRiskAfterDays >= w.churnAfterDays
  )
    return "The at-risk threshold must be at least 1 day and shorter than the churn window.";
  return null;
}

/**
 * Status of every customer who had bought by each day: days since the last purchase on or before
 * that day below atRiskAfterDays → active, below churnAfterDays → at risk, otherwise churned.
 */
export function churnTrend(
  histories: readonly CustomerHistory[],
  window: ChurnWindow,
  days: readonly number[],
): ChurnPoint[] {
  return days.map((day) => {
    const point = { day, active: 0, atRisk: 0, churned: 0 };
    for (const h of histories) {
      let last: number | undefined;
      for (const d of h.days) if (d <= day) last = d;
      if (last === undefined) continue;
      const idle = day - last;
      if (idle < window.atRiskAfterDays) point.active += 1;
      else if (idle < window.churnAfterDays) point.atRisk += 1;
      else point.churned += 1;
    }
    const total = point.active + point.atRisk + point.churned;
    return { ...point, churnRate: total > 0 ? point.churned / total : 0 };
  });
}
