import { dayFromNumber, dayNumber } from "@boomerang/domain/metrics";

/**
 * The days a churn trend is read on: the last day of every month in the range, and the range's
 * last day (or today, if earlier) when that is not a month end. At most 60 points.
 */
export function churnDays(range: { from: string; to: string }, today: string): string[] {
  const last = range.to < today ? range.to : today;
  const days: string[] = [];
  let [y, m] = range.from.split("-").map(Number) as [number, number];
  for (;;) {
    const monthEnd = dayFromNumber(
      dayNumber(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, "0")}-01`) - 1,
    );
    if (monthEnd >= last) break;
    if (monthEnd >= range.from) days.push(monthEnd);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  if (last >= range.from) days.push(last);
  return days.slice(-60);
}

/**
 * The range the Retention page opens with (apps/admin's parseRetentionSearch): twelve calendar
 * months of cohorts up to today. Its median gap gives the churn window the caches hold.
 */
export function defaultRetentionRange(today: string): { from: string; to: string } {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const months = y * 12 + (m - 1) - 11;
  const from = `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, "0")}-01`;
  return { from, to: today };
}
