-- Two transactions refreshing the same customer's customer_categories or customer_order_times rows
-- (say two tills posting orders of one customer, or an import and an order) would otherwise both
-- delete the old rows and insert new ones, and the second insert would fail on the primary key. The
-- refresh now first takes a transaction advisory lock per bucket of customer ids (256 buckets, in
-- ascending order, so a bulk import holds at most 256 locks); the second writer waits, and its
-- statements, each with a fresh snapshot, then see and recompute the first writer's committed rows.
CREATE OR REPLACE FUNCTION segment_windows_lock(ids int[]) RETURNS void AS $$
  SELECT count(pg_advisory_xact_lock(7431010, b))::int * 0
  FROM (SELECT DISTINCT (id % 256) AS b FROM unnest(ids) AS id ORDER BY 1) x;
$$ LANGUAGE sql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION customer_categories_refresh(ids int[]) RETURNS void AS $$
  SELECT segment_windows_lock(ids);
  DELETE FROM customer_categories WHERE customer_id = ANY (ids);
  INSERT INTO customer_categories (customer_id, category, first_at, last_at, placed)
  SELECT o.customer_id, i.category, min(o.placed_at), max(o.placed_at),
         array_agg(DISTINCT o.placed_at ORDER BY o.placed_at)
  FROM orders o JOIN order_items i ON i.order_id = o.id
  WHERE o.customer_id = ANY (ids)
  GROUP BY o.customer_id, i.category;
$$ LANGUAGE sql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION customer_order_times_refresh(ids int[]) RETURNS void AS $$
  SELECT segment_windows_lock(ids);
  DELETE FROM customer_order_times WHERE customer_id = ANY (ids);
  INSERT INTO customer_order_times (customer_id, placed, running_total)
  SELECT customer_id, array_agg(placed_at ORDER BY placed_at, id), '{0}'::bigint[] || array_agg(running ORDER BY placed_at, id)
  FROM (
    SELECT customer_id, id, placed_at, (sum(total) OVER (PARTITION BY customer_id ORDER BY placed_at, id))::bigint AS running
    FROM orders WHERE customer_id = ANY (ids)
  ) o
  GROUP BY customer_id;
$$ LANGUAGE sql;
