import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../client";

/**
 * Runs raw SQL and returns its rows on either driver (postgres.js returns an array, PGlite an
 * object with `rows`). Callers cast numeric results in SQL (::int, ::float8) so both drivers give
 * JavaScript numbers.
 */
export async function queryRows<T extends Record<string, unknown>>(
  db: Database,
  query: SQL,
): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}

/** A timestamptz parameter that both drivers bind the same way. */
export const instant = (date: Date): SQL => sql`${date.toISOString()}::timestamptz`;
