-- 1. Writers of one customer's segment window rows (customer_categories, customer_order_times) wait
-- for each other by locking that customer's row, instead of 0014's 256 advisory buckets of
-- customer ids: an import touching a few hundred customers held every bucket until it committed, so
-- every API order of any customer waited minutes for it. FOR NO KEY UPDATE does not conflict with
-- the KEY SHARE locks that inserting an order takes on its customer, so only writers of the same
-- customers wait; rows are locked in id order, in one statement.
CREATE OR REPLACE FUNCTION segment_windows_lock(ids int[]) RETURNS void AS $$
  SELECT count(*)::int * 0
  FROM (SELECT 1 FROM customers WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE) x;
$$ LANGUAGE sql;
--> statement-breakpoint
-- 2. customer_features.home_store_id mirrors customers.home_store_id, which per-store retention and
-- its caches, store-filtered segments and store managers' pages read. It was only copied when the
-- customer's order features were refreshed, so a customer moved to another store (an upsert through
-- the API or a customers import) stayed in the old store's figures until their next order. Copying
-- it on every change also fires customer_features' own triggers, which forget the retention and
-- store-KPI caches of both stores.
CREATE OR REPLACE FUNCTION customer_home_store_follow() RETURNS trigger AS $$
BEGIN
  UPDATE customer_features SET home_store_id = NEW.home_store_id
  WHERE customer_id = NEW.id AND home_store_id IS DISTINCT FROM NEW.home_store_id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER customer_home_store_follow AFTER UPDATE OF home_store_id ON customers
  FOR EACH ROW WHEN (OLD.home_store_id IS DISTINCT FROM NEW.home_store_id)
  EXECUTE FUNCTION customer_home_store_follow();
--> statement-breakpoint
-- Customers moved before this migration.
UPDATE customer_features cf SET home_store_id = c.home_store_id
FROM customers c
WHERE c.id = cf.customer_id AND cf.home_store_id IS DISTINCT FROM c.home_store_id;
