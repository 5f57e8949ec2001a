import { sql, type SQL } from "drizzle-orm";
import type { BehaviourCondition } from "@boomerang/domain/segments";
import { instant } from "../../rows";
import {
  inWindowSql,
  num,
  rangeHoldsZero,
  rangeSql,
  windowGroupSql,
  type ConditionCompilers,
} from "../compile-context";

const DAY_MS = 86_400_000;

// "All time" figures come from customer_features (one row per customer); other windows bisect each
// customer's order instants and running totals (windowGroupSql).

function averageSql(
  count: SQL,
  total: SQL,
  range: { min?: number | undefined; max?: number | undefined },
): SQL {
  // Compared without division: min·n ≤ Σ ≤ max·n, exactly as the domain does.
  const parts = [sql`${count} > 0`];
  if (range.min !== undefined) parts.push(sql`${total} >= ${num(range.min)} * ${count}`);
  if (range.max !== undefined) parts.push(sql`${total} <= ${num(range.max)} * ${count}`);
  return sql.join(parts, sql` and `);
}

/**
 * A customer without a features row counts as 0; when 0 is outside the range the bare column says
 * the same (unknown, then false), and an index on it can serve the comparison.
 */
const allTimeFigure = (column: SQL, range: Parameters<typeof rangeHoldsZero>[0]): SQL =>
  rangeHoldsZero(range) ? sql`coalesce(${column}, 0)` : column;

export const behaviourCompilers: ConditionCompilers<BehaviourCondition> = {
  ordersCount: (c, { now }) =>
    c.window.kind === "allTime"
      ? rangeSql(allTimeFigure(sql`cf.orders_count`, c.range), c.range)
      : windowGroupSql(c.window, now, (w) => rangeSql(w.count, c.range), rangeHoldsZero(c.range)),
  totalSpent: (c, { now }) =>
    c.window.kind === "allTime"
      ? rangeSql(allTimeFigure(sql`cf.revenue`, c.range), c.range)
      : windowGroupSql(c.window, now, (w) => rangeSql(w.total, c.range), rangeHoldsZero(c.range)),
  averageOrderValue: (c, { now }) =>
    c.window.kind === "allTime"
      ? averageSql(sql`cf.orders_count`, sql`cf.revenue`, c.range)
      : windowGroupSql(c.window, now, (w) => averageSql(w.count, w.total, c.range), false),
  // ⌊(now − last)/day⌋ ≥ min ⟺ last ≤ now − min days, and ≤ max ⟺ last > now − (max + 1) days:
  // compared as instants, so no per-row arithmetic and the last_order_at index can serve it.
  daysSinceLastOrder: (c, { now }) => {
    const parts = [sql`cf.last_order_at is not null`];
    if (c.range.min !== undefined)
      parts.push(
        sql`cf.last_order_at <= ${instant(new Date(now.getTime() - Math.ceil(c.range.min) * DAY_MS))}`,
      );
    if (c.range.max !== undefined)
      parts.push(
        sql`cf.last_order_at > ${instant(new Date(now.getTime() - (Math.floor(c.range.max) + 1) * DAY_MS))}`,
      );
    return sql.join(parts, sql` and `);
  },
  firstOrderIn: (c, { now }) =>
    sql`cf.first_order_at is not null and ${inWindowSql(sql`cf.first_order_at`, c.window, now)}`,
};
