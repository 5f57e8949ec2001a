ALTER TABLE "order_items" DROP CONSTRAINT "order_items_order_id_orders_id_fk";
--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_customer_id_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_store_id_stores_id_fk";
--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_program_id_programs_id_fk";
--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_customer_id_customers_id_fk";
--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_order_id_orders_id_fk";
--> statement-breakpoint
-- The six foreign keys of the three bulk tables (orders, order_items, ledger_entries) are checked
-- by statement triggers instead. PostgreSQL 15 checks a foreign key with one query and one row lock
-- per inserted row; an import of 100,000 rows spent 36% of its database time there. These triggers
-- do the same work once per statement over the transition table, and keep everything the
-- application could see: the same integrity, SQLSTATE, constraint names, messages and details, the
-- same cascades, and the same KEY SHARE lock on each referenced parent row (so a concurrent delete
-- of the parent waits for the writer, or the writer fails). Every other foreign key stays native.
--
-- Child side: after an INSERT or UPDATE (ledger_entries refuses updates), lock the distinct
-- referenced parent rows in id order, as the native check does row by row, and refuse the statement
-- if one referenced key has no parent. NULL keys are not checked; an UPDATE checks only the keys it
-- changed. Arguments: the key column, the parent table, the constraint's name.
CREATE OR REPLACE FUNCTION fk_check_references() RETURNS trigger AS $$
DECLARE
  col text := TG_ARGV[0];
  parent text := format('%I.%I', TG_TABLE_SCHEMA, TG_ARGV[1]);
  refs text;
  wanted bigint;
  locked bigint;
  missing text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    refs := format('SELECT n.%1$I AS k FROM new_rows n WHERE n.%1$I IS NOT NULL', col);
  ELSE
    refs := format(
      'SELECT n.%1$I AS k FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id
       WHERE n.%1$I IS NOT NULL AND (o.id IS NULL OR n.%1$I IS DISTINCT FROM o.%1$I)', col);
  END IF;
  LOOP
    -- Each statement of a VOLATILE function takes a fresh snapshot (READ COMMITTED): a parent row
    -- deleted by a transaction this one waited for is not locked, so it counts as missing.
    -- The keys as one sorted array: an index (bitmap) scan of the parent finds them in one pass.
    EXECUTE format(
      'WITH r AS MATERIALIZED (SELECT ARRAY(SELECT DISTINCT r.k FROM (%s) r ORDER BY 1) AS keys)
       SELECT cardinality(r.keys),
              (SELECT count(*) FROM (SELECT 1 FROM %s p WHERE p.id = ANY (r.keys)
                                     ORDER BY p.id FOR KEY SHARE OF p) l)
       FROM r', refs, parent)
      INTO wanted, locked;
    IF locked = wanted THEN RETURN NULL; END IF;
    -- The first referencing row (in statement order) whose parent is missing, as the native check
    -- would report it.
    EXECUTE format('SELECT r.k::text FROM (%s) r WHERE NOT EXISTS (SELECT 1 FROM %s p WHERE p.id = r.k) LIMIT 1',
      refs, parent) INTO missing;
    IF missing IS NOT NULL THEN
      RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', TG_TABLE_NAME, TG_ARGV[2]
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_ARGV[2], TABLE = TG_TABLE_NAME,
              SCHEMA = TG_TABLE_SCHEMA,
              DETAIL = format('Key (%s)=(%s) is not present in table "%s".', col, missing, TG_ARGV[1]);
    END IF;
    -- A parent committed between the two statements: lock again, now that it is visible.
  END LOOP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Named with a leading underscore so they fire before the tables' other statement triggers (name
-- order), as the native checks (row triggers) did.
CREATE TRIGGER _fk_orders_customer_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fk_check_references('customer_id', 'customers', 'orders_customer_id_customers_id_fk');
--> statement-breakpoint
CREATE TRIGGER _fk_orders_customer_update AFTER UPDATE ON orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fk_check_references('customer_id', 'customers', 'orders_customer_id_customers_id_fk');
--> statement-breakpoint
CREATE TRIGGER _fk_orders_store_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fk_check_references('store_id', 'stores', 'orders_store_id_stores_id_fk');
--> statement-breakpoint
CREATE TRIGGER _fk_orders_store_update AFTER UPDATE ON orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fk_check_references('store_id', 'stores', 'orders_store_id_stores_id_fk');
--> statement-breakpoint
CREATE TRIGGER _fk_order_items_order_insert AFTER INSERT ON order_items REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fk_check_references('order_id', 'orders', 'order_items_order_id_orders_id_fk');
--> statement-breakpoint
CREATE TRIGGER _fk_order_items_order_update AFTER UPDATE ON order_items REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fk_check_references('order_id', 'orders', 'order_items_order_id_orders_id_fk');
--> statement-breakpoint
CREATE TRIGGER _fk_ledger_entries_customer_insert AFTER INSERT ON ledger_entries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fk_check_references('customer_id', 'customers', 'ledger_entries_customer_id_customers_id_fk');
--> statement-breakpoint
CREATE TRIGGER _fk_ledger_entries_order_insert AFTER INSERT ON ledger_entries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fk_check_references('order_id', 'orders', 'ledger_entries_order_id_orders_id_fk');
--> statement-breakpoint
CREATE TRIGGER _fk_ledger_entries_program_insert AFTER INSERT ON ledger_entries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fk_check_references('program_id', 'programs', 'ledger_entries_program_id_programs_id_fk');
--> statement-breakpoint
-- Parent side, after a DELETE: refuse it if a child row still references a deleted row (restrict),
-- or delete the children (cascade), or clear their key (set null), in one statement each. A
-- RESTRICT refusal is 23001 with its own wording from PostgreSQL 18 on (PGlite), 23503 before, as
-- the native check reports it. Arguments: the child table, its key column, the constraint's name,
-- the action.
CREATE OR REPLACE FUNCTION fk_parent_deleted() RETURNS trigger AS $$
DECLARE
  child text := format('%I.%I', TG_TABLE_SCHEMA, TG_ARGV[0]);
  col text := TG_ARGV[1];
  still text;
BEGIN
  IF TG_ARGV[3] = 'cascade' THEN
    EXECUTE format('DELETE FROM %s c WHERE c.%I IN (SELECT id FROM old_rows)', child, col);
  ELSIF TG_ARGV[3] = 'set null' THEN
    EXECUTE format('UPDATE %s c SET %2$I = NULL WHERE c.%2$I IN (SELECT id FROM old_rows)', child, col);
  ELSE
    -- No LIMIT: with one, the planner may rescan an unindexed child (ledger_entries.order_id) once
    -- per deleted row; INTO still stops at the first row found.
    EXECUTE format('SELECT o.id::text FROM old_rows o WHERE o.id IN (SELECT c.%I FROM %s c)', col, child)
      INTO still;
    IF still IS NULL THEN RETURN NULL; END IF;
    IF current_setting('server_version_num')::int >= 180000 THEN
      RAISE EXCEPTION 'update or delete on table "%" violates RESTRICT setting of foreign key constraint "%" on table "%"',
          TG_TABLE_NAME, TG_ARGV[2], TG_ARGV[0]
        USING ERRCODE = 'restrict_violation', CONSTRAINT = TG_ARGV[2], TABLE = TG_ARGV[0], SCHEMA = TG_TABLE_SCHEMA,
              DETAIL = format('Key (id)=(%s) is referenced from table "%s".', still, TG_ARGV[0]);
    END IF;
    RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "%"',
        TG_TABLE_NAME, TG_ARGV[2], TG_ARGV[0]
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_ARGV[2], TABLE = TG_ARGV[0], SCHEMA = TG_TABLE_SCHEMA,
            DETAIL = format('Key (id)=(%s) is still referenced from table "%s".', still, TG_ARGV[0]);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Restrict checks are named to fire before cascades (l < o), as the brief order of the old keys.
CREATE TRIGGER _fk_ledger_entries_customer_delete AFTER DELETE ON customers REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fk_parent_deleted('ledger_entries', 'customer_id', 'ledger_entries_customer_id_customers_id_fk', 'restrict');
--> statement-breakpoint
CREATE TRIGGER _fk_orders_customer_delete AFTER DELETE ON customers REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fk_parent_deleted('orders', 'customer_id', 'orders_customer_id_customers_id_fk', 'cascade');
--> statement-breakpoint
CREATE TRIGGER _fk_orders_store_delete AFTER DELETE ON stores REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fk_parent_deleted('orders', 'store_id', 'orders_store_id_stores_id_fk', 'set null');
--> statement-breakpoint
CREATE TRIGGER _fk_ledger_entries_order_delete AFTER DELETE ON orders REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fk_parent_deleted('ledger_entries', 'order_id', 'ledger_entries_order_id_orders_id_fk', 'restrict');
--> statement-breakpoint
CREATE TRIGGER _fk_order_items_order_delete AFTER DELETE ON orders REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fk_parent_deleted('order_items', 'order_id', 'order_items_order_id_orders_id_fk', 'cascade');
--> statement-breakpoint
CREATE TRIGGER _fk_ledger_entries_program_delete AFTER DELETE ON programs REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fk_parent_deleted('ledger_entries', 'program_id', 'ledger_entries_program_id_programs_id_fk', 'restrict');
--> statement-breakpoint
-- A referenced parent key cannot change (ON UPDATE NO ACTION), unless another row of the same
-- statement took the old key. Key changes are rare: a row trigger on UPDATE OF id whose WHEN clause
-- costs nothing to other updates. Arguments: the child table, its key column, the constraint's name.
CREATE OR REPLACE FUNCTION fk_parent_key_changed() RETURNS trigger AS $$
DECLARE
  referenced boolean;
BEGIN
  EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM %1$I.%2$I WHERE id = $1)
                    AND EXISTS (SELECT 1 FROM %1$I.%3$I c WHERE c.%4$I = $1)',
    TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_ARGV[0], TG_ARGV[1]) INTO referenced USING OLD.id;
  IF referenced THEN
    RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "%" on table "%"',
        TG_TABLE_NAME, TG_ARGV[2], TG_ARGV[0]
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_ARGV[2], TABLE = TG_ARGV[0], SCHEMA = TG_TABLE_SCHEMA,
            DETAIL = format('Key (id)=(%s) is still referenced from table "%s".', OLD.id, TG_ARGV[0]);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER _fk_ledger_entries_customer_key AFTER UPDATE OF id ON customers
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION fk_parent_key_changed('ledger_entries', 'customer_id', 'ledger_entries_customer_id_customers_id_fk');
--> statement-breakpoint
CREATE TRIGGER _fk_orders_customer_key AFTER UPDATE OF id ON customers
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION fk_parent_key_changed('orders', 'customer_id', 'orders_customer_id_customers_id_fk');
--> statement-breakpoint
CREATE TRIGGER _fk_orders_store_key AFTER UPDATE OF id ON stores
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION fk_parent_key_changed('orders', 'store_id', 'orders_store_id_stores_id_fk');
--> statement-breakpoint
CREATE TRIGGER _fk_ledger_entries_order_key AFTER UPDATE OF id ON orders
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION fk_parent_key_changed('ledger_entries', 'order_id', 'ledger_entries_order_id_orders_id_fk');
--> statement-breakpoint
CREATE TRIGGER _fk_order_items_order_key AFTER UPDATE OF id ON orders
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION fk_parent_key_changed('order_items', 'order_id', 'order_items_order_id_orders_id_fk');
--> statement-breakpoint
CREATE TRIGGER _fk_ledger_entries_program_key AFTER UPDATE OF id ON programs
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION fk_parent_key_changed('ledger_entries', 'program_id', 'ledger_entries_program_id_programs_id_fk');
--> statement-breakpoint
-- TRUNCATE … CASCADE follows native foreign keys only, so a truncated parent now empties these
-- children itself, with CASCADE for their own native children (order_refunds, …) and RESTART
-- IDENTITY when the parent's ids were restarted (its serial reads as never used). stores empties
-- orders rather than clearing their store: a truncate never ran ON DELETE actions, and with the
-- native key `truncate stores cascade` emptied orders (customers, which reference stores natively,
-- empty them anyway). A table that the same TRUNCATE already names cannot be truncated again from a
-- trigger ("in use by active queries", as in 0017): it is then being emptied, and DELETE finds it
-- empty. Arguments: the child tables.
CREATE OR REPLACE FUNCTION fk_parent_truncated() RETURNS trigger AS $$
DECLARE
  seq text := pg_get_serial_sequence(format('%I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME), 'id');
  restart boolean;
  child text;
BEGIN
  EXECUTE format('SELECT NOT is_called FROM %s', seq) INTO restart;
  FOREACH child IN ARRAY TG_ARGV LOOP
    BEGIN
      EXECUTE format('TRUNCATE %I.%I %s CASCADE', TG_TABLE_SCHEMA, child,
        CASE WHEN restart THEN 'RESTART IDENTITY' ELSE '' END);
    EXCEPTION WHEN object_in_use THEN
      EXECUTE format('DELETE FROM %I.%I', TG_TABLE_SCHEMA, child);
    END;
  END LOOP;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER _fk_customers_truncate AFTER TRUNCATE ON customers
  FOR EACH STATEMENT EXECUTE FUNCTION fk_parent_truncated('orders', 'ledger_entries');
--> statement-breakpoint
CREATE TRIGGER _fk_orders_truncate AFTER TRUNCATE ON orders
  FOR EACH STATEMENT EXECUTE FUNCTION fk_parent_truncated('order_items', 'ledger_entries');
--> statement-breakpoint
CREATE TRIGGER _fk_programs_truncate AFTER TRUNCATE ON programs
  FOR EACH STATEMENT EXECUTE FUNCTION fk_parent_truncated('ledger_entries');
--> statement-breakpoint
CREATE TRIGGER _fk_stores_truncate AFTER TRUNCATE ON stores
  FOR EACH STATEMENT EXECUTE FUNCTION fk_parent_truncated('orders');
