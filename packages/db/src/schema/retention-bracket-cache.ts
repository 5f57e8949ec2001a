import { date, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/*
 * The custom-brackets card (days 0–7, 8–30, …) per cohort (first-purchase) month, for everyone and
 * per home store (`store_id`, 0 for customers without one; everyone is the sum over store_id).
 *
 * "Bought again at least once in days a–b" is not a sum of per-day counts (a customer buying on
 * several days of a bracket counts once), and an exact per-month statistic for any bracket list
 * would be the count of every (previous order day, order day) pair: hundreds of thousands of rows
 * per month. So the counts are kept per bracket list actually asked (`ends`, the brackets' last days
 * as text, e.g. "7,30,90"), like retention_repeat_days per `within_days`: rows with `bracket` 0
 * hold the customers per first-purchase local day (`first_day`; a cohort's size, and who is past a
 * bracket's last day, follow for any today), rows with `bracket` i ≥ 1 hold, with `first_day` 0,
 * the customers who bought again in bracket i. Kept like the other card caches (migration 0016):
 * the trigger on customer_features deletes every cohort month a write changes, and a read computes
 * the missing months again under the same advisory lock.
 */
export const retentionBracketCounts = pgTable(
  "retention_bracket_counts",
  {
    timezone: text("timezone").notNull(),
    ends: text("ends").notNull(),
    storeId: integer("store_id").notNull(),
    cohortMonth: date("cohort_month", { mode: "string" }).notNull(),
    bracket: integer("bracket").notNull(),
    /** With bracket 0: the first order's local day, as days since 1970-01-01; otherwise 0. */
    firstDay: integer("first_day").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({
      name: "retention_bracket_counts_pk",
      columns: [t.timezone, t.ends, t.storeId, t.cohortMonth, t.bracket, t.firstDay],
    }),
  ],
);
