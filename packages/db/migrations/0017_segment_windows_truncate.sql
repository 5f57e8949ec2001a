-- A TRUNCATE that names orders together with customer_categories or customer_order_times (a reset
-- truncating every table) cannot truncate them again from its trigger ("in use by active queries"):
-- they are then already being emptied, so the trigger empties them with DELETE instead.
CREATE OR REPLACE FUNCTION customer_categories_truncated() RETURNS trigger AS $$
BEGIN
  BEGIN
    TRUNCATE customer_categories;
  EXCEPTION WHEN object_in_use THEN
    DELETE FROM customer_categories;
  END;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION customer_order_times_truncated() RETURNS trigger AS $$
BEGIN
  BEGIN
    TRUNCATE customer_order_times;
  EXCEPTION WHEN object_in_use THEN
    DELETE FROM customer_order_times;
  END;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
