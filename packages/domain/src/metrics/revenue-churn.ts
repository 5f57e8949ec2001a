import { addPeriods, dayFromNumber, periodStart } from "./calendar";
import type { CustomerHistory } from "./customer-history";

export type RevenueChurnMonth = {
  /** First day of the month compared with the month before. */
  month: string;
  /** Revenue in the previous month from customers who bought then. */
  previousRevenue: number;
  /** Previous-month revenue of customers who bought nothing this month. */
  lost: number;
  /** Drop in spend of customers who bought less (but something) this month. */
  contraction: number;
  /** Growth in spend of previous-month customers who bought more this month. */
  expansion: number;
  /** (lost + contraction) / previousRevenue. */
  grossChurn: number;
  /** (lost + contraction − expansion) / previousRevenue. */
  netChurn: number;
};

/**
 * Revenue churn month over month among the previous month's buyers; new and returning-after-a-gap
 * customers are outside it (they had no revenue to lose).
 */
export function revenueChurn(
  histories: readonly CustomerHistory[],
  from: string,
  to: string,
): RevenueChurnMonth[] {
  const totals = new Map<
    string,
    { previousRevenue: number; lost: number; contraction: number; expansion: number }
  >();
  const months: string[] = [];
  for (let m = periodStart(from, "month"); m <= to; m = addPeriods(m, 1, "month")) {
    months.push(m);
    totals.set(m, { previousRevenue: 0, lost: 0, contraction: 0, expansion: 0 });
  }
  for (const h of histories) {
    const byMonth = new Map<string, number>();
    h.days.forEach((d, i) => {
      const month = periodStart(dayFromNumber(d), "month");
      byMonth.set(month, (byMonth.get(month) ?? 0) + h.totals[i]!);
    });
    for (const month of months) {
      const before = byMonth.get(addPeriods(month, -1, "month"));
      if (before === undefined) continue;
      const now = byMonth.get(month) ?? 0;
      const t = totals.get(month)!;
      t.previousRevenue += before;
      if (now === 0) t.lost += before;
      else if (now < before) t.contraction += before - now;
      else t.expansion += now - before;
    }
  }
  return months.map((month) => {
    const t = totals.get(month)!;
    const share = (v: number) => (t.previousRevenue > 0 ? v / t.previousRevenue : 0);
    return {
      month,
      ...t,
      grossChurn: share(t.lost + t.contraction),
      netChurn: share(t.lost + t.contraction - t.expansion),
    };
  });
}
