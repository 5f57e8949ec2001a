import type { Database } from "../client";
import {
  customerEvents,
  customers,
  enrollments,
  ledgerEntries,
  orderItems,
  orders,
} from "../schema";
import {
  customerEventValues,
  customerValues,
  enrollmentValues,
  ledgerEntryValues,
  orderItemValues,
  orderValues,
} from "./insert-rows";
import { BundleBuffer, type RowSink } from "./sink";

// PostgreSQL allows 65,535 bind parameters per statement; stay below it for the widest table.
const MAX_PARAMS = 60_000;

async function insertChunked<Row, Values extends Record<string, unknown>>(
  rows: readonly Row[],
  toValues: (row: Row) => Values,
  insert: (values: Values[]) => Promise<unknown>,
): Promise<void> {
  if (rows.length === 0) return;
  const width = Object.keys(toValues(rows[0]!)).length;
  const size = Math.max(1, Math.floor(MAX_PARAMS / width));
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size).map(toValues));
}

/**
 * Multi-row INSERTs, one transaction per batch of customers with everything they own, so the
 * foreign keys always point at committed rows. Works on both drivers; used for PGlite.
 */
export function insertSink(db: Database, batchRows = 40_000): RowSink {
  const buffer = new BundleBuffer();
  const flush = async (): Promise<void> => {
    const batch = buffer.take();
    await db.transaction(async (tx) => {
      await insertChunked(batch.customers, customerValues, (v) => tx.insert(customers).values(v));
      await insertChunked(batch.orders, orderValues, (v) => tx.insert(orders).values(v));
      await insertChunked(batch.items, orderItemValues, (v) => tx.insert(orderItems).values(v));
      await insertChunked(batch.events, customerEventValues, (v) =>
        tx.insert(customerEvents).values(v),
      );
      await insertChunked(batch.enrollments, enrollmentValues, (v) =>
        tx.insert(enrollments).values(v),
      );
      await insertChunked(batch.ledger, ledgerEntryValues, (v) =>
        tx.insert(ledgerEntries).values(v),
      );
    });
  };
  return {
    async write(bundle) {
      buffer.add(bundle);
      if (buffer.rows >= batchRows) await flush();
    },
    async finish() {
      if (buffer.rows > 0) await flush();
    },
  };
}
