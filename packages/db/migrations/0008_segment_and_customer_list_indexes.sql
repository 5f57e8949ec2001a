CREATE INDEX IF NOT EXISTS "customers_birth_date_idx" ON "customers" USING btree ("birth_date");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customers_city_birth_idx" ON "customers" USING btree ("city","birth_date");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customers_phone_idx" ON "customers" USING btree ("phone");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customer_features_revenue_idx" ON "customer_features" USING btree ("revenue","last_order_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customer_features_orders_count_idx" ON "customer_features" USING btree ("orders_count");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "customer_features_expected_revenue_idx" ON "customer_features" USING btree ("expected_revenue_12m");--> statement-breakpoint
-- The customers list's "name or email contains" search: trigram GIN indexes where pg_trgm exists
-- (PostgreSQL with contrib). PGlite does not load the extension, so there the block only notes it
-- and the search scans, which is fast at demo size. Not in the Drizzle schema: it cannot say "if the
-- extension exists".
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX IF NOT EXISTS customers_name_trgm_idx ON customers USING gin (name gin_trgm_ops);
  CREATE INDEX IF NOT EXISTS customers_email_trgm_idx ON customers USING gin (email gin_trgm_ops);
EXCEPTION WHEN others THEN
  RAISE NOTICE 'pg_trgm is not available (%): customer search by name or email will scan', SQLERRM;
END
$$;
