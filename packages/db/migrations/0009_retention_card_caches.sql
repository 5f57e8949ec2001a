CREATE TABLE "retention_activity_months" (
	"timezone" text NOT NULL,
	"store_id" integer NOT NULL,
	"cohort_month" date NOT NULL,
	"month" date NOT NULL,
	"orders" bigint NOT NULL,
	"revenue" bigint NOT NULL,
	"customers" integer NOT NULL,
	"previous_revenue" bigint NOT NULL,
	"lost" bigint NOT NULL,
	"contraction" bigint NOT NULL,
	"expansion" bigint NOT NULL,
	CONSTRAINT "retention_activity_months_pk" PRIMARY KEY("timezone","store_id","cohort_month","month")
);
--> statement-breakpoint
CREATE TABLE "retention_gap_counts" (
	"timezone" text NOT NULL,
	"store_id" integer NOT NULL,
	"cohort_month" date NOT NULL,
	"gap" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "retention_gap_counts_pk" PRIMARY KEY("timezone","store_id","cohort_month","gap")
);
--> statement-breakpoint
CREATE TABLE "retention_repeat_days" (
	"timezone" text NOT NULL,
	"within_days" integer NOT NULL,
	"store_id" integer NOT NULL,
	"cohort_month" date NOT NULL,
	"first_day" integer NOT NULL,
	"customers" integer NOT NULL,
	"repeaters" integer NOT NULL,
	"repeat_orders" bigint NOT NULL,
	CONSTRAINT "retention_repeat_days_pk" PRIMARY KEY("timezone","within_days","store_id","cohort_month","first_day")
);
--> statement-breakpoint
-- The Retention page's other cards (repeat rate, time between purchases, monthly activity and
-- revenue churn) cached per cohort month like migration 0007's tables, for everyone and per home
-- store: the same trigger now deletes their cohort months too. A change of home store or of the
-- order count (repeat orders) also counts as a change of activity.
CREATE OR REPLACE FUNCTION retention_cache_forget_features() RETURNS trigger AS $$
DECLARE
  hit date[];
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7431002);
  IF NOT EXISTS (SELECT 1 FROM retention_cohort_months)
     AND NOT EXISTS (SELECT 1 FROM retention_churn_events)
     AND NOT EXISTS (SELECT 1 FROM retention_repeat_days)
     AND NOT EXISTS (SELECT 1 FROM retention_gap_counts)
     AND NOT EXISTS (SELECT 1 FROM retention_activity_months) THEN
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
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
