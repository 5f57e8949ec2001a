import type { CohortMatrix } from "./cohort-matrix";

export type ClvCurve = {
  cohort: string;
  size: number;
  /** Cumulative revenue per customer (minor units) at the end of each complete period since the first purchase. */
  points: { period: number; perCustomer: number }[];
};

/** Historical CLV from a month or quarter cohort matrix; null when the matrix carries no revenue (weeks). */
export function historicalClv(matrix: CohortMatrix): ClvCurve[] | null {
  if (matrix.rows.some((r) => r.cells.some((c) => c.revenue === null))) return null;
  return matrix.rows.map((row) => {
    let total = 0;
    const points = row.cells
      .filter((c) => c.complete)
      .map((c) => {
        total += c.revenue ?? 0;
        return { period: c.period, perCustomer: row.size > 0 ? total / row.size : 0 };
      });
    return { cohort: row.cohort, size: row.size, points };
  });
}
