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
 * The average store: the mean of each KPI over the stores (a rate averages the stores' rates, so
 * every store weighs the same, as a store manager compares "my store" with "a typical store").
 * Rates that are undefined for a store are left out of that KPI's mean.
 */
export function chainAverage(rows: StoreKpis[]): KpiFigures {
  const average = {} as Record<KpiName, number | null>;
  for (const name of kpiNames) {
    const values = rows.map((r) => r[name]).filter((v): v is number => v !== null);
    average[name] = values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
  }
  return average as KpiFigures;
}

/** Rank by revenue among the stores, 1 = the highest; ties share a rank. */
export function revenueRanks(rows: StoreKpis[]): Map<number, number> {
  const ranks = new Map<number, number>();
  for (const row of rows)
    ranks.set(row.storeId, 1 + rows.filter((other) => other.revenue > row.revenue).length);
  return ranks;
}

/**
 * Fewest stores for a store manager to see the chain average and their rank: with two stores, the
 * average and their own figures would give away the other store's exactly; from three on, only a
 * sum of several other stores can be worked out, never one of them.
 */
export const minStoresForManagerChain = 3;

/** Whether the caller may see the chain's rank and average: always for chain-wide roles. */
export const chainVisibleTo = (manager: boolean, storeCount: number) =>
  !manager || storeCount >= minStoresForManagerChain;
