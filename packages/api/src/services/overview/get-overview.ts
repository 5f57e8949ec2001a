import { eq } from "drizzle-orm";
import {
  monthlyRevenueSplit,
  overviewKpis,
  stores,
  type Database,
  type MonthlyRevenueSplit,
  type OverviewKpis,
} from "@boomerang/db";
import { notFound } from "../../errors";
import { dayRangeToInstants, previousDayRange, type DayRange } from "../period";
import { getBusinessProfile } from "../settings";

export type Overview = {
  range: DayRange;
  previousRange: DayRange;
  current: OverviewKpis;
  previous: OverviewKpis;
  /** Twelve months ending with the range's last month: revenue from new vs returning customers. */
  monthly: MonthlyRevenueSplit[];
  store: { id: number; name: string } | null;
};

export async function getOverview(
  db: Database,
  input: { range: DayRange; storeId: number | null },
): Promise<Overview> {
  const profile = await getBusinessProfile(db);
  let store: Overview["store"] = null;
  if (input.storeId !== null) {
    const [row] = await db
      .select({ id: stores.id, name: stores.name })
      .from(stores)
      .where(eq(stores.id, input.storeId));
    if (!row) throw notFound("The store");
    store = row;
  }
  const previousRange = previousDayRange(input.range);
  const current = dayRangeToInstants(input.range, profile.timezone);
  const previous = dayRangeToInstants(previousRange, profile.timezone);
  const [y, m] = input.range.to.split("-").map(Number) as [number, number];
  const yearStart = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10);
  const chart = dayRangeToInstants({ from: yearStart, to: input.range.to }, profile.timezone);

  const [currentKpis, previousKpis, monthly] = await Promise.all([
    overviewKpis(db, { ...current, storeId: input.storeId }),
    overviewKpis(db, { ...previous, storeId: input.storeId }),
    monthlyRevenueSplit(db, { ...chart, storeId: input.storeId, timezone: profile.timezone }),
  ]);
  return {
    range: input.range,
    previousRange,
    current: currentKpis,
    previous: previousKpis,
    monthly,
    store,
  };
}
