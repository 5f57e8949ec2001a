import { sql } from "drizzle-orm";
import type { Database } from "@boomerang/db";
import type { ImportField } from "./columns";
import { copyClient, copyRow, CopyStream } from "./copy";
import type { RowValue } from "./read-row";

export const columnName = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A temporary table holding the file's rows, typed, dropped when the import's transaction ends.
 * Checks against the database (unknown customers and stores, duplicates) and the upserts then run
 * as a few set-based statements instead of one round trip per row.
 */
export async function createStaging(tx: Database, fields: readonly ImportField[]): Promise<void> {
  const columns = fields.map((f) => `${columnName(f.key)} ${f.sqlType}`).join(", ");
  await tx.execute(
    sql.raw(`create temp table import_rows (line int not null, ${columns}) on commit drop`),
  );
}

const asJson = (value: RowValue): string | number | boolean | null =>
  value instanceof Date ? value.toISOString() : value;

/**
 * Appends typed rows as one JSON parameter per batch, expanded by json_populate_recordset into the
 * staging columns' types: one parameter instead of one per cell keeps building and sending the
 * statement cheap, and booleans, numbers and instants are read by PostgreSQL itself.
 */
export async function stageRows(
  tx: Database,
  fields: readonly ImportField[],
  rows: { line: number; values: RowValue[] }[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = fields.map((f) => columnName(f.key));
  const records = rows.map((row) => {
    const record: Record<string, string | number | boolean | null> = { line: row.line };
    row.values.forEach((v, i) => (record[names[i]!] = asJson(v)));
    return record;
  });
  await tx.execute(
    sql`insert into import_rows select * from json_populate_recordset(null::import_rows, ${JSON.stringify(records)}::json)`,
  );
}

/**
 * Stages the file's rows as they are read. On PostgreSQL one COPY stream stays open for the whole
 * file (opened at the first rows, ended by `finish`), so staging costs the server no statement per
 * batch; on PGlite each batch is one JSON statement (`stageRows`).
 */
export class StagingWriter {
  private copy: CopyStream | null = null;
  private readonly client;
  private readonly columns: string;
  constructor(
    private readonly tx: Database,
    private readonly fields: readonly ImportField[],
  ) {
    this.client = copyClient(tx);
    this.columns = ["line", ...fields.map((f) => columnName(f.key))].join(", ");
  }

  async add(rows: { line: number; values: RowValue[] }[]): Promise<void> {
    if (rows.length === 0) return;
    if (this.client === null) return stageRows(this.tx, this.fields, rows);
    this.copy ??= await CopyStream.open(
      this.client,
      `copy import_rows (${this.columns}) from stdin`,
    );
    const lines: string[] = [];
    for (const row of rows) lines.push(copyRow(row.line, row.values));
    await this.copy.write(lines.join(""));
  }

  /** Ends the COPY, if one is open: the rows are then in the table. */
  async finish(): Promise<void> {
    const copy = this.copy;
    this.copy = null;
    await copy?.end();
  }
}
