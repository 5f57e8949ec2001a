-- Members' states (enrollments.state) are rewritten on every order a program applies and can reach
-- tens of kB for a customer with many recent orders; lz4 compresses and decompresses them 2-3x
-- faster than the default pglz. Servers built without lz4 (PGlite) keep pglz. Values already stored
-- keep their compression until they are next written.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    EXECUTE 'ALTER TABLE enrollments ALTER COLUMN state SET COMPRESSION lz4';
  END IF;
END
$$;
