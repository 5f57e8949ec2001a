import { dayNumber, localDay } from "./calendar";

export type OrderRecord = { customerId: number; placedAt: Date; total: number };

/** A customer's orders as local days, in time order: what every retention metric is computed from. */
export type CustomerHistory = {
  customerId: number;
  firstAt: Date;
  /** Local calendar days of the orders, ascending (days since 1970-01-01). */
  days: number[];
  /** Order totals in the same order as `days` (minor units). */
  totals: number[];
};

/** Groups orders by customer in the business's time zone; the in-memory counterpart of customer_features. */
export function customerHistories(
  orders: readonly OrderRecord[],
  timezone: string,
): CustomerHistory[] {
  const byCustomer = new Map<number, OrderRecord[]>();
  for (const order of orders) {
    const list = byCustomer.get(order.customerId) ?? [];
    list.push(order);
    byCustomer.set(order.customerId, list);
  }
  return [...byCustomer.entries()].map(([customerId, list]) => {
    const sorted = [...list].sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
    return {
      customerId,
      firstAt: sorted[0]!.placedAt,
      days: sorted.map((o) => dayNumber(localDay(o.placedAt, timezone))),
      totals: sorted.map((o) => o.total),
    };
  });
}

/** Customers whose first order falls in [from, to). */
export function acquiredBetween(
  histories: readonly CustomerHistory[],
  from: Date,
  to: Date,
): CustomerHistory[] {
  return histories.filter((h) => h.firstAt >= from && h.firstAt < to);
}
