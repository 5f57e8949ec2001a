import { businessSettings, type Database } from "@boomerang/db";
import { eq } from "drizzle-orm";
import {
  dayRangeToInstants,
  isoDay,
  previousDayRange,
  type DayRange,
  type InstantRange,
} from "../period";
import { getBusinessProfile } from "../settings";

/** Used when an admin has not chosen a churn window in Settings. */
export const defaultChurnWindowDays = 90;

export type StorePeriod = {
  timezone: string;
  churnWindowDays: number;
  range: DayRange;
  previousRange: DayRange;
  current: InstantRange;
  previous: InstantRange;
  /** The twelve calendar months ending with the range's last month, for sparklines. */
  year: InstantRange;
  /** First days of those twelve months, oldest first. */
  months: string[];
};

/**
 * The period to compare with: whole calendar months compare with as many whole months before them
 * (October with September, not with the 31 days before October, which the store KPI cache cannot
 * answer); any other range with the same number of days just before it.
 */
export function previousStoreRange(range: DayRange): DayRange {
  const [fy, fm, fd] = range.from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = range.to.split("-").map(Number) as [number, number, number];
  const lastOfMonth = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  if (fd !== 1 || td !== lastOfMonth) return previousDayRange(range);
  const count = (ty - fy) * 12 + (tm - fm) + 1;
  return {
    from: isoDay(new Date(Date.UTC(fy, fm - 1 - count, 1))),
    to: isoDay(new Date(Date.UTC(fy, fm - 1, 0))),
  };
}

/** The period, the one before it and the sparkline year, as instants in the business time zone. */
export async function storePeriod(db: Database, range: DayRange): Promise<StorePeriod> {
  const profile = await getBusinessProfile(db);
  const [settings] = await db
    .select({ churnWindowDays: businessSettings.churnWindowDays })
    .from(businessSettings)
    .where(eq(businessSettings.id, 1));
  const previousRange = previousStoreRange(range);
  const [y, m] = range.to.split("-").map(Number) as [number, number];
  const months = Array.from({ length: 12 }, (_, i) => isoDay(new Date(Date.UTC(y, m - 12 + i, 1))));
  return {
    timezone: profile.timezone,
    churnWindowDays: settings?.churnWindowDays ?? defaultChurnWindowDays,
    range,
    previousRange,
    current: dayRangeToInstants(range, profile.timezone),
    previous: dayRangeToInstants(previousRange, profile.timezone),
    year: dayRangeToInstants({ from: months[0]!, to: range.to }, profile.timezone),
    months,
  };
}
