import { z } from "zod";

export type PeriodPreset = {
  id: string;
  label: string;
  range: (today: string) => { from: string; to: string };
};

/**
 * The period menu. "Last calendar month" is a whole month, which store KPIs answer from their
 * per-store-month cache (milliseconds at any size) and compare with the month before.
 */
export const presets: PeriodPreset[] = [
  { id: "7d", label: "Last 7 days", range: (today) => presetRange(today, 7) },
  { id: "30d", label: "Last 30 days", range: (today) => presetRange(today, 30) },
  { id: "90d", label: "Last 90 days", range: (today) => presetRange(today, 90) },
  { id: "365d", label: "Last 12 months", range: (today) => presetRange(today, 365) },
  { id: "last-month", label: "Last calendar month", range: (today) => lastMonthRange(today) },
];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export type OverviewSearch = { from: string; to: string; storeId: number | null };

function shiftDay(dayIso: string, days: number): string {
  const d = new Date(`${dayIso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function presetRange(today: string, days: number): { from: string; to: string } {
  return { from: shiftDay(today, -(days - 1)), to: today };
}

/** The calendar month before `today`'s, first to last day. */
export function lastMonthRange(today: string): { from: string; to: string } {
  const firstOfThisMonth = `${today.slice(0, 7)}-01`;
  const to = shiftDay(firstOfThisMonth, -1);
  return { from: `${to.slice(0, 7)}-01`, to };
}

/** Reads the page's URL; anything missing or malformed falls back to the last 30 days, all stores. */
export function parseOverviewSearch(
  params: Record<string, string | string[] | undefined>,
  today: string,
): OverviewSearch {
  const from = day.safeParse(params.from);
  const to = day.safeParse(params.to);
  const store = z.coerce.number().int().positive().safeParse(params.store);
  const fallback = presetRange(today, 30);
  return {
    from: from.success ? from.data : fallback.from,
    to: to.success ? to.data : fallback.to,
    storeId: store.success ? store.data : null,
  };
}
