import { sql } from "drizzle-orm";
import type { OrderHistory } from "@boomerang/domain/simulation";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";

export interface OrderHistoryQuery {
  readonly from: Date;
  readonly to: Date;
  /** Target: customers whose home store this is; null for every customer. */
  readonly storeId: number | null;
  /** Add each order's distinct item categories (stamp cards, bundles need them). */
  readonly withCategories?: boolean;
}

type Row = {
  customer_id: number;
  order_id: number;
  at: number;
  amount: number;
  store_id: number | null;
  channel: string;
  categories: string[] | null;
};

/**
 * The period's orders of the target customers as the simulator's columns: one query, ordered by
 * customer then time, so each customer's orders are one slice. Amounts are the order's value
 * before discounts (the candidate program decides its own discounts).
 */
export async function loadOrderHistory(db: Database, query: OrderHistoryQuery): Promise<OrderHistory> {
  const categories = query.withCategories === true
    ? sql`(select array_agg(distinct i.category order by i.category) from order_items i where i.order_id = o.id)`
    : sql`null::text[]`;
  const target = query.storeId === null ? sql`true` : sql`c.home_store_id = ${query.storeId}`;
  const rows = await queryRows<Row>(
    db,
    sql`select o.customer_id::int as customer_id, o.id::int as order_id,
          (extract(epoch from o.placed_at) * 1000)::float8 as at, o.subtotal::float8 as amount,
          o.store_id::int as store_id, o.channel::text as channel, ${categories} as categories
        from orders o join customers c on c.id = o.customer_id
        where o.placed_at >= ${instant(query.from)} and o.placed_at < ${instant(query.to)} and ${target}
        order by o.customer_id, o.placed_at, o.id`,
  );
  const customerIds: string[] = [];
  const offsets: number[] = [];
  let last: number | null = null;
  rows.forEach((row, i) => {
    if (row.customer_id !== last) {
      last = row.customer_id;
      customerIds.push(String(row.customer_id));
      offsets.push(i);
    }
  });
  offsets.push(rows.length);
  return {
    customerIds,
    offsets,
    orderIds: rows.map((r) => String(r.order_id)),
    at: rows.map((r) => r.at),
    amount: rows.map((r) => r.amount),
    storeIds: rows.map((r) => (r.store_id === null ? null : String(r.store_id))),
    channels: rows.map((r) => r.channel),
    ...(query.withCategories === true ? { categories: rows.map((r) => r.categories ?? []) } : {}),
  };
}
