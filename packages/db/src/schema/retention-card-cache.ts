import {
  bigint,
  date,
  doublePrecision,
  integer,
  pgTable,
  primaryKey,
  text,
} from "drizzle-orm/pg-core";

/*
 * Per cohort (first-purchase) month caches of the Retention page's other cards, for everyone and
 * per home store (`store_id`, 0 for customers without one; everyone is the sum over store_id).
 * Kept exactly like retention_cohort_months (migration 0007): the trigger on customer_features
 * deletes every cohort month a write changes (migration 0009), and a read computes the missing
 * months again from customer_features under the same advisory lock. Sums are kept as integers so
 * that the cached answers equal the live ones to the last digit.
 */

/**
 * Repeat rate: per cohort month and first-purchase local day, the customers, those whose second
 * order came within `within_days` of the first, and their orders after the first. A customer is
 * eligible once `first_day` is `within_days` before today, so the day is kept, not the month only.
 */
export const retentionRepeatDays = pgTable(
  "retention_repeat_days",
  {
    timezone: text("timezone").notNull(),
    withinDays: integer("within_days").notNull(),
    storeId: integer("store_id").notNull(),
    cohortMonth: date("cohort_month", { mode: "string" }).notNull(),
    /** The first order's local day, as days since 1970-01-01. */
    firstDay: integer("first_day").notNull(),
    customers: integer("customers").notNull(),
    repeaters: integer("repeaters").notNull(),
    repeatOrders: bigint("repeat_orders", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({
      name: "retention_repeat_days_pk",
      columns: [t.timezone, t.withinDays, t.storeId, t.cohortMonth, t.firstDay],
    }),
  ],
);

/**
 * Time between purchases: per cohort month, how many consecutive order pairs were `gap` days
 * apart (the histogram and the exact median both follow). `gap` −1 holds the month's customers,
 * so that a month in which nobody bought twice is still known to be filled.
 */
export const retentionGapCounts = pgTable(
  "retention_gap_counts",
  {
    timezone: text("timezone").notNull(),
    storeId: integer("store_id").notNull(),
    cohortMonth: date("cohort_month", { mode: "string" }).notNull(),
    gap: integer("gap").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({
      name: "retention_gap_counts_pk",
      columns: [t.timezone, t.storeId, t.cohortMonth, t.gap],
    }),
  ],
);

/**
 * Monthly activity and revenue churn: per cohort month and calendar month, the cohort's orders,
 * revenue and buyers in that month, and against the month before: the previous month's buyers'
 * revenue then, and how much of it was lost (no purchase now), contracted or expanded.
 */
export const retentionActivityMonths = pgTable(
  "retention_activity_months",
  {
    timezone: text("timezone").notNull(),
    storeId: integer("store_id").notNull(),
    cohortMonth: date("cohort_month", { mode: "string" }).notNull(),
    month: date("month", { mode: "string" }).notNull(),
    orders: bigint("orders", { mode: "number" }).notNull(),
    revenue: bigint("revenue", { mode: "number" }).notNull(),
    customers: integer("customers").notNull(),
    previousRevenue: bigint("previous_revenue", { mode: "number" }).notNull(),
    lost: bigint("lost", { mode: "number" }).notNull(),
    contraction: bigint("contraction", { mode: "number" }).notNull(),
    expansion: bigint("expansion", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({
      name: "retention_activity_months_pk",
      columns: [t.timezone, t.storeId, t.cohortMonth, t.month],
    }),
  ],
);

/**
 * One home store's monthly cohort counts (a store manager's matrix): the rows of
 * retention_cohort_months for that store's customers, filled per store on its first read and
 * forgotten per cohort month by the same trigger (migration 0012).
 */
export const retentionStoreCohortMonths = pgTable(
  "retention_store_cohort_months",
  {
    timezone: text("timezone").notNull(),
    storeId: integer("store_id").notNull(),
    cohortMonth: date("cohort_month", { mode: "string" }).notNull(),
    kind: text("kind", { enum: ["size", "active", "last"] }).notNull(),
    k: integer("k").notNull(),
    n: integer("n").notNull(),
    revenue: doublePrecision("revenue"),
  },
  (t) => [
    primaryKey({
      name: "retention_store_cohort_months_pk",
      columns: [t.timezone, t.storeId, t.cohortMonth, t.kind, t.k],
    }),
  ],
);

/** One home store's churn status changes: the rows of retention_churn_events for its customers. */
export const retentionStoreChurnEvents = pgTable(
  "retention_store_churn_events",
  {
    timezone: text("timezone").notNull(),
    storeId: integer("store_id").notNull(),
    atRiskAfterDays: integer("at_risk_after_days").notNull(),
    churnAfterDays: integer("churn_after_days").notNull(),
    cohortMonth: date("cohort_month", { mode: "string" }).notNull(),
    day: integer("day").notNull(),
    status: integer("status").notNull(),
    delta: integer("delta").notNull(),
  },
  (t) => [
    primaryKey({
      name: "retention_store_churn_events_pk",
      columns: [
        t.timezone,
        t.storeId,
        t.atRiskAfterDays,
        t.churnAfterDays,
        t.cohortMonth,
        t.day,
        t.status,
      ],
    }),
  ],
);
