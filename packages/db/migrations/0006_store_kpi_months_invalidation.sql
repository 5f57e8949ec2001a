-- store_kpi_months is a cache of the stores page's KPIs per store and calendar month. Whatever
-- writes the data those KPIs read (orders, customer_features, enrollments, ledger_entries) deletes
-- the cached rows it may change, here, so no code path can leave a stale row behind. Statement
-- triggers with transition tables keep bulk loads set-based, and do nothing while the cache is empty
-- (a seed). Writers take a shared advisory lock, the refresh an exclusive one for its transaction,
-- so a row is never computed from data that a still-running writer is changing.

-- The calendar month of an instant in the business's time zone (the cache's key).
CREATE OR REPLACE FUNCTION store_kpi_month(ts timestamptz, tz text) RETURNS date AS $$
  SELECT (date_trunc('month', ts AT TIME ZONE tz))::date
$$ LANGUAGE sql IMMUTABLE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION store_kpi_timezone() RETURNS text AS $$
  SELECT coalesce((SELECT timezone FROM business_settings WHERE id = 1), 'UTC')
$$ LANGUAGE sql STABLE;
--> statement-breakpoint
-- Deletes the cached months, from `since` on, of every store where these customers bought then.
CREATE OR REPLACE FUNCTION store_kpi_forget_customers(changed jsonb) RETURNS void AS $$
  DELETE FROM store_kpi_months k
  USING (
    SELECT DISTINCT o.store_id, store_kpi_month(o.placed_at, store_kpi_timezone()) AS month
    FROM jsonb_to_recordset(changed) AS c(customer_id int, since timestamptz)
    JOIN orders o ON o.customer_id = c.customer_id AND o.placed_at >= c.since
    WHERE o.store_id IS NOT NULL
  ) hit
  WHERE k.store_id = hit.store_id AND k.month = hit.month
$$ LANGUAGE sql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION store_kpi_months_forget_orders() RETURNS trigger AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7431001);
  IF NOT EXISTS (SELECT 1 FROM store_kpi_months) THEN RETURN NULL; END IF;
  -- Revenue, orders and active customers of the order's own store and month.
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    DELETE FROM store_kpi_months k USING (
      SELECT DISTINCT store_id, store_kpi_month(placed_at, store_kpi_timezone()) AS month FROM new_rows
    ) hit WHERE k.store_id = hit.store_id AND k.month = hit.month;
  END IF;
  -- An order moved to another store (or none) moves its points too: start over.
  IF TG_OP = 'UPDATE' THEN
    IF EXISTS (
      SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.store_id IS DISTINCT FROM o.store_id
    ) THEN
      DELETE FROM store_kpi_months;
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    DELETE FROM store_kpi_months k USING (
      SELECT DISTINCT store_id, store_kpi_month(placed_at, store_kpi_timezone()) AS month FROM old_rows
    ) hit WHERE k.store_id = hit.store_id AND k.month = hit.month;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER store_kpi_months_orders_insert AFTER INSERT ON orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION store_kpi_months_forget_orders();
--> statement-breakpoint
CREATE TRIGGER store_kpi_months_orders_update AFTER UPDATE ON orders
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION store_kpi_months_forget_orders();
--> statement-breakpoint
CREATE TRIGGER store_kpi_months_orders_delete AFTER DELETE ON orders
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION store_kpi_months_forget_orders();
--> statement-breakpoint
-- A customer's features feed new vs returning, repeaters, 90-day retention and CLV of every month
-- they bought in, and their home store the points of entries without an order.
CREATE OR REPLACE FUNCTION store_kpi_months_forget_features() RETURNS trigger AS $$
DECLARE
  tz text;
  changed jsonb;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7431001);
  IF NOT EXISTS (SELECT 1 FROM store_kpi_months) THEN RETURN NULL; END IF;
  tz := store_kpi_timezone();
  IF TG_OP = 'INSERT' THEN
    IF (SELECT count(*) FROM new_rows) > 10000 THEN DELETE FROM store_kpi_months; RETURN NULL; END IF;
    SELECT jsonb_agg(jsonb_build_object('customer_id', customer_id, 'since', '-infinity'::timestamptz))
      INTO changed FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    IF (SELECT count(*) FROM old_rows) > 10000 THEN DELETE FROM store_kpi_months; RETURN NULL; END IF;
    SELECT jsonb_agg(jsonb_build_object('customer_id', customer_id, 'since', '-infinity'::timestamptz))
      INTO changed FROM old_rows;
  ELSE
    SELECT jsonb_agg(jsonb_build_object('customer_id', c.customer_id, 'since', c.since))
      INTO changed
    FROM (
      SELECT n.customer_id,
        CASE
          WHEN n.first_order_at IS DISTINCT FROM o.first_order_at
            OR n.order_days[2] IS DISTINCT FROM o.order_days[2]
            OR n.first_order_month IS DISTINCT FROM o.first_order_month
            THEN '-infinity'::timestamptz
          ELSE (
            (n.first_order_month + make_interval(months => (
              SELECT min(i) - 1 FROM generate_series(1, greatest(cardinality(n.month_revenue), cardinality(o.month_revenue))) i
              WHERE n.month_revenue[i] IS DISTINCT FROM o.month_revenue[i]
            )::int))::timestamp AT TIME ZONE tz
          )
        END AS since
      FROM new_rows n JOIN old_rows o ON o.customer_id = n.customer_id
      WHERE n.first_order_at IS DISTINCT FROM o.first_order_at
        OR n.order_days[2] IS DISTINCT FROM o.order_days[2]
        OR n.first_order_month IS DISTINCT FROM o.first_order_month
        OR n.month_revenue IS DISTINCT FROM o.month_revenue
    ) c;
    -- Entries without an order count for the customer's home store.
    DELETE FROM store_kpi_months k USING (
      SELECT DISTINCT store_kpi_month(l.effective_at, tz) AS month
      FROM new_rows n JOIN old_rows o ON o.customer_id = n.customer_id
      JOIN ledger_entries l ON l.customer_id = n.customer_id AND l.order_id IS NULL
      WHERE n.home_store_id IS DISTINCT FROM o.home_store_id
    ) hit WHERE k.month = hit.month;
  END IF;
  IF changed IS NOT NULL THEN PERFORM store_kpi_forget_customers(changed); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER store_kpi_months_features_insert AFTER INSERT ON customer_features
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION store_kpi_months_forget_features();
--> statement-breakpoint
CREATE TRIGGER store_kpi_months_features_update AFTER UPDATE ON customer_features
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION store_kpi_months_forget_features();
--> statement-breakpoint
CREATE TRIGGER store_kpi_months_features_delete AFTER DELETE ON customer_features
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION store_kpi_months_forget_features();
--> statement-breakpoint
-- Program members: an enrollment counts in every month that ends after it.
CREATE OR REPLACE FUNCTION store_kpi_months_forget_enrollments() RETURNS trigger AS $$
DECLARE
  changed jsonb;
  tz text;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7431001);
  IF NOT EXISTS (SELECT 1 FROM store_kpi_months) THEN RETURN NULL; END IF;
  tz := store_kpi_timezone();
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF (SELECT count(*) FROM new_rows) > 10000 THEN
      DELETE FROM store_kpi_months WHERE month >= (SELECT store_kpi_month(min(enrolled_at), tz) FROM new_rows);
    ELSE
      SELECT jsonb_agg(jsonb_build_object('customer_id', customer_id,
               'since', (store_kpi_month(enrolled_at, tz))::timestamp AT TIME ZONE tz))
        INTO changed FROM new_rows;
      IF changed IS NOT NULL THEN PERFORM store_kpi_forget_customers(changed); END IF;
    END IF;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    IF (SELECT count(*) FROM old_rows) > 10000 THEN
      DELETE FROM store_kpi_months WHERE month >= (SELECT store_kpi_month(min(enrolled_at), tz) FROM old_rows);
    ELSE
      SELECT jsonb_agg(jsonb_build_object('customer_id', customer_id,
               'since', (store_kpi_month(enrolled_at, tz))::timestamp AT TIME ZONE tz))
        INTO changed FROM old_rows;
      IF changed IS NOT NULL THEN PERFORM store_kpi_forget_customers(changed); END IF;
    END IF;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER store_kpi_months_enrollments_insert AFTER INSERT ON enrollments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION store_kpi_months_forget_enrollments();
--> statement-breakpoint
CREATE TRIGGER store_kpi_months_enrollments_update AFTER UPDATE ON enrollments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION store_kpi_months_forget_enrollments();
--> statement-breakpoint
CREATE TRIGGER store_kpi_months_enrollments_delete AFTER DELETE ON enrollments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION store_kpi_months_forget_enrollments();
--> statement-breakpoint
-- Points issued and redeemed: the entry's month, every store (append-only, so inserts only).
CREATE OR REPLACE FUNCTION store_kpi_months_forget_ledger() RETURNS trigger AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7431001);
  IF NOT EXISTS (SELECT 1 FROM store_kpi_months) THEN RETURN NULL; END IF;
  DELETE FROM store_kpi_months k USING (
    SELECT DISTINCT store_kpi_month(effective_at, store_kpi_timezone()) AS month FROM new_rows
    WHERE unit = 'points' AND kind IN ('earn', 'redeem')
  ) hit WHERE k.month = hit.month;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER store_kpi_months_ledger_insert AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION store_kpi_months_forget_ledger();
