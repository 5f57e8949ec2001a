import { bigint, date, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { stores } from "./stores";

/**
 * The stores page's KPIs for one store and one calendar month (in the business's time zone),
 * precomputed so that a store-month reads one row instead of the month's orders and their
 * customers' features. A cache, never a source of truth: triggers (migration 0006) delete the rows a
 * write to orders, customer_features, enrollments or ledger_entries may change, a missing row is
 * computed live from the raw tables, and `refreshStoreKpiMonths` fills the missing rows again.
 *
 * Distinct-customer measures cannot be summed across months, so only a whole single month reads
 * from here. The measures that depend on the request's instant or on settings (90-day retention's
 * matured customers, churn) are not stored: retention keeps the first-purchase instants of the month's
 * new customers; churn is read live through customer_features (home store, last order).
 */
export const storeKpiMonths = pgTable(
  "store_kpi_months",
  {
    storeId: integer("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    /** First day of the month in `timezone`. */
    month: date("month", { mode: "string" }).notNull(),
    /** The business time zone the month was cut in; a row of another zone is ignored. */
    timezone: text("timezone").notNull(),
    revenue: bigint("revenue", { mode: "number" }).notNull(),
    orders: integer("orders").notNull(),
    activeCustomers: integer("active_customers").notNull(),
    repeaters: integer("repeaters").notNull(),
    clvRevenue: bigint("clv_revenue", { mode: "number" }).notNull(),
    programMembers: integer("program_members").notNull(),
    pointsIssued: bigint("points_issued", { mode: "number" }).notNull(),
    pointsRedeemed: bigint("points_redeemed", { mode: "number" }).notNull(),
    /**
     * First-purchase instants of the month's new customers (active here, first purchase anywhere in
     * the month), and of those among them who bought again within 90 days: 90-day retention counts
     * the ones whose 90 days are over at the request's instant.
     */
    newFirstOrders: timestamp("new_first_orders", { withTimezone: true }).array().notNull(),
    retainedFirstOrders: timestamp("retained_first_orders", { withTimezone: true })
      .array()
      .notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.month] })],
);

export type StoreKpiMonth = typeof storeKpiMonths.$inferSelect;
