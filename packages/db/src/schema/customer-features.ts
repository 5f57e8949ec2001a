import { sql } from "drizzle-orm";
import {
  bigint,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { stores } from "./stores";

/**
 * One row per customer with what segments and retention charts need, kept up to date on ingest and
 * import so that neither ever scans raw orders on the request path. An incremental update must give
 * the same row as a full rebuild (tested).
 *
 * Calendar periods are in the business's time zone. Activity arrays are indexed from the customer's
 * first order: element 1 is the first order's month (or week), element k+1 the k-th period after it.
 */
export const customerFeatures = pgTable(
  "customer_features",
  {
    customerId: integer("customer_id")
      .primaryKey()
      .references(() => customers.id, { onDelete: "cascade" }),
    homeStoreId: integer("home_store_id").references(() => stores.id, { onDelete: "set null" }),
    firstOrderAt: timestamp("first_order_at", { withTimezone: true }),
    lastOrderAt: timestamp("last_order_at", { withTimezone: true }),
    /** First day of the first order's month / ISO week, in the business's time zone. */
    firstOrderMonth: date("first_order_month", { mode: "string" }),
    firstOrderWeek: date("first_order_week", { mode: "string" }),
    ordersCount: integer("orders_count").notNull().default(0),
    revenue: bigint("revenue", { mode: "number" }).notNull().default(0),
    firstOrderRevenue: bigint("first_order_revenue", { mode: "number" }).notNull().default(0),
    monthOrders: integer("month_orders")
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    monthRevenue: bigint("month_revenue", { mode: "number" })
      .array()
      .notNull()
      .default(sql`'{}'::bigint[]`),
    weekOrders: integer("week_orders")
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    /** Day offsets of every order from the first order's day, ascending (brackets, gaps, windows). */
    orderDays: integer("order_days")
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    /** RFM scores 1–5 (quintiles over the base) and the named group, as of `scoredAt`. */
    recencyScore: smallint("recency_score"),
    frequencyScore: smallint("frequency_score"),
    monetaryScore: smallint("monetary_score"),
    rfmGroup: text("rfm_group"),
    scoredAt: timestamp("scored_at", { withTimezone: true }),
    /** Predicted value (BG/NBD + Gamma-Gamma), as of `predictedAt`. */
    probabilityActive: doublePrecision("probability_active"),
    expectedPurchases12m: doublePrecision("expected_purchases_12m"),
    expectedRevenue12m: doublePrecision("expected_revenue_12m"),
    predictedAt: timestamp("predicted_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("customer_features_first_month_idx").on(t.firstOrderMonth),
    index("customer_features_home_store_idx").on(t.homeStoreId),
    index("customer_features_rfm_group_idx").on(t.rfmGroup),
    // Segments on RFM groups joined to other conditions: the groups' customer ids, index-only.
    index("customer_features_rfm_group_customer_idx").on(t.rfmGroup, t.customerId),
    index("customer_features_last_order_idx").on(t.lastOrderAt),
    // Store KPIs count a store's churned home customers by their last order.
    index("customer_features_home_last_order_idx").on(t.homeStoreId, t.lastOrderAt),
    // Segments on all-time spend (with recency, index-only) and the customers list's sorts.
    index("customer_features_revenue_idx").on(t.revenue, t.lastOrderAt),
    index("customer_features_orders_count_idx").on(t.ordersCount),
    index("customer_features_expected_revenue_idx").on(t.expectedRevenue12m),
  ],
);

export type CustomerFeatures = typeof customerFeatures.$inferSelect;
