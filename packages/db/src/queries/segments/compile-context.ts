import { sql, type SQL } from "drizzle-orm";
import {
  windowBounds,
  type ActivityWindow,
  type SegmentCondition,
} from "@boomerang/domain/segments";
import { instant } from "../rows";

/**
 * What every compiled condition may refer to: `c` (customers) and `cf` (customer_features, left
 * joined, so null for a customer the features table has not seen), and the clock.
 */
export type CompileContext = { now: Date };

/** Compiles the conditions of one kind to a boolean SQL expression (which may be null: the caller coalesces). */
export type ConditionCompilers<C extends SegmentCondition> = {
  [K in C["kind"]]: (condition: Extract<C, { kind: K }>, ctx: CompileContext) => SQL;
};

// Whole numbers bind as bigint so integer columns compare without a per-row cast to numeric.
export const num = (n: number): SQL =>
  Number.isInteger(n) ? sql`${n}::bigint` : sql`${n}::numeric`;

/** `column` within an inclusive range; either end may be open. */
export function rangeSql(
  column: SQL,
  range: { min?: number | undefined; max?: number | undefined },
): SQL {
  const parts: SQL[] = [];
  if (range.min !== undefined) parts.push(sql`${column} >= ${num(range.min)}`);
  if (range.max !== undefined) parts.push(sql`${column} <= ${num(range.max)}`);
  return sql.join(parts, sql` and `);
}

export const textArray = (values: readonly string[]): SQL =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
export const intArray = (values: readonly number[]): SQL =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}::int`),
    sql`, `,
  )}]::int[]`;

/**
 * `column` inside the window, as the same half-open instant range the in-memory evaluator uses
 * (both take it from windowBounds), so the two can never disagree on an edge.
 */
export function inWindowSql(column: SQL, window: ActivityWindow, now: Date): SQL {
  if (window.kind === "allTime") return sql`true`;
  const { from, to } = windowBounds(window, now);
  return sql`${column} >= ${instant(new Date(from))} and ${column} < ${instant(new Date(to))}`;
}
