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

const neverNullSql = new WeakSet<SQL>();

/**
 * Marks a compiled condition that is true or false for every customer, never unknown (EXISTS, say):
 * it then needs no coalesce, so PostgreSQL can still turn `exists`/`not exists` into a semi- or
 * anti-join over the whole base instead of one subquery per customer.
 */
export function neverNull(condition: SQL): SQL {
  neverNullSql.add(condition);
  return condition;
}
export const isNeverNull = (condition: SQL): boolean => neverNullSql.has(condition);

/** A customer's orders and spend within a dated window, as SQL over `ot` (customer_order_times). */
export type WindowFigures = { count: SQL; total: SQL };

/**
 * The customers whose orders in the window satisfy `having`, from customer_order_times (every
 * customer's order instants, ascending, and running totals) instead of the window's orders: with
 * k(t) = width_bucket(t − 1 µs, placed), the orders before t, found by bisection, a customer placed
 * k(to) − k(from) orders in [from, to) and spent running_total[k(to) + 1] − running_total[k(from) + 1].
 * One row per customer, whatever the window's length. A customer without orders has no row, so
 * when 0 orders satisfy the condition (`zeroQualifies`) it is written as "no row fails it".
 */
export function windowGroupSql(
  window: ActivityWindow,
  now: Date,
  having: (figures: WindowFigures) => SQL,
  zeroQualifies: boolean,
): SQL {
  const before = (t: number): SQL =>
    Number.isFinite(t)
      ? sql`width_bucket(${instant(new Date(t))} - interval '1 microsecond', ot.placed)`
      : t < 0
        ? sql`0`
        : sql`cardinality(ot.placed)`;
  const { from, to } = windowBounds(window, now);
  const lo = before(from);
  const hi = before(to);
  const figures: WindowFigures = {
    count: sql`(${hi} - ${lo})`,
    total: sql`(ot.running_total[${hi} + 1] - ot.running_total[${lo} + 1])`,
  };
  const rows = (test: SQL) =>
    sql`exists (select 1 from customer_order_times ot where ot.customer_id = c.id and ${test})`;
  const test = having(figures);
  return neverNull(zeroQualifies ? sql`not ${rows(sql`not (${test})`)}` : rows(test));
}

/** Whether 0 lies in the range (a customer with no orders has a count and a total of 0). */
export const rangeHoldsZero = (range: { min?: number | undefined; max?: number | undefined }) =>
  (range.min === undefined || range.min <= 0) && (range.max === undefined || range.max >= 0);

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
