CREATE TABLE "retention_bracket_counts" (
	"timezone" text NOT NULL,
	"ends" text NOT NULL,
	"store_id" integer NOT NULL,
	"cohort_month" date NOT NULL,
	"bracket" integer NOT NULL,
	"first_day" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "retention_bracket_counts_pk" PRIMARY KEY("timezone","ends","store_id","cohort_month","bracket","first_day")
);
--> statement-breakpoint
-- The custom-brackets card cached per bracket list like the other cards (migrations 0009, 0012):
-- the trigger on customer_features deletes its cohort months too.
CREATE OR REPLACE FUNCTION retention_cache_forget_features() RETURNS trigger AS $$
DECLARE
  hit date[];
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7431002);
  IF NOT EXISTS (SELECT 1 FROM retention_cohort_months)
     AND NOT EXISTS (SELECT 1 FROM retention_churn_events)
     AND NOT EXISTS (SELECT 1 FROM retention_repeat_days)
     AND NOT EXISTS (SELECT 1 FROM retention_gap_counts)
     AND NOT EXISTS (SELECT 1 FROM retention_activity_months)
     AND NOT EXISTS (SELECT 1 FROM retention_store_cohort_months)
     AND NOT EXISTS (SELECT 1 FROM retention_store_churn_events)
     AND NOT EXISTS (SELECT 1 FROM retention_bracket_counts) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT first_order_month) INTO hit FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT first_order_month) INTO hit FROM old_rows;
  ELSE
    -- Scores and predictions do not feed retention: only rows whose activity changed count.
    SELECT array_agg(DISTINCT v.m) INTO hit
    FROM new_rows n JOIN old_rows o ON o.customer_id = n.customer_id
    CROSS JOIN LATERAL (VALUES (n.first_order_month), (o.first_order_month)) AS v(m)
    WHERE (n.first_order_at, n.first_order_month, n.month_orders, n.month_revenue, n.order_days,
           n.orders_count, n.home_store_id)
          IS DISTINCT FROM (o.first_order_at, o.first_order_month, o.month_orders, o.month_revenue,
           o.order_days, o.orders_count, o.home_store_id);
  END IF;
  IF hit IS NULL THEN RETURN NULL; END IF;
  DELETE FROM retention_cohort_months WHERE cohort_month = ANY (hit);
  DELETE FROM retention_churn_events WHERE cohort_month = ANY (hit);
  DELETE FROM retention_repeat_days WHERE cohort_month = ANY (hit);
  DELETE FROM retention_gap_counts WHERE cohort_month = ANY (hit);
  DELETE FROM retention_activity_months WHERE cohort_month = ANY (hit);
  DELETE FROM retention_store_cohort_months WHERE cohort_month = ANY (hit);
  DELETE FROM retention_store_churn_events WHERE cohort_month = ANY (hit);
  DELETE FROM retention_bracket_counts WHERE cohort_month = ANY (hit);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
