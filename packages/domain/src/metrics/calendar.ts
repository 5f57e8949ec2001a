/**
 * Calendar arithmetic on local days ("YYYY-MM-DD" in the business's time zone) and the cohort
 * periods built from them. Days are counted as integers since 1970-01-01 so that gaps and windows
 * are plain subtraction, independent of daylight-saving changes.
 */
export type CohortGrain = "week" | "month" | "quarter";

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a time zone, as YYYY-MM-DD. */
export function localDay(instant: Date, timezone: string): string {
  let format = formatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone: timezone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timezone, format);
  }
  return format.format(instant);
}

const parts = (day: string) => day.split("-").map(Number) as [number, number, number];

export function dayNumber(day: string): number {
  const [y, m, d] = parts(day);
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function dayFromNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

/** First day of the period (ISO week from Monday, month, quarter) that contains `day`. */
export function periodStart(day: string, grain: CohortGrain): string {
  const [y, m] = parts(day);
  if (grain === "week") {
    const n = dayNumber(day);
    const weekday = (new Date(n * 86_400_000).getUTCDay() + 6) % 7;
    return dayFromNumber(n - weekday);
  }
  const month = grain === "quarter" ? m - ((m - 1) % 3) : m;
  return `${y}-${String(month).padStart(2, "0")}-01`;
}

/** The first day of the period `k` periods after the one starting on `start`. */
export function addPeriods(start: string, k: number, grain: CohortGrain): string {
  if (grain === "week") return dayFromNumber(dayNumber(start) + 7 * k);
  const [y, m] = parts(start);
  const months = y * 12 + (m - 1) + (grain === "quarter" ? 3 * k : k);
  return `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, "0")}-01`;
}

/** How many whole periods separate the period containing `day` from the one starting on `start`. */
export function periodIndex(start: string, day: string, grain: CohortGrain): number {
  const from = periodStart(start, grain);
  const to = periodStart(day, grain);
  if (grain === "week") return (dayNumber(to) - dayNumber(from)) / 7;
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(to);
  const months = ty * 12 + tm - (fy * 12 + fm);
  return grain === "quarter" ? months / 3 : months;
}
