import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@boomerang/db";
import type { ImportField } from "./columns";
import type { RowValue } from "./read-row";

export const columnName = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A temporary table holding the file's rows, typed, dropped when the import's transaction ends.
 * Checks against the database (unknown customers and stores, duplicates) and the upserts then run
 * as a few set-based statements instead of one round trip per row.
 */
export async function createStaging(tx: Database, fields: readonly ImportField[]): Promise<void> {
  const columns = fields.map((f) => `${columnName(f.key)} ${f.sqlType}`).join(", ");
  await tx.execute(sql.raw(`create temp table import_rows (line int not null, ${columns}) on commit drop`));
}

const asParam = (value: RowValue): string | null => {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  return String(value);
};

/**
 * Appends typed rows. Values travel as text and are cast in SQL (`::text::boolean`): postgres.js
 * would otherwise serialise a string parameter it infers as boolean by its own rules.
 */
export async function stageRows(tx: Database, fields: readonly ImportField[], rows: { line: number; values: RowValue[] }[]): Promise<void> {
  if (rows.length === 0) return;
  const names = sql.raw(["line", ...fields.map((f) => columnName(f.key))].join(", "));
  const tuples: SQL[] = rows.map(
    (row) => sql`(${row.line}::int, ${sql.join(row.values.map((v, i) => sql`${asParam(v)}::text::${sql.raw(fields[i]!.sqlType)}`), sql`, `)})`,
  );
  await tx.execute(sql`insert into import_rows (${names}) values ${sql.join(tuples, sql`, `)}`);
}
