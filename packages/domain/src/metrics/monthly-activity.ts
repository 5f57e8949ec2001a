import { dayFromNumber, periodStart } from "./calendar";
import type { CustomerHistory } from "./customer-history";

export type MonthlyActivity = {
  /** First day of the calendar month. */
  month: string;
  orders: number;
  revenue: number;
  /** Customers with at least one order in the month. */
  customers: number;
  averageOrderValue: number;
  /** Orders per buying customer in the month. */
  frequency: number;
};

/** Orders, revenue, buyers, average order value and purchase frequency per calendar month in [from, to]. */
export function monthlyActivity(
  histories: readonly CustomerHistory[],
  from: string,
  to: string,
): MonthlyActivity[] {
  const months = new Map<string, { orders: number; revenue: number; customers: number }>();
  for (const h of histories) {
    const seen = new Set<string>();
    h.days.forEach((d, i) => {
      const month = periodStart(dayFromNumber(d), "month");
      if (month < from || month > to) return;
      const m = months.get(month) ?? { orders: 0, revenue: 0, customers: 0 };
      m.orders += 1;
      m.revenue += h.totals[i]!;
      if (!seen.has(month)) m.customers += 1;
      seen.add(month);
      months.set(month, m);
    });
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, m]) => ({
      month,
      ...m,
      averageOrderValue: m.orders > 0 ? m.revenue / m.orders : 0,
      frequency: m.customers > 0 ? m.orders / m.customers : 0,
    }));
}
