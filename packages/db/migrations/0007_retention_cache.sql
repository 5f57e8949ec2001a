CREATE TABLE "retention_churn_events" (
	"timezone" text NOT NULL,
	"at_risk_after_days" integer NOT NULL,
	"churn_after_days" integer NOT NULL,
	"cohort_month" date NOT NULL,
	"day" integer NOT NULL,
	"status" integer NOT NULL,
	"delta" integer NOT NULL,
	CONSTRAINT "retention_churn_events_pk" PRIMARY KEY("timezone","at_risk_after_days","churn_after_days","cohort_month","day","status")
);
--> statement-breakpoint
CREATE TABLE "retention_cohort_months" (
	"timezone" text NOT NULL,
	"cohort_month" date NOT NULL,
	"kind" text NOT NULL,
	"k" integer NOT NULL,
	"n" integer NOT NULL,
	"revenue" double precision,
	CONSTRAINT "retention_cohort_months_pk" PRIMARY KEY("timezone","cohort_month","kind","k")
);
--> statement-breakpoint
-- retention_cohort_months and retention_churn_events cache per cohort (first-purchase) month what
-- the Retention page computes for everyone from customer_features. Every write to a customer's
-- features deletes the cached rows of its old and new cohort months, so no code path can leave a
-- stale row behind; the next read computes the missing months again. Statement triggers with
-- transition tables keep bulk loads set-based and do nothing while both caches are empty (a seed).
-- Writers take a shared advisory lock, a read that fills the cache an exclusive one for its
-- transaction, so a month is never computed from features a still-running writer is changing.
CREATE OR REPLACE FUNCTION retention_cache_forget_features() RETURNS trigger AS $$
DECLARE
  hit date[];
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7431002);
  IF NOT EXISTS (SELECT 1 FROM retention_cohort_months)
     AND NOT EXISTS (SELECT 1 FROM retention_churn_events) THEN
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
    WHERE (n.first_order_at, n.first_order_month, n.month_orders, n.month_revenue, n.order_days)
          IS DISTINCT FROM (o.first_order_at, o.first_order_month, o.month_orders, o.month_revenue, o.order_days);
  END IF;
  IF hit IS NULL THEN RETURN NULL; END IF;
  DELETE FROM retention_cohort_months WHERE cohort_month = ANY (hit);
  DELETE FROM retention_churn_events WHERE cohort_month = ANY (hit);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER retention_cache_features_insert AFTER INSERT ON customer_features
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION retention_cache_forget_features();
--> statement-breakpoint
CREATE TRIGGER retention_cache_features_update AFTER UPDATE ON customer_features
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION retention_cache_forget_features();
--> statement-breakpoint
CREATE TRIGGER retention_cache_features_delete AFTER DELETE ON customer_features
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION retention_cache_forget_features();
