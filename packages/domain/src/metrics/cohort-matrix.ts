import { addPeriods, periodIndex, type CohortGrain } from "./calendar";

/** One cohort's raw counts, as either engine (SQL or memory) produces them. */
export type CohortCounts = {
  /** First day of the cohort's period. */
  cohort: string;
  size: number;
  /** Customers who bought in period k (k = 0 is the first-purchase period). */
  activeByPeriod: ReadonlyMap<number, number>;
  /** Customers whose last purchase so far falls in period k. */
  lastByPeriod: ReadonlyMap<number, number>;
  /** Revenue earned by the cohort in period k (minor units); absent when the engine cannot split it. */
  revenueByPeriod?: ReadonlyMap<number, number>;
};

export type CohortCell = {
  period: number;
  /** Bought in this period (classic retention). */
  active: number;
  /** Bought in this period or any later one (unbounded retention). */
  unbounded: number;
  classicRate: number;
  unboundedRate: number;
  revenue: number | null;
  /** Share of the first period's revenue earned in this period. */
  revenueRate: number | null;
  /** False while the period has not ended yet: shown, but left out of averages. */
  complete: boolean;
};

export type CohortRow = { cohort: string; size: number; cells: CohortCell[] };

export type MeanPoint = {
  period: number;
  /** Weighted by cohort size over the cohorts whose period k is complete. */
  classicRate: number;
  unboundedRate: number;
  cohorts: number;
  customers: number;
};

export type CohortMatrix = { grain: CohortGrain; rows: CohortRow[]; mean: MeanPoint[] };

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/**
 * Turns raw counts into the matrix the charts show: one cell per period from the cohort's first up
 * to the one containing `today`; a period is complete once the next one has started by `today`.
 */
export function assembleCohortMatrix(
  counts: readonly CohortCounts[],
  grain: CohortGrain,
  today: string,
): CohortMatrix {
  const rows = [...counts]
    .sort((a, b) => a.cohort.localeCompare(b.cohort))
    .map((c): CohortRow => {
      const last = Math.max(0, periodIndex(c.cohort, today, grain));
      let later = 0;
      const unbounded: number[] = [];
      const tail = Math.max(last, ...c.lastByPeriod.keys());
      for (let k = tail; k >= 0; k--) {
        later += c.lastByPeriod.get(k) ?? 0;
        unbounded[k] = later;
      }
      const firstRevenue = c.revenueByPeriod?.get(0) ?? 0;
      const cells = Array.from({ length: last + 1 }, (_, k): CohortCell => {
        const active = c.activeByPeriod.get(k) ?? 0;
        const revenue = c.revenueByPeriod ? (c.revenueByPeriod.get(k) ?? 0) : null;
        return {
          period: k,
          active,
          unbounded: unbounded[k] ?? 0,
          classicRate: rate(active, c.size),
          unboundedRate: rate(unbounded[k] ?? 0, c.size),
          revenue,
          revenueRate: revenue === null ? null : rate(revenue, firstRevenue),
          complete: addPeriods(c.cohort, k + 1, grain) <= today,
        };
      });
      return { cohort: c.cohort, size: c.size, cells };
    });
  return { grain, rows, mean: weightedMean(rows) };
}

function weightedMean(rows: readonly CohortRow[]): MeanPoint[] {
  const points: MeanPoint[] = [];
  for (let k = 0; ; k++) {
    let customers = 0;
    let active = 0;
    let unbounded = 0;
    let cohorts = 0;
    for (const row of rows) {
      const cell = row.cells[k];
      if (!cell?.complete) continue;
      cohorts += 1;
      customers += row.size;
      active += cell.active;
      unbounded += cell.unbounded;
    }
    if (cohorts === 0) return points;
    points.push({
      period: k,
      classicRate: rate(active, customers),
      unboundedRate: rate(unbounded, customers),
      cohorts,
      customers,
    });
  }
}

/** One retention point (e.g. period 1) across successive cohorts, complete cells only. */
export function retentionTrend(
  matrix: CohortMatrix,
  period: number,
): { cohort: string; rate: number; size: number }[] {
  return matrix.rows.flatMap((row) => {
    const cell = row.cells[period];
    return cell?.complete ? [{ cohort: row.cohort, rate: cell.classicRate, size: row.size }] : [];
  });
}
