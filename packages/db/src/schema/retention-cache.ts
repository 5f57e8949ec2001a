import { date, doublePrecision, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * The Retention page's monthly cohort counts for everyone, one cohort (first-purchase month) at a
 * time, so that the cohort matrix reads a few hundred rows instead of every customer's activity
 * arrays. A cache, never a source of truth: a trigger on customer_features (migration 0007) deletes
 * the cohort months of every customer row written, and a missing month is computed again from
 * customer_features on the next read (`cohortCountsFromFeatures`).
 *
 * `kind`/`k`/`n`/`revenue` are the rows `cohortCountsFromFeatures` folds: the cohort's size (k = 0),
 * buyers and revenue in the k-th month after the first, and customers whose last purchase was then.
 */
export const retentionCohortMonths = pgTable(
  "retention_cohort_months",
  {
    /** The business time zone the cohort months were cut in; a row of another zone is ignored. */
    timezone: text("timezone").notNull(),
    cohortMonth: date("cohort_month", { mode: "string" }).notNull(),
    kind: text("kind", { enum: ["size", "active", "last"] }).notNull(),
    k: integer("k").notNull(),
    n: integer("n").notNull(),
    revenue: doublePrecision("revenue"),
  },
  (t) => [
    primaryKey({
      name: "retention_cohort_months_pk",
      columns: [t.timezone, t.cohortMonth, t.kind, t.k],
    }),
  ],
);

/**
 * The churn trend's status changes for everyone, per cohort month and churn window: on `day`
 * (a local day number), `delta` customers of the cohort enter (+) or leave (−) `status`
 * (0 active, 1 at risk, 2 churned). The count in a status on a day is the running sum up to it.
 * Kept like retention_cohort_months: deleted per cohort month on writes, computed again on read.
 */
export const retentionChurnEvents = pgTable(
  "retention_churn_events",
  {
    timezone: text("timezone").notNull(),
    atRiskAfterDays: integer("at_risk_after_days").notNull(),
    churnAfterDays: integer("churn_after_days").notNull(),
    cohortMonth: date("cohort_month", { mode: "string" }).notNull(),
    day: integer("day").notNull(),
    status: integer("status").notNull(),
    delta: integer("delta").notNull(),
  },
  (t) => [
    primaryKey({
      name: "retention_churn_events_pk",
      columns: [t.timezone, t.atRiskAfterDays, t.churnAfterDays, t.cohortMonth, t.day, t.status],
    }),
  ],
);
