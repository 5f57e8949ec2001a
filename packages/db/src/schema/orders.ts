import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { salesChannel } from "./enums";

// Money is integer minor units (cents); bigint keeps 1M-customer sums safe from overflow.
export const orders = pgTable(
  "orders",
  {
    id: serial("id").primaryKey(),
    externalId: text("external_id").notNull(),
    // -> customers.id on delete cascade: checked per statement by triggers, migration 0020.
    customerId: integer("customer_id").notNull(),
    // -> stores.id on delete set null: checked per statement by triggers, migration 0020.
    storeId: integer("store_id"),
    placedAt: timestamp("placed_at", { withTimezone: true }).notNull(),
    subtotal: bigint("subtotal", { mode: "number" }).notNull(),
    discount: bigint("discount", { mode: "number" }).notNull().default(0),
    total: bigint("total", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    channel: salesChannel("channel").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("orders_external_id_uq").on(t.externalId),
    index("orders_customer_placed_idx").on(t.customerId, t.placedAt),
    index("orders_store_placed_idx").on(t.storeId, t.placedAt),
    // A period's orders (overview, store and program periods), and per customer with their totals
    // index-only. It replaced an index on placed_at alone (its prefix), one index less to keep up
    // on every ingest and import.
    index("orders_placed_customer_idx").on(t.placedAt, t.customerId, t.total),
    check(
      "orders_amounts_valid",
      sql`${t.subtotal} >= 0 and ${t.discount} >= 0 and ${t.total} = ${t.subtotal} - ${t.discount}`,
    ),
    check("orders_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export const orderItems = pgTable(
  "order_items",
  {
    id: serial("id").notNull(),
    // -> orders.id on delete cascade: checked per statement by triggers, migration 0020.
    orderId: integer("order_id").notNull(),
    sku: text("sku").notNull(),
    name: text("name").notNull(),
    category: text("category").notNull(),
    quantity: integer("quantity").notNull(),
    unitPrice: bigint("unit_price", { mode: "number" }).notNull(),
  },
  (t) => [
    // One index serves both: an order's lines in order (every read goes by order), and the line's
    // identity (id is unique on its own, drawn from its sequence). Two indexes (id, and order_id)
    // cost a million lines inserted ~1 s more (migration 0025).
    primaryKey({ name: "order_items_pkey", columns: [t.orderId, t.id] }),
    // No index on category: segments read customer_categories, and the pickers list categories
    // from its index (migration 0023); every order line written kept one more index up to date.
    check("order_items_quantity_positive", sql`${t.quantity} > 0 and ${t.unitPrice} >= 0`),
  ],
);

export type Order = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;
export type OrderItem = typeof orderItems.$inferSelect;
export type NewOrderItem = typeof orderItems.$inferInsert;
