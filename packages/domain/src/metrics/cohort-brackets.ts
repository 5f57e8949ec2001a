import { dayFromNumber, periodStart, type CohortGrain } from "./calendar";
import type { CustomerHistory } from "./customer-history";

/**
 * Custom retention brackets: ranges of days after the first purchase (day 0 is the first purchase's
 * day), e.g. 0–7, 8–30, 31–90. A customer "bought in a bracket" when an order other than their first
 * falls on one of its days; a second order on the first day counts for the bracket holding day 0.
 */
export type RetentionBracket = { fromDay: number; toDay: number };

export const DEFAULT_BRACKET_ENDS: readonly number[] = [7, 30, 90, 180, 365];
export const MAX_BRACKETS = 12;
export const MAX_BRACKET_DAY = 1095;

/** Why a list of bracket end days cannot be used, or null when it can. */
export function checkBracketEnds(ends: readonly number[]): string | null {
  if (ends.length === 0) return "Give at least one bracket end day, e.g. 7, 30, 90.";
  if (ends.length > MAX_BRACKETS) return `Use at most ${MAX_BRACKETS} brackets.`;
  for (const end of ends)
    if (!Number.isInteger(end) || end < 0 || end > MAX_BRACKET_DAY)
      return `Bracket end days must be whole days from 0 to ${MAX_BRACKET_DAY}.`;
  for (let i = 1; i < ends.length; i++)
    if (ends[i]! <= ends[i - 1]!)
      return "Bracket end days must go up, each larger than the one before (e.g. 7, 30, 90).";
  return null;
}

/** End days [7, 30, 90] as brackets 0–7, 8–30, 31–90. */
export function bracketsFromEnds(ends: readonly number[]): RetentionBracket[] {
  return ends.map((toDay, i) => ({ fromDay: i === 0 ? 0 : ends[i - 1]! + 1, toDay }));
}

/** One cohort's raw counts per bracket, as either engine (SQL or memory) produces them. */
export type BracketCounts = {
  /** First day of the cohort's period. */
  cohort: string;
  size: number;
  /** Per bracket: customers who bought (again) on one of its days, so far. */
  buyers: number[];
  /** Per bracket: customers whose bracket is over (today is after its last day). */
  eligible: number[];
};

/**
 * Reference bracket counts from customer histories (the SQL must agree). `today` is a local day
 * number; a customer's bracket is over once `today` is after its last day.
 */
export function cohortBracketCounts(
  histories: readonly CustomerHistory[],
  grain: CohortGrain,
  brackets: readonly RetentionBracket[],
  today: number,
): BracketCounts[] {
  const cohorts = new Map<string, BracketCounts>();
  for (const h of histories) {
    const first = h.days[0]!;
    const cohort = periodStart(dayFromNumber(first), grain);
    const entry = cohorts.get(cohort) ?? {
      cohort,
      size: 0,
      buyers: brackets.map(() => 0),
      eligible: brackets.map(() => 0),
    };
    entry.size += 1;
    const later = h.days.slice(1).map((d) => d - first);
    brackets.forEach((b, i) => {
      if (later.some((d) => d >= b.fromDay && d <= b.toDay)) entry.buyers[i]! += 1;
      if (today - first > b.toDay) entry.eligible[i]! += 1;
    });
    cohorts.set(cohort, entry);
  }
  return [...cohorts.values()];
}

export type BracketCell = {
  buyers: number;
  /** Buyers over the cohort's size. */
  rate: number;
  /** False while some of the cohort's customers are still inside the bracket: shown, not averaged. */
  complete: boolean;
};

export type BracketRow = { cohort: string; size: number; cells: BracketCell[] };

export type BracketMean = {
  /** Weighted by cohort size over the cohorts whose bracket is complete; null when none is. */
  rate: number | null;
  cohorts: number;
  customers: number;
};

export type BracketTable = {
  grain: CohortGrain;
  brackets: RetentionBracket[];
  rows: BracketRow[];
  mean: BracketMean[];
};

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/** Cohort × bracket shares with incomplete cells marked, and a weighted mean over complete cells. */
export function assembleBracketTable(
  counts: readonly BracketCounts[],
  grain: CohortGrain,
  brackets: readonly RetentionBracket[],
): BracketTable {
  const rows = [...counts]
    .sort((a, b) => a.cohort.localeCompare(b.cohort))
    .map((c): BracketRow => ({
      cohort: c.cohort,
      size: c.size,
      cells: brackets.map((_, i) => ({
        buyers: c.buyers[i] ?? 0,
        rate: rate(c.buyers[i] ?? 0, c.size),
        complete: c.size > 0 && (c.eligible[i] ?? 0) === c.size,
      })),
    }));
  const mean = brackets.map((_, i): BracketMean => {
    let cohorts = 0;
    let customers = 0;
    let buyers = 0;
    for (const row of rows) {
      const cell = row.cells[i]!;
      if (!cell.complete) continue;
      cohorts += 1;
      customers += row.size;
      buyers += cell.buyers;
    }
    return { rate: cohorts > 0 ? rate(buyers, customers) : null, cohorts, customers };
  });
  return { grain, brackets: [...brackets], rows, mean };
}
