import { sql } from "drizzle-orm";
import type { Database } from "../client";

const rowsOf = <T>(result: unknown): T[] =>
  // postgres.js returns an array; PGlite returns { rows }.
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/** True once a business has been set up (by a demo seed or by a real onboarding). */
export async function hasBusinessSettings(db: Database): Promise<boolean> {
  const rows = rowsOf<{ found: boolean }>(
    await db.execute(sql`select exists(select 1 from business_settings) as found`),
  );
  return rows[0]?.found === true;
}

/** True when any table the seed writes already has rows. */
export async function hasData(db: Database): Promise<boolean> {
  const rows = rowsOf<{ found: boolean }>(
    await db.execute(sql`select (
      exists(select 1 from business_settings) or exists(select 1 from stores) or exists(select 1 from users)
      or exists(select 1 from customers) or exists(select 1 from orders) or exists(select 1 from customer_events)
    ) as found`),
  );
  return rows[0]?.found === true;
}

/** Empties every table of the app's schema (not drizzle's migration journal), ids restart at 1. */
export async function truncateAll(db: Database): Promise<void> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(
      sql`select quote_ident(tablename) as name from pg_tables where schemaname = current_schema()`,
    ),
  );
  if (rows.length === 0) return;
  await db.execute(
    sql.raw(`truncate table ${rows.map((r) => r.name).join(", ")} restart identity cascade`),
  );
}

// Rows were written with explicit ids, so serials must be moved past them for later inserts.
const seededTables = [
  "stores",
  "users",
  "customers",
  "orders",
  "order_items",
  "customer_events",
  "programs",
  "program_versions",
  "enrollments",
  "ledger_entries",
  "audit_log",
] as const;

export async function syncSequences(db: Database): Promise<void> {
  for (const table of seededTables) {
    await db.execute(
      sql.raw(
        `select setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 1), max(id) is not null) from ${table}`,
      ),
    );
  }
}

export async function countRows(
  db: Database,
  table: (typeof seededTables)[number],
): Promise<number> {
  const rows = rowsOf<{ n: string | number }>(
    await db.execute(sql.raw(`select count(*)::int as n from ${table}`)),
  );
  return Number(rows[0]?.n ?? 0);
}
