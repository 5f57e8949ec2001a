import { TZDate } from "@date-fns/tz";
import { addDays, differenceInCalendarDays, subDays } from "date-fns";

/** A calendar-day range in the business's time zone, both ends inclusive, as YYYY-MM-DD. */
export type DayRange = { from: string; to: string };

export type InstantRange = { from: Date; to: Date };

const parts = (day: string) => day.split("-").map(Number) as [number, number, number];

/** [start of `from`, start of the day after `to`) as instants in the given time zone. */
export function dayRangeToInstants(range: DayRange, timezone: string): InstantRange {
  const [fy, fm, fd] = parts(range.from);
  const [ty, tm, td] = parts(range.to);
  const from = new TZDate(fy, fm - 1, fd, timezone);
  const to = addDays(new TZDate(ty, tm - 1, td, timezone), 1);
  return { from: new Date(from.getTime()), to: new Date(to.getTime()) };
}

/** The range of the same length that ends the day before `range` starts. */
export function previousDayRange(range: DayRange): DayRange {
  const [fy, fm, fd] = parts(range.from);
  const [ty, tm, td] = parts(range.to);
  const start = new Date(Date.UTC(fy, fm - 1, fd));
  const end = new Date(Date.UTC(ty, tm - 1, td));
  const length = differenceInCalendarDays(end, start) + 1;
  const prevEnd = subDays(start, 1);
  const prevStart = subDays(start, length);
  return { from: isoDay(prevStart), to: isoDay(prevEnd) };
}

export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** Today's calendar date in the time zone, for default periods. */
export function todayIn(now: Date, timezone: string): string {
  const local = new TZDate(now.getTime(), timezone);
  const y = local.getFullYear();
  const m = String(local.getMonth() + 1).padStart(2, "0");
  const d = String(local.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}
