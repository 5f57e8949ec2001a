import { sql } from "drizzle-orm";
import { bigint, integer, pgTable, timestamp } from "drizzle-orm/pg-core";

/**
 * Every customer's orders as two arrays, one row per customer with orders: the instants in order,
 * and the running total. Segments count orders, spend and average order value over any dated window
 * from it by bisection instead of reading the window's orders: with k(t) = the number of orders
 * placed at or before t (`width_bucket(t, placed)`), a customer placed k(to⁻) − k(from⁻) orders in
 * [from, to) and spent running_total[k(to⁻) + 1] − running_total[k(from⁻) + 1] (t⁻: one microsecond
 * before t).
 *
 * Kept exact by statement triggers on orders (migration 0011): whatever writes orders (ingest,
 * import, seed, tests) recomputes the rows of the customers it touched with the same SQL as a full
 * rebuild (`rebuildCustomerOrderTimes`; equality tested). No foreign key: a customer's deletion
 * deletes their orders, whose trigger deletes the row.
 */
export const customerOrderTimes = pgTable("customer_order_times", {
  customerId: integer("customer_id").primaryKey(),
  /** placed_at of every order, ascending (ties by order id). */
  placed: timestamp("placed", { withTimezone: true }).array().notNull(),
  /** Element k + 1: the total of the first k orders, in minor units (element 1 is 0). */
  runningTotal: bigint("running_total", { mode: "number" })
    .array()
    .notNull()
    .default(sql`'{0}'::bigint[]`),
});

export type CustomerOrderTimes = typeof customerOrderTimes.$inferSelect;
