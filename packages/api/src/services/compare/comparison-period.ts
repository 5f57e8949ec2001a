import { addDays, addMonths } from "date-fns";
import { dayRangeToInstants, isoDay, todayIn, type DayRange, type InstantRange } from "../period";

const parse = (day: string): Date => new Date(`${day}T00:00:00Z`);

/** The default period: the last 12 months of history, ending yesterday (today is not over). */
export function lastTwelveMonths(now: Date, timezone: string): DayRange {
  const yesterday = addDays(parse(todayIn(now, timezone)), -1);
  return { from: isoDay(addDays(addMonths(yesterday, -12), 1)), to: isoDay(yesterday) };
}

/** The same number of days as `range`, ending yesterday: re-running on newer data. */
export function movedToYesterday(range: InstantRange, now: Date, timezone: string): InstantRange {
  const today = todayIn(now, timezone);
  const end = dayRangeToInstants({ from: today, to: today }, timezone).from;
  const length = range.to.getTime() - range.from.getTime();
  return end.getTime() <= range.to.getTime()
    ? range
    : { from: new Date(end.getTime() - length), to: end };
}
