import { dayFromNumber, periodStart } from "./calendar";
import type { CustomerHistory } from "./customer-history";

export type RepeatRateRow = {
  /** First day of the first-purchase month. */
  cohort: string;
  /** Customers whose first purchase is at least `withinDays` days before today. */
  eligible: number;
  /** Of those, customers with a second order within `withinDays` days of the first. */
  repeaters: number;
  rate: number;
};

export type RepeatRate = {
  withinDays: number;
  overall: RepeatRateRow & { cohort: "all" };
  byCohort: RepeatRateRow[];
  /** Orders after the first, per customer acquired in the range (all time up to today). */
  repeatPurchasesPerCustomer: number;
};

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/** Share of customers who bought again within N days of their first purchase, by monthly cohort. */
export function repeatRate(
  histories: readonly CustomerHistory[],
  withinDays: number,
  today: number,
): RepeatRate {
  const rows = new Map<string, { eligible: number; repeaters: number }>();
  let repeatOrders = 0;
  for (const h of histories) {
    repeatOrders += h.days.length - 1;
    const first = h.days[0]!;
    const cohort = periodStart(dayFromNumber(first), "month");
    const row = rows.get(cohort) ?? { eligible: 0, repeaters: 0 };
    if (today - first >= withinDays) {
      row.eligible += 1;
      const second = h.days[1];
      if (second !== undefined && second - first <= withinDays) row.repeaters += 1;
    }
    rows.set(cohort, row);
  }
  const byCohort = [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cohort, r]) => ({ cohort, ...r, rate: rate(r.repeaters, r.eligible) }));
  const eligible = byCohort.reduce((s, r) => s + r.eligible, 0);
  const repeaters = byCohort.reduce((s, r) => s + r.repeaters, 0);
  return {
    withinDays,
    overall: { cohort: "all", eligible, repeaters, rate: rate(repeaters, eligible) },
    byCohort,
    repeatPurchasesPerCustomer: rate(repeatOrders, histories.length),
  };
}
