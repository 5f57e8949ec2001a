import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../client";

/**
 * Every customer's first and last purchase per category, computed from orders ⨝ order_items — what
 * customer_categories holds. The triggers of migration 0010 keep the table equal to this after every
 * write (customer_categories_refresh runs the same grouping for the customers a write touched).
 */
export const customerCategoriesFromOrders: SQL = sql`select o.customer_id, i.category,
    min(o.placed_at) as first_at, max(o.placed_at) as last_at
  from orders o join order_items i on i.order_id = o.id
  group by o.customer_id, i.category`;

/** Rebuilds customer_categories from scratch (to repair it; writes keep it up to date themselves). */
export async function rebuildCustomerCategories(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from customer_categories`);
    await tx.execute(sql`insert into customer_categories (customer_id, category, first_at, last_at)
      ${customerCategoriesFromOrders}`);
  });
}
