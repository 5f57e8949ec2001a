import { eq } from "drizzle-orm";
import {
  storeCohorts,
  storeKpis,
  storeMonthlyTrends,
  storeProgramResults,
  stores,
  storeTopSegments,
  type Database,
  type StoreCohort,
  type StoreMonth,
  type StoreProgramResult,
  type StoreSegmentCount,
} from "@boomerang/db";
import { notFound } from "../../errors";
import type { DayRange } from "../period";
import { chainSummary, type KpiFigures } from "./chain-summary";
import { storePeriod } from "./store-period";

export type StoreDetail = {
  store: { id: number; code: string; name: string; city: string; region: string };
  range: DayRange;
  previousRange: DayRange;
  current: KpiFigures;
  previous: KpiFigures;
  /**
   * Rank by revenue and the average store; null for a store manager unless at least two other
   * stores sold in the period (the average would then give another store's figures away).
   */
  rank: number | null;
  storeCount: number | null;
  chainAverage: KpiFigures | null;
  /** Twelve months ending with the period's last month, every month present. */
  trend: Omit<StoreMonth, "storeId">[];
  /** The store's home-customer cohorts of those twelve months, activity over up to twelve months. */
  cohorts: StoreCohort[];
  topSegments: StoreSegmentCount[];
  programs: StoreProgramResult[];
};

/** One store in depth: the KPIs against the previous period, trends, cohorts, segments and programs. */
export async function getStoreDetail(
  db: Database,
  input: { storeId: number; range: DayRange; now: Date; manager: boolean },
): Promise<StoreDetail> {
  const [store] = await db
    .select({
      id: stores.id,
      code: stores.code,
      name: stores.name,
      city: stores.city,
      region: stores.region,
    })
    .from(stores)
    .where(eq(stores.id, input.storeId));
  if (!store) throw notFound("The store");
  const period = await storePeriod(db, input.range);
  const kpiScope = { churnWindowDays: period.churnWindowDays, now: input.now };
  const [current, previous, trends, cohorts, topSegments, programs] = await Promise.all([
    storeKpis(db, { ...period.current, ...kpiScope, storeId: null }, period.timezone),
    storeKpis(db, { ...period.previous, ...kpiScope, storeId: store.id }, period.timezone),
    storeMonthlyTrends(db, { ...period.year, storeId: store.id, timezone: period.timezone }),
    storeCohorts(db, {
      storeId: store.id,
      fromMonth: period.months[0]!,
      toMonth: period.months[11]!,
      months: 12,
    }),
    storeTopSegments(db, { storeId: store.id, limit: 5 }),
    storeProgramResults(db, { storeId: store.id, ...period.current }),
  ]);
  const own = current.find((k) => k.storeId === store.id);
  const chain = chainSummary(current, input.manager ? store.id : null);
  const [before] = previous;
  if (!own || !before) throw notFound("The store");
  const { storeId: _c, ...currentFigures } = own;
  const { storeId: _p, ...previousFigures } = before;
  const byMonth = new Map(trends.map((t) => [t.month, t]));
  return {
    store,
    range: period.range,
    previousRange: period.previousRange,
    current: currentFigures,
    previous: previousFigures,
    rank: chain?.ranks.get(store.id) ?? null,
    storeCount: chain ? current.length : null,
    chainAverage: chain?.average ?? null,
    trend: period.months.map((month) => {
      const t = byMonth.get(month);
      return {
        month,
        revenue: t?.revenue ?? 0,
        orders: t?.orders ?? 0,
        activeCustomers: t?.activeCustomers ?? 0,
      };
    }),
    cohorts,
    topSegments,
    programs,
  };
}

const moneyKpis = new Set<string>(["revenue", "averageOrderValue", "historicalClv"]);

/**
 * The detail as CSV: one line per KPI (period, previous period, chain average), then the monthly
 * trend. Money is in minor units (cents), said in the KPI's name, so spreadsheets get exact integers.
 * Lines end with CRLF, as every CSV the app writes.
 */
export function storeDetailCsv(detail: StoreDetail): string {
  const names = Object.keys(detail.current) as (keyof KpiFigures)[];
  const cell = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));
  const lines = [
    [
      "kpi",
      `${detail.range.from} to ${detail.range.to}`,
      `${detail.previousRange.from} to ${detail.previousRange.to}`,
      "chain_average",
    ].join(","),
  ];
  for (const name of names) {
    const label = moneyKpis.has(name) ? `${name}_minor_units` : name;
    lines.push(
      [
        label,
        cell(detail.current[name]),
        cell(detail.previous[name]),
        // An average of money is rounded to whole minor units, as the column's name promises.
        cell(
          moneyKpis.has(name) && typeof detail.chainAverage?.[name] === "number"
            ? Math.round(detail.chainAverage[name])
            : detail.chainAverage?.[name],
        ),
      ].join(","),
    );
  }
  lines.push("", "month,revenue_minor_units,orders,active_customers");
  for (const t of detail.trend)
    lines.push([t.month, t.revenue, t.orders, t.activeCustomers].join(","));
  return `${lines.join("\r\n")}\r\n`;
}
