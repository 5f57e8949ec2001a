import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../client";

/**
 * Every customer's first and last purchase per category and its purchase instants, computed from
 * orders ⨝ order_items — what customer_categories holds. The triggers of migrations 0010–0011 keep
 * the table equal to this after every write (customer_categories_refresh runs the same grouping for
 * the customers a write touched).
 */
export const customerCategoriesFromOrders: SQL = sql`select o.customer_id, i.category,
    min(o.placed_at) as first_at, max(o.placed_at) as last_at,
    array_agg(distinct o.placed_at order by o.placed_at) as placed
  from orders o join order_items i on i.order_id = o.id
  group by o.customer_id, i.category`;

/**
 * Every customer's order instants, ascending, and running totals (element k + 1 the total of the
 * first k orders) — what customer_order_times holds, kept so by the triggers of migration 0011.
 */
export const customerOrderTimesFromOrders: SQL = sql`select customer_id,
    array_agg(placed_at order by placed_at, id) as placed,
    '{0}'::bigint[] || array_agg(running order by placed_at, id) as running_total
  from (select customer_id, id, placed_at,
          (sum(total) over (partition by customer_id order by placed_at, id))::bigint as running
        from orders) o
  group by customer_id`;

/**
 * Rebuilds customer_categories and customer_order_times from scratch (to repair them: writes keep
 * them up to date themselves).
 */
export async function rebuildSegmentWindowTables(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from customer_categories`);
    await tx.execute(sql`insert into customer_categories (customer_id, category, first_at, last_at, placed)
      ${customerCategoriesFromOrders}`);
    await tx.execute(sql`delete from customer_order_times`);
    await tx.execute(sql`insert into customer_order_times (customer_id, placed, running_total)
      ${customerOrderTimesFromOrders}`);
  });
}
