import { sql } from "drizzle-orm";
import type { SegmentNode } from "@boomerang/domain/segments";
import type { OrderHistory } from "@boomerang/domain/simulation";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";
import { segmentMemberIds } from "../segments";

export interface OrderHistoryQuery {
  readonly from: Date;
  readonly to: Date;
  /** Target: customers whose home store this is; null for every customer. */
  readonly storeId: number | null;
  /**
   * Target: only the members of this saved segment's rules, evaluated at the period's start (the
   * same compiled SQL as the segment builder); null or absent for no segment.
   */
  readonly segment?: SegmentNode | null;
  /** Add each order's distinct item categories (stamp cards, bundles need them). */
  readonly withCategories?: boolean;
}

type Row = {
  customer_id: number;
  order_ids: number[];
  ats: number[];
  amounts: number[];
  store_ids: (number | null)[];
  channels: string[];
  categories: string[] | null;
};

/**
 * The period's orders of the target customers as the simulator's columns: one query, customer by
 * customer and each customer's orders in time order, so each customer's orders are one slice. Amounts are the order's value
 * before discounts (the candidate program decides its own discounts).
 */
export async function loadOrderHistory(
  db: Database,
  query: OrderHistoryQuery,
): Promise<OrderHistory> {
  // Postgres has no ragged arrays: each order's categories travel as one string joined by the
  // ASCII unit separator, which no category name contains.
  const categories =
    query.withCategories === true
      ? sql`array_agg(coalesce((select string_agg(distinct i.category, chr(31) order by i.category) from order_items i where i.order_id = o.id), '') order by o.placed_at, o.id)`
      : sql`null::text[]`;
  const store = query.storeId === null ? sql`true` : sql`c.home_store_id = ${query.storeId}`;
  const segment =
    query.segment == null
      ? sql`true`
      : sql`o.customer_id in (${segmentMemberIds(query.segment, { now: query.from })})`;
  const target = sql`${store} and ${segment}`;
  // One row per customer with the orders as arrays: PGlite materialises rows slowly, so 11k rows
  // of arrays load several times faster than 110k rows (measured in bench/simulation.bench.ts).
  const rows = await queryRows<Row>(
    db,
    sql`select o.customer_id::int as customer_id,
          array_agg(o.id::int order by o.placed_at, o.id) as order_ids,
          array_agg((extract(epoch from o.placed_at) * 1000)::float8 order by o.placed_at, o.id) as ats,
          array_agg(o.subtotal::float8 order by o.placed_at, o.id) as amounts,
          array_agg(o.store_id::int order by o.placed_at, o.id) as store_ids,
          array_agg(o.channel::text order by o.placed_at, o.id) as channels,
          ${categories} as categories
        from orders o join customers c on c.id = o.customer_id
        where o.placed_at >= ${instant(query.from)} and o.placed_at < ${instant(query.to)} and ${target}
        group by o.customer_id
        order by o.customer_id`,
  );
  const offsets = [0];
  const orderIds: string[] = [];
  const at: number[] = [];
  const amount: number[] = [];
  const storeIds: (string | null)[] = [];
  const channels: string[] = [];
  const categoryLists: string[][] = [];
  for (const row of rows) {
    for (let i = 0; i < row.order_ids.length; i++) {
      orderIds.push(String(row.order_ids[i]));
      at.push(Number(row.ats[i]));
      amount.push(Number(row.amounts[i]));
      const store = row.store_ids[i];
      storeIds.push(store === null || store === undefined ? null : String(store));
      channels.push(row.channels[i] ?? "");
      if (query.withCategories === true) {
        const joined = row.categories?.[i] ?? "";
        categoryLists.push(joined === "" ? [] : joined.split("\u001f"));
      }
    }
    offsets.push(orderIds.length);
  }
  return {
    customerIds: rows.map((r) => String(r.customer_id)),
    offsets,
    orderIds,
    at,
    amount,
    storeIds,
    channels,
    ...(query.withCategories === true ? { categories: categoryLists } : {}),
  };
}
