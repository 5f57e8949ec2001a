import type { Rng } from "./prng";

/**
 * Demand over time: a weekly rhythm (Saturday peak), a seasonal curve (December peak, August dip)
 * and shop hours in Rome. Purchase processes are thinned by `demand(t)` so their timing follows it.
 */
export const DAY_MS = 86_400_000;

// Multipliers average about 1 over a year and a week, so rates keep their meaning.
const seasonByMonth = [0.88, 0.86, 0.95, 1.0, 1.0, 0.95, 0.85, 0.68, 0.97, 1.0, 1.08, 1.6] as const;
// Indexed by getUTCDay(): Sunday first; Italian Sundays are quiet, Saturdays are the big shop.
const weekday = [0.55, 0.85, 0.9, 0.95, 1.0, 1.2, 1.55] as const;

export const MAX_DEMAND = Math.max(...seasonByMonth) * Math.max(...weekday);

export function demand(t: number): number {
  const d = new Date(t);
  return (seasonByMonth[d.getUTCMonth()] ?? 1) * (weekday[d.getUTCDay()] ?? 1);
}

/** The instant `months` calendar months before `asOf` (UTC). */
export function monthsBefore(asOf: number, months: number): number {
  const d = new Date(asOf);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, d.getUTCDate(), d.getUTCHours());
}

const startOfDay = (t: number): number => t - (((t % DAY_MS) + DAY_MS) % DAY_MS);

// Europe/Rome is UTC+1, UTC+2 from late March to late October; month granularity is close enough.
const romeOffsetHours = (t: number): number => {
  const m = new Date(t).getUTCMonth();
  return m >= 3 && m <= 9 ? 2 : 1;
};

const localHours: readonly (readonly [number, number])[] = [
  [8, 3],
  [9, 6],
  [10, 8],
  [11, 9],
  [12, 10],
  [13, 7],
  [14, 5],
  [15, 5],
  [16, 6],
  [17, 9],
  [18, 12],
  [19, 10],
  [20, 6],
  [21, 3],
];

/** Moves an instant to a believable shop time (Rome local) on the same UTC day. */
export function atShopHour(t: number, rng: Rng): number {
  const hour = rng.weighted(localHours);
  return (
    startOfDay(t) +
    (hour - romeOffsetHours(t)) * 3_600_000 +
    rng.int(0, 59) * 60_000 +
    rng.int(0, 59) * 1000
  );
}
