import { dayFromNumber, periodIndex, periodStart, type CohortGrain } from "./calendar";
import type { CohortCounts } from "./cohort-matrix";
import type { CustomerHistory } from "./customer-history";

const bump = (map: Map<number, number>, k: number, by = 1) => map.set(k, (map.get(k) ?? 0) + by);

/** Reference cohort counts from customer histories (the SQL on customer_features must agree). */
export function cohortCounts(
  histories: readonly CustomerHistory[],
  grain: CohortGrain,
): CohortCounts[] {
  const cohorts = new Map<
    string,
    {
      size: number;
      active: Map<number, number>;
      last: Map<number, number>;
      revenue: Map<number, number>;
    }
  >();
  for (const h of histories) {
    const first = dayFromNumber(h.days[0]!);
    const cohort = periodStart(first, grain);
    const entry = cohorts.get(cohort) ?? {
      size: 0,
      active: new Map(),
      last: new Map(),
      revenue: new Map(),
    };
    entry.size += 1;
    const periods = h.days.map((d) => periodIndex(cohort, dayFromNumber(d), grain));
    for (const k of new Set(periods)) bump(entry.active, k);
    bump(entry.last, Math.max(...periods));
    periods.forEach((k, i) => bump(entry.revenue, k, h.totals[i]!));
    cohorts.set(cohort, entry);
  }
  return [...cohorts.entries()].map(([cohort, e]) => ({
    cohort,
    size: e.size,
    activeByPeriod: e.active,
    lastByPeriod: e.last,
    // Revenue by period is kept per month (customer_features.month_revenue): it cannot be split into weeks.
    ...(grain !== "week" ? { revenueByPeriod: e.revenue } : {}),
  }));
}
