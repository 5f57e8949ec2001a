import { z } from "zod";

export const presets = [
  { id: "7d", label: "Last 7 days", days: 7 },
  { id: "30d", label: "Last 30 days", days: 30 },
  { id: "90d", label: "Last 90 days", days: 90 },
  { id: "365d", label: "Last 12 months", days: 365 },
] as const;

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
