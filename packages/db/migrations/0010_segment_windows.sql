CREATE TABLE "customer_categories" (
	"customer_id" integer NOT NULL,
	"category" text NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "customer_categories_pk" PRIMARY KEY("customer_id","category")
);
--> statement-breakpoint
-- Filled from the orders already there (a seeded database), before its index is built.
INSERT INTO "customer_categories" ("customer_id", "category", "first_at", "last_at")
SELECT o.customer_id, i.category, min(o.placed_at), max(o.placed_at)
FROM orders o JOIN order_items i ON i.order_id = o.id
GROUP BY o.customer_id, i.category;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customer_categories_category_last_idx" ON "customer_categories" USING btree ("category","last_at","first_at","customer_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "orders_placed_customer_idx" ON "orders" USING btree ("placed_at","customer_id","total");--> statement-breakpoint
-- customer_categories follows orders ⨝ order_items exactly, whatever writes them (ingest, import,
-- seed, tests). New order lines widen a customer's first/last purchase per category (an upsert, as
-- set-based as the insert itself); anything that can narrow them (a deleted or changed order or
-- line) recomputes the rows of the customers it touched from their orders, the same SQL as a full
-- rebuild. Statement triggers with transition tables keep bulk loads set-based.
CREATE OR REPLACE FUNCTION customer_categories_refresh(ids int[]) RETURNS void AS $$
  DELETE FROM customer_categories WHERE customer_id = ANY (ids);
  INSERT INTO customer_categories (customer_id, category, first_at, last_at)
  SELECT o.customer_id, i.category, min(o.placed_at), max(o.placed_at)
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
    INSERT INTO customer_categories AS cc (customer_id, category, first_at, last_at)
    SELECT o.customer_id, n.category, min(o.placed_at), max(o.placed_at)
    FROM new_rows n JOIN orders o ON o.id = n.order_id
    GROUP BY o.customer_id, n.category
    ON CONFLICT (customer_id, category) DO UPDATE
      SET first_at = least(cc.first_at, excluded.first_at), last_at = greatest(cc.last_at, excluded.last_at);
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
CREATE OR REPLACE FUNCTION customer_categories_orders_changed() RETURNS trigger AS $$
DECLARE
  ids int[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT customer_id) INTO ids FROM old_rows;
  ELSE
    -- Only a change of customer or instant moves a line's purchase.
    SELECT array_agg(DISTINCT v.customer_id) INTO ids
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    CROSS JOIN LATERAL (VALUES (n.customer_id), (o.customer_id)) AS v(customer_id)
    WHERE (n.customer_id, n.placed_at) IS DISTINCT FROM (o.customer_id, o.placed_at);
  END IF;
  IF ids IS NOT NULL THEN PERFORM customer_categories_refresh(ids); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION customer_categories_truncated() RETURNS trigger AS $$
BEGIN
  TRUNCATE customer_categories;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER customer_categories_items_insert AFTER INSERT ON order_items
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_categories_items_changed();
--> statement-breakpoint
CREATE TRIGGER customer_categories_items_update AFTER UPDATE ON order_items
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_categories_items_changed();
--> statement-breakpoint
CREATE TRIGGER customer_categories_items_delete AFTER DELETE ON order_items
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_categories_items_changed();
--> statement-breakpoint
CREATE TRIGGER customer_categories_orders_update AFTER UPDATE ON orders
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_categories_orders_changed();
--> statement-breakpoint
CREATE TRIGGER customer_categories_orders_delete AFTER DELETE ON orders
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_categories_orders_changed();
--> statement-breakpoint
CREATE TRIGGER customer_categories_orders_truncate AFTER TRUNCATE ON orders
  FOR EACH STATEMENT EXECUTE FUNCTION customer_categories_truncated();
--> statement-breakpoint
CREATE TRIGGER customer_categories_items_truncate AFTER TRUNCATE ON order_items
  FOR EACH STATEMENT EXECUTE FUNCTION customer_categories_truncated();
