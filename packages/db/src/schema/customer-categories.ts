import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * When each customer first and last bought in each category: one row per customer and category
 * they ever bought, derived from orders ⨝ order_items. Segments answer "bought (or did not buy) in
 * category C between from and to" from it without reading order lines: a customer bought C in the
 * window when the first or the last purchase lies inside it; not when the last was before it or the
 * first after it; only a customer who bought C both before and after the window (never for a window
 * ending now) needs `placed`, searched by bisection (width_bucket).
 *
 * Kept exact by statement triggers on orders and order_items (migrations 0010, 0011): whatever writes
 * orders (ingest, import, seed, tests) keeps it up to date, and an incremental update gives the same
 * rows as `rebuildCustomerCategories` (tested). No foreign key: a customer's deletion deletes their
 * orders, whose trigger deletes the rows.
 */
export const customerCategories = pgTable(
  "customer_categories",
  {
    customerId: integer("customer_id").notNull(),
    category: text("category").notNull(),
    firstAt: timestamp("first_at", { withTimezone: true }).notNull(),
    lastAt: timestamp("last_at", { withTimezone: true }).notNull(),
    /** The distinct instants of the customer's orders with a line in the category, ascending. */
    placed: timestamp("placed", { withTimezone: true })
      .array()
      .notNull()
      .default(sql`'{}'::timestamptz[]`),
  },
  (t) => [
    primaryKey({ name: "customer_categories_pk", columns: [t.customerId, t.category] }),
    // A window's slice of one category's buyers, index-only: last purchase on or after the start.
    index("customer_categories_category_last_idx").on(
      t.category,
      t.lastAt,
      t.firstAt,
      t.customerId,
    ),
  ],
);

export type CustomerCategory = typeof customerCategories.$inferSelect;
