import {
  customerEventsCopy,
  customersCopy,
  enrollmentsCopy,
  ledgerEntriesCopy,
  orderItemsCopy,
  ordersCopy,
  type CopyTable,
} from "./copy-format";
import type { CustomerBundle } from "./rows";

const BLOCK_CHARS = 1 << 20;

/** COPY text lines of one table, joined into ~1 MB blocks as they come. */
export class CopyLines<Row> {
  private blocks: string[] = [];
  private current: string[] = [];
  private chars = 0;
  constructor(readonly format: CopyTable<Row>) {}
  add(row: Row): void {
    const line = this.format.line(row);
    this.current.push(line);
    this.chars += line.length;
    if (this.chars >= BLOCK_CHARS) this.seal();
  }
  seal(): string[] {
    if (this.current.length > 0) this.blocks.push(this.current.join(""));
    this.current = [];
    this.chars = 0;
    return this.blocks;
  }
}

/** A chunk of customers as COPY text, tables in foreign-key order. */
export class CopyChunk {
  readonly tables = [
    new CopyLines(customersCopy),
    new CopyLines(ordersCopy),
    new CopyLines(orderItemsCopy),
    new CopyLines(customerEventsCopy),
    new CopyLines(enrollmentsCopy),
    new CopyLines(ledgerEntriesCopy),
  ] as const;
  customers = 0;

  add(bundle: CustomerBundle): void {
    const [customers, orders, items, events, enrollments, ledger] = this.tables;
    customers.add(bundle.customer);
    for (const o of bundle.orders) orders.add(o);
    for (const i of bundle.items) items.add(i);
    for (const e of bundle.events) events.add(e);
    for (const e of bundle.enrollments) enrollments.add(e);
    for (const l of bundle.ledger) ledger.add(l);
    this.customers++;
  }

  /** Each table's statement and data, skipping tables with no rows in this chunk. */
  parts(source: string): { statement: string; blocks: string[] }[] {
    return this.tables
      .map((t) => ({
        statement: `copy ${t.format.table} (${t.format.columns.join(", ")}) from ${source}`,
        blocks: t.seal(),
      }))
      .filter((p) => p.blocks.length > 0);
  }
}
