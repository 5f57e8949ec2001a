import type { OrderHistory, SimulationPeriod } from "./history";

/**
 * What replaying one candidate left per customer (columns, one entry per customer of the
 * history) and per month. Replayed fact and the inputs of the assumed effects are kept apart so
 * the assumptions can be moved (sensitivity band) without replaying again.
 */
export interface CandidateOutcome {
  readonly months: number;
  // Replayed fact, per customer.
  /** 1 when the customer is in the target, has orders in the period and joined. */
  readonly member: Float64Array;
  readonly orders: Float64Array;
  /** Order value in the period, minor units. */
  readonly revenue: Float64Array;
  /** Given on real purchases: discounts (including points paid) and gifts, minor units. */
  readonly rewardCost: Float64Array;
  /** Points or bonus still outstanding at the period's end, at face value, minor units. */
  readonly liability: Float64Array;
  /** Months from joining to the period's end, for the contact cost. */
  readonly contactMonths: Float64Array;
  /** 1 when the program granted the customer anything (a participant). */
  readonly rewarded: Float64Array;
  /** Inputs of the retention estimate: orders in the first half, 1 when bought in the second. */
  readonly firstHalfOrders: Float64Array;
  readonly boughtSecondHalf: Float64Array;
  // Assumed: referral rewards and friends' first orders (scale 1), minor units.
  readonly assumedCost: Float64Array;
  readonly assumedRevenue: Float64Array;
  readonly assumedCustomers: Float64Array;
  // Per month (index 0 = the period's first calendar month, UTC).
  /** Reward cost accrued: given plus the change in liability, minor units. */
  readonly costByMonth: Float64Array;
  /** Members' order value, and the part of it from members who were rewarded. */
  readonly memberRevenueByMonth: Float64Array;
  readonly rewardedRevenueByMonth: Float64Array;
  /** Members who joined in the month (for the contact cost). */
  readonly joinsByMonth: Float64Array;
  readonly assumedRevenueByMonth: Float64Array;
}

const monthKey = (at: number): number => {
  const d = new Date(at);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

export const monthIndex = (period: SimulationPeriod, at: number): number =>
  monthKey(at) - monthKey(period.from);

export const monthsIn = (period: SimulationPeriod): number => monthIndex(period, period.to - 1) + 1;

/** The first instant of each month of the period, for chart labels. */
export const monthStarts = (period: SimulationPeriod): number[] => {
  const first = new Date(period.from);
  return Array.from({ length: monthsIn(period) }, (_, i) =>
    Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + i, 1),
  );
};

export const emptyOutcome = (history: OrderHistory, period: SimulationPeriod): CandidateOutcome => {
  const n = history.customerIds.length;
  const months = monthsIn(period);
  const perCustomer = (): Float64Array => new Float64Array(n);
  const perMonth = (): Float64Array => new Float64Array(months);
  return {
    months,
    member: perCustomer(),
    orders: perCustomer(),
    revenue: perCustomer(),
    rewardCost: perCustomer(),
    liability: perCustomer(),
    contactMonths: perCustomer(),
    rewarded: perCustomer(),
    firstHalfOrders: perCustomer(),
    boughtSecondHalf: perCustomer(),
    assumedCost: perCustomer(),
    assumedRevenue: perCustomer(),
    assumedCustomers: perCustomer(),
    costByMonth: perMonth(),
    memberRevenueByMonth: perMonth(),
    rewardedRevenueByMonth: perMonth(),
    joinsByMonth: perMonth(),
    assumedRevenueByMonth: perMonth(),
  };
};
