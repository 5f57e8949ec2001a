CREATE TABLE "customer_order_times" (
	"customer_id" integer PRIMARY KEY NOT NULL,
	"placed" timestamp with time zone[] NOT NULL,
	"running_total" bigint[] DEFAULT '{0}'::bigint[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_categories" ADD COLUMN "placed" timestamp with time zone[] DEFAULT '{}'::timestamptz[] NOT NULL;--> statement-breakpoint
-- customer_categories gains the instants of each category's purchases (filled again from scratch:
-- cheaper than rewriting every row), and customer_order_times holds each customer's orders as
-- sorted instants and running totals. Both are searched by bisection (width_bucket) for any dated
-- window, so a segment never reads the window's orders or order lines.
TRUNCATE customer_categories;
--> statement-breakpoint
INSERT INTO customer_categories (customer_id, category, first_at, last_at, placed)
SELECT o.customer_id, i.category, min(o.placed_at), max(o.placed_at),
       array_agg(DISTINCT o.placed_at ORDER BY o.placed_at)
FROM orders o JOIN order_items i ON i.order_id = o.id
GROUP BY o.customer_id, i.category;
--> statement-breakpoint
INSERT INTO customer_order_times (customer_id, placed, running_total)
SELECT customer_id, array_agg(placed_at ORDER BY placed_at, id), '{0}'::bigint[] || array_agg(running ORDER BY placed_at, id)
FROM (
  SELECT customer_id, id, placed_at, (sum(total) OVER (PARTITION BY customer_id ORDER BY placed_at, id))::bigint AS running
  FROM orders
) o
GROUP BY customer_id;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION customer_categories_refresh(ids int[]) RETURNS void AS $$
  DELETE FROM customer_categories WHERE customer_id = ANY (ids);
  INSERT INTO customer_categories (customer_id, category, first_at, last_at, placed)
  SELECT o.customer_id, i.category, min(o.placed_at), max(o.placed_at),
         array_agg(DISTINCT o.placed_at ORDER BY o.placed_at)
  FROM orders o JOIN order_items i ON i.order_id = o.id
  WHERE o.customer_id = ANY (ids)
  GROUP BY o.customer_id, i.category;
$$ LANGUAGE sql;
--> statement-breakpoint
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
          placed = (SELECT array_agg(DISTINCT t ORDER BY t) FROM unnest(cc.placed || excluded.placed) AS t);
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
--> statement-breakpoint
CREATE OR REPLACE FUNCTION customer_order_times_refresh(ids int[]) RETURNS void AS $$
  DELETE FROM customer_order_times WHERE customer_id = ANY (ids);
  INSERT INTO customer_order_times (customer_id, placed, running_total)
  SELECT customer_id, array_agg(placed_at ORDER BY placed_at, id), '{0}'::bigint[] || array_agg(running ORDER BY placed_at, id)
  FROM (
    SELECT customer_id, id, placed_at, (sum(total) OVER (PARTITION BY customer_id ORDER BY placed_at, id))::bigint AS running
    FROM orders WHERE customer_id = ANY (ids)
  ) o
  GROUP BY customer_id;
$$ LANGUAGE sql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION customer_order_times_orders_changed() RETURNS trigger AS $$
DECLARE
  ids int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT customer_id) INTO ids FROM new_rows;
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
CREATE OR REPLACE FUNCTION customer_order_times_truncated() RETURNS trigger AS $$
BEGIN
  TRUNCATE customer_order_times;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER customer_order_times_orders_insert AFTER INSERT ON orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_order_times_orders_changed();
--> statement-breakpoint
CREATE TRIGGER customer_order_times_orders_update AFTER UPDATE ON orders
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_order_times_orders_changed();
--> statement-breakpoint
CREATE TRIGGER customer_order_times_orders_delete AFTER DELETE ON orders
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_order_times_orders_changed();
--> statement-breakpoint
CREATE TRIGGER customer_order_times_orders_truncate AFTER TRUNCATE ON orders
  FOR EACH STATEMENT EXECUTE FUNCTION customer_order_times_truncated();
