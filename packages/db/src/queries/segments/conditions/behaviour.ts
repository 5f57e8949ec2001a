import { sql, type SQL } from "drizzle-orm";
import type { ActivityWindow, BehaviourCondition } from "@boomerang/domain/segments";
import { instant } from "../../rows";
import { inWindowSql, num, rangeSql, type ConditionCompilers } from "../compile-context";

const DAY_MS = 86_400_000;

/**
 * "All time" figures come from customer_features (one row per customer); other windows read the
 * customer's own orders through orders_customer_placed_idx.
 */
const windowOrders = (window: ActivityWindow, now: Date, select: SQL): SQL =>
  sql`(select ${select} from orders o where o.customer_id = c.id and ${inWindowSql(sql`o.placed_at`, window, now)})`;

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

export const behaviourCompilers: ConditionCompilers<BehaviourCondition> = {
  ordersCount: (c, { now }) =>
    c.window.kind === "allTime"
      ? rangeSql(sql`coalesce(cf.orders_count, 0)`, c.range)
      : rangeSql(windowOrders(c.window, now, sql`count(*)`), c.range),
  totalSpent: (c, { now }) =>
    c.window.kind === "allTime"
      ? rangeSql(sql`coalesce(cf.revenue, 0)`, c.range)
      : rangeSql(windowOrders(c.window, now, sql`coalesce(sum(o.total), 0)`), c.range),
  averageOrderValue: (c, { now }) =>
    c.window.kind === "allTime"
      ? averageSql(sql`cf.orders_count`, sql`cf.revenue`, c.range)
      : windowOrders(c.window, now, averageSql(sql`count(*)`, sql`sum(o.total)`, c.range)),
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
