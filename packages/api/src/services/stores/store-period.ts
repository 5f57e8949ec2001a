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

/** The period, the one before it and the sparkline year, as instants in the business time zone. */
export async function storePeriod(db: Database, range: DayRange): Promise<StorePeriod> {
  const profile = await getBusinessProfile(db);
  const [settings] = await db
    .select({ churnWindowDays: businessSettings.churnWindowDays })
    .from(businessSettings)
    .where(eq(businessSettings.id, 1));
  const previousRange = previousDayRange(range);
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
