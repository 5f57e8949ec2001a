import type { StoreKpis } from "@boomerang/db";

export type KpiName = Exclude<keyof StoreKpis, "storeId">;
export type KpiFigures = Omit<StoreKpis, "storeId">;

const kpiNames: KpiName[] = [
  "revenue",
  "orders",
  "activeCustomers",
  "newCustomers",
  "returningCustomers",
  "repeatPurchaseRate",
  "retention90",
  "averageOrderValue",
  "churnedCustomers",
  "historicalClv",
  "programMembers",
  "pointsIssued",
  "pointsRedeemed",
  "redemptionRate",
];

/**
 * The average store: the mean of each KPI over the stores that sold in the period (a store that
 * was closed or not yet open would drag the typical store towards zero). A rate averages the
 * stores' rates, so every store weighs the same, as a store manager compares "my store" with "a
 * typical store". Rates that are undefined for a store are left out of that KPI's mean.
 */
export function chainAverage(
  rows: StoreKpis[],
  shown: (name: KpiName) => boolean = () => true,
): KpiFigures {
  const average = {} as Record<KpiName, number | null>;
  for (const name of kpiNames) {
    const values = rows
      .filter(sold)
      .map((r) => r[name])
      .filter((v): v is number => v !== null);
    average[name] =
      values.length === 0 || !shown(name)
        ? null
        : values.reduce((a, b) => a + b, 0) / values.length;
  }
  return average as KpiFigures;
}

const sold = (row: StoreKpis) => row.orders > 0;

/** Rank by revenue among the stores, 1 = the highest; ties share a rank. */
export function revenueRanks(rows: StoreKpis[]): Map<number, number> {
  const ranks = new Map<number, number>();
  for (const row of rows)
    ranks.set(row.storeId, 1 + rows.filter((other) => other.revenue > row.revenue).length);
  return ranks;
}

/**
 * Fewest other stores that must have sold in the period (and have a value, for each KPI) before a
 * store manager sees the chain average and their rank. With one, the average and their own figures
 * would give that store's figures away exactly; from two on, only a sum of several other stores
 * can be worked out, never one of them. Stores that sold nothing do not count: whoever knows a
 * store was closed could otherwise take it out of the sum.
 */
export const minOtherStoresForManager = 2;

/**
 * The rank and average store as the caller may see them: always for chain-wide roles (null
 * `managerOf`); for a store manager only when enough other stores sold, and each KPI's average
 * only when enough other stores have a value for it. Null when the manager may see neither.
 */
export function chainSummary(
  rows: StoreKpis[],
  managerOf: number | null,
): { ranks: Map<number, number>; average: KpiFigures } | null {
  if (managerOf === null) return { ranks: revenueRanks(rows), average: chainAverage(rows) };
  const others = rows.filter((r) => r.storeId !== managerOf && sold(r));
  if (others.length < minOtherStoresForManager) return null;
  const average = chainAverage(
    rows,
    (name) => others.filter((r) => r[name] !== null).length >= minOtherStoresForManager,
  );
  // Rounded, so exact sums cannot be combined (whole order counts, sums of rates) to solve for
  // each of two other stores' figures: a benchmark needs three significant digits, not more.
  for (const name of kpiNames) {
    const value = average[name];
    if (value !== null) average[name] = roundToSignificant(value, managerDigits);
  }
  return { ranks: revenueRanks(rows), average };
}

/** Significant digits of the averages a store manager sees. */
export const managerDigits = 3;

export function roundToSignificant(value: number, digits: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(digits));
}
