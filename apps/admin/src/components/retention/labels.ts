import { formatDay, formatMonth } from "@boomerang/ui";

export type Grain = "week" | "month" | "quarter";

const periodLetter: Record<Grain, string> = { week: "W", month: "M", quarter: "Q" };
export const periodNoun: Record<Grain, string> = {
  week: "week",
  month: "month",
  quarter: "quarter",
};

/** Column label for the k-th period after the first purchase: M0, M1, … */
export const periodLabel = (grain: Grain, k: number) => `${periodLetter[grain]}${k}`;

/** Row label for a cohort starting on `start`. */
export function cohortLabel(grain: Grain, start: string, locale: string): string {
  if (grain === "month") return formatMonth(start, locale);
  if (grain === "week") return `Week of ${formatDay(start, locale)}`;
  const [y, m] = start.split("-").map(Number) as [number, number];
  return `Q${Math.floor((m - 1) / 3) + 1} ${y}`;
}
