import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@boomerang/db";
import { applyProgramEvents } from "../ingest/apply-programs";
import { orderEventOf, type OrderFacts } from "../ingest/order-event";
import { applyReferrals, type StoredReferral } from "../ingest/referral-events";

/** Customers per round: their new orders are read, run through the engine and written together. */
const CUSTOMERS_PER_BATCH = 2000;

type OrderRow = Omit<OrderFacts, "placedAt"> & { placedAtMs: number };

/**
 * Runs the orders an import created (import_new_orders, filled by the orders upsert) through every
 * active program their customers take part in — the same engine path as an order posted to the API
 * — customer by customer in order of placed_at, inside the import's transaction: a failure rolls
 * the whole file back. Orders the file only updated were applied when they first arrived and are
 * not applied again, so importing the same file twice never earns twice.
 */
export async function applyProgramsToImportedOrders(
  tx: Database,
  onBatch?: (customersDone: number, customersTotal: number) => void,
): Promise<{ orders: number; customers: number }> {
  const customers = await queryRows<{ id: number }>(
    tx,
    sql`select distinct o.customer_id::int as id
        from orders o join import_new_orders n on n.id = o.id
        where exists (select 1 from enrollments e join programs p on p.id = e.program_id
                      where e.customer_id = o.customer_id and p.status = 'active' and not e.is_control)
        order by 1`,
  );
  let orders = 0;
  for (let start = 0; start < customers.length; start += CUSTOMERS_PER_BATCH) {
    const ids = customers.slice(start, start + CUSTOMERS_PER_BATCH).map((c) => c.id);
    const rows = await queryRows<OrderRow>(
      tx,
      sql`select o.id::int as id, o.customer_id::int as "customerId",
                 (extract(epoch from o.placed_at) * 1000)::float8 as "placedAtMs",
                 o.subtotal::float8 as subtotal, o.discount::float8 as discount, o.channel::text as channel,
                 o.store_id::int as "storeId",
                 coalesce((select json_agg(json_build_object('sku', i.sku, 'category', i.category,
                                   'quantity', i.quantity, 'unitPrice', i.unit_price) order by i.id)
                           from order_items i where i.order_id = o.id), '[]'::json) as lines
          from orders o join import_new_orders n on n.id = o.id
          where o.customer_id = any(${`{${ids.join(",")}}`}::int[])
          order by o.customer_id, o.placed_at, o.id`,
    );
    await applyProgramEvents(
      tx,
      rows.map((row) => ({
        customerId: row.customerId,
        event: orderEventOf({ ...row, placedAt: new Date(row.placedAtMs) }),
      })),
      { outcomes: false },
    );
    orders += rows.length;
    onBatch?.(start + ids.length, customers.length);
  }
  return { orders, customers: customers.length };
}

/**
 * Runs the referral events an import created (import_new_events) through the programs of both
 * customers, in time order, inside the import's transaction. Events the file only updated were
 * applied when they first arrived.
 */
export async function applyProgramsToImportedEvents(tx: Database): Promise<{ referrals: number }> {
  const rows = await queryRows<Omit<StoredReferral, "occurredAt"> & { occurredAtMs: number }>(
    tx,
    sql`select e.id::int as id, e.customer_id::int as "customerId", c.external_id as "externalCustomerId",
               (extract(epoch from e.occurred_at) * 1000)::float8 as "occurredAtMs", e.payload
        from customer_events e
        join import_new_events n on n.id = e.id
        join customers c on c.id = e.customer_id
        where e.type = 'referral'
        order by e.occurred_at, e.id`,
  );
  if (rows.length > 0)
    await applyReferrals(
      tx,
      rows.map((r) => ({ ...r, occurredAt: new Date(r.occurredAtMs) })),
      { outcomes: false },
    );
  return { referrals: rows.length };
}
