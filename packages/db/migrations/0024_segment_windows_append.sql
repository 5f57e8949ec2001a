-- New orders usually come after everything their customer bought before (a till, a monthly import).
-- The segment window rows of such a customer are extended instead of recomputed from every order
-- they ever placed: an import of 333k orders spent ~1.4 s in customer_order_times' refresh, reading,
-- sorting and summing each touched customer's whole history.
--
-- customer_order_times: a customer whose new orders all come strictly after their last instant gets
-- them appended, running totals continued from their last one, under the same customer row locks
-- as a refresh (segment_windows_lock); the check is made on the row as ON CONFLICT sees it. Every
-- other customer (an order back in time, an instant equal to their last) is refreshed in full as
-- before.
CREATE OR REPLACE FUNCTION customer_order_times_orders_changed() RETURNS trigger AS $$
DECLARE
  ids int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- The customers' row locks first, in id order, as a refresh takes them: an append and a refresh
    -- of one customer wait for each other (neither inserts the row the other cannot see yet), and
    -- every writer locks the customer before its customer_order_times row (no deadlock).
    PERFORM segment_windows_lock(ARRAY(SELECT DISTINCT customer_id FROM new_rows));
    WITH fresh AS (
      SELECT customer_id, placed_at, id,
             (sum(total) OVER (PARTITION BY customer_id ORDER BY placed_at, id))::bigint AS running
      FROM new_rows
    ),
    grouped AS (
      SELECT customer_id, array_agg(placed_at ORDER BY placed_at, id) AS placed,
             array_agg(running ORDER BY placed_at, id) AS running
      FROM fresh GROUP BY customer_id
    ),
    appended AS (
      INSERT INTO customer_order_times AS t (customer_id, placed, running_total)
      SELECT g.customer_id, g.placed, '{0}'::bigint[] || g.running FROM grouped g
      ON CONFLICT (customer_id) DO UPDATE
        SET placed = t.placed || excluded.placed,
            running_total = t.running_total || ARRAY(
              SELECT t.running_total[cardinality(t.running_total)] + r
              FROM unnest(excluded.running_total[2:]) WITH ORDINALITY AS u(r, k) ORDER BY k)
        WHERE t.placed[cardinality(t.placed)] < excluded.placed[1]
      RETURNING t.customer_id
    )
    SELECT array_agg(g.customer_id) INTO ids
    FROM grouped g WHERE g.customer_id NOT IN (SELECT customer_id FROM appended);
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT customer_id) INTO ids FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT v.customer_id) INTO ids
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    CROSS JOIN LATERAL (VALUES (n.customer_id), (o.customer_id)) AS v(customer_id)
    WHERE (n.customer_id, n.placed_at, n.total) IS DISTINCT FROM (o.customer_id, o.placed_at, o.total);
  END IF;
  IF ids IS NOT NULL THEN PERFORM customer_order_times_refresh(ids); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- customer_categories: a category's new instants that all come after its last purchase are appended
-- instead of merged and sorted again with every earlier one.
CREATE OR REPLACE FUNCTION customer_categories_items_changed() RETURNS trigger AS $$
DECLARE
  ids int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO customer_categories AS cc (customer_id, category, first_at, last_at, placed)
    SELECT o.customer_id, n.category, min(o.placed_at), max(o.placed_at),
           array_agg(DISTINCT o.placed_at ORDER BY o.placed_at)
    FROM new_rows n JOIN orders o ON o.id = n.order_id
    GROUP BY o.customer_id, n.category
    ON CONFLICT (customer_id, category) DO UPDATE
      SET first_at = least(cc.first_at, excluded.first_at), last_at = greatest(cc.last_at, excluded.last_at),
          placed = CASE WHEN cc.last_at < excluded.first_at THEN cc.placed || excluded.placed
                   ELSE (SELECT array_agg(DISTINCT t ORDER BY t) FROM unnest(cc.placed || excluded.placed) AS t) END;
    RETURN NULL;
  END IF;
  -- A line deleted with its order (a cascade) finds no order here: the orders trigger refreshes it.
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT o.customer_id) INTO ids
    FROM old_rows x JOIN orders o ON o.id = x.order_id;
  ELSE
    SELECT array_agg(DISTINCT o.customer_id) INTO ids
    FROM (SELECT order_id FROM old_rows UNION SELECT order_id FROM new_rows) x
    JOIN orders o ON o.id = x.order_id;
  END IF;
  IF ids IS NOT NULL THEN PERFORM customer_categories_refresh(ids); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
