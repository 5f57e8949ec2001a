import { asc, eq } from "drizzle-orm";
import {
  storeKpis,
  storeMonthlyTrends,
  stores,
  type Database,
  type StoreMonth,
} from "@boomerang/db";
import type { DayRange } from "../period";
import { chainSummary, type KpiFigures } from "./chain-summary";
import { storePeriod } from "./store-period";

export type StoreRow = {
  store: { id: number; code: string; name: string; city: string };
  current: KpiFigures;
  previous: KpiFigures;
  /** Revenue per month over the twelve months ending with the period's last month (0 for months without sales). */
  sparkline: { month: string; revenue: number }[];
  /** Rank by revenue among all stores; null for a store manager unless two other stores sold. */
  rank: number | null;
};

export type StoreList = {
  range: DayRange;
  previousRange: DayRange;
  storeCount: number;
  rows: StoreRow[];
  /**
   * The average store for the period, over the stores that sold. Store managers see it, and their
   * rank, only when at least two other stores sold (aggregates that give away no single other
   * store); null otherwise. See chainSummary.
   */
  chainAverage: KpiFigures | null;
};

/** Sums by month laid on the twelve-month calendar, zero where a store sold nothing. */
export function sparklineFor(storeId: number, trends: StoreMonth[], months: string[]) {
  const byMonth = new Map(
    trends.filter((t) => t.storeId === storeId).map((t) => [t.month, t.revenue]),
  );
  return months.map((month) => ({ month, revenue: byMonth.get(month) ?? 0 }));
}

/**
 * Every store's KPIs for the period against the previous one. A store manager gets only their
 * store's row, with its rank and the chain average (over every store that sold) when enough other
 * stores sold for those to reveal no single one of them.
 */
export async function listStoreKpis(
  db: Database,
  input: { range: DayRange; storeScope: number | null; now: Date },
): Promise<StoreList> {
  const period = await storePeriod(db, input.range);
  const kpiScope = {
    storeId: input.storeScope,
    churnWindowDays: period.churnWindowDays,
    now: input.now,
  };
  const [all, previous, trends, storeRows] = await Promise.all([
    // Every store, also for a store manager: rank and average need them; only their row is returned.
    storeKpis(db, { ...period.current, ...kpiScope, storeId: null }, period.timezone),
    storeKpis(db, { ...period.previous, ...kpiScope }, period.timezone),
    storeMonthlyTrends(db, {
      ...period.year,
      storeId: input.storeScope,
      timezone: period.timezone,
    }),
    db
      .select({ id: stores.id, code: stores.code, name: stores.name, city: stores.city })
      .from(stores)
      .where(input.storeScope === null ? undefined : eq(stores.id, input.storeScope))
      .orderBy(asc(stores.name)),
  ]);
  const chain = chainSummary(all, input.storeScope);
  const rows = storeRows.flatMap((store): StoreRow[] => {
    const current = all.find((k) => k.storeId === store.id);
    const before = previous.find((k) => k.storeId === store.id);
    if (!current || !before) return [];
    const { storeId: _c, ...currentFigures } = current;
    const { storeId: _p, ...previousFigures } = before;
    return [
      {
        store,
        current: currentFigures,
        previous: previousFigures,
        sparkline: sparklineFor(store.id, trends, period.months),
        rank: chain?.ranks.get(store.id) ?? null,
      },
    ];
  });
  return {
    range: period.range,
    previousRange: period.previousRange,
    storeCount: all.length,
    rows,
    chainAverage: chain?.average ?? null,
  };
}
