import { sql } from "drizzle-orm";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";

export type PreviewProfile = "one-time buyer" | "regular" | "big spender" | "lapsed customer";

export type PreviewOrder = {
  id: number;
  customerId: number;
  placedAt: Date;
  subtotal: number;
  discount: number;
  storeId: number | null;
  channel: "online" | "offline";
  lines: { sku: string; category: string; quantity: number; unitPrice: number }[];
};

const DAY_MS = 86_400_000;

/**
 * One real customer per profile, picked from customer_features as of `asOf` (deterministically: the
 * lowest id among the most typical). A profile the business has nobody for is left out.
 * - one-time buyer: exactly one order, placed in the last 12 months;
 * - regular: at least 6 orders in the last 12 months (the one with the fewest such orders);
 * - big spender: in the top 5% by lifetime revenue, repeat and active in the last 12 months (the median
 *   of those, not the single most extreme);
 * - lapsed customer: at least 3 orders, none in the last 180 days (the most recently lapsed).
 */
export async function pickPreviewCustomers(
  db: Database,
  asOf: Date,
): Promise<{ profile: PreviewProfile; customerId: number }[]> {
  const now = instant(asOf);
  const yearAgo = instant(new Date(asOf.getTime() - 365 * DAY_MS));
  const lapsedSince = instant(new Date(asOf.getTime() - 180 * DAY_MS));
  return queryRows(
    db,
    sql`
      with f as (select * from customer_features where first_order_at is not null and first_order_at < ${now}),
      one_time as (
        select 'one-time buyer'::text as profile, customer_id from f
        where orders_count = 1 and last_order_at >= ${yearAgo} order by last_order_at desc, customer_id limit 1
      ),
      regular as (
        select 'regular'::text as profile, customer_id from orders
        where placed_at >= ${yearAgo} and placed_at < ${now}
        group by customer_id having count(*) >= 6 order by count(*), customer_id limit 1
      ),
      threshold as (select percentile_disc(0.95) within group (order by revenue) as revenue from f),
      big_candidates as (
        select f.customer_id, row_number() over (order by f.revenue, f.customer_id) as rn, count(*) over () as n
        from f, threshold t where f.revenue >= t.revenue and f.orders_count >= 2 and f.last_order_at >= ${yearAgo}
      ),
      big as (select 'big spender'::text as profile, customer_id from big_candidates where rn = (n + 1) / 2),
      lapsed as (
        select 'lapsed customer'::text as profile, customer_id from f
        where orders_count >= 3 and last_order_at < ${lapsedSince} order by last_order_at desc, customer_id limit 1
      )
      select profile, customer_id as "customerId" from one_time
      union all select profile, customer_id from regular
      union all select profile, customer_id from big
      union all select profile, customer_id from lapsed`,
  );
}

/** The customers' orders in [from, to) with their lines, oldest first, for replaying a configuration. */
export async function loadPreviewOrders(
  db: Database,
  customerIds: readonly number[],
  from: Date,
  to: Date,
): Promise<PreviewOrder[]> {
  if (customerIds.length === 0) return [];
  const ids = `{${customerIds.map((id) => Math.trunc(id)).join(",")}}`;
  const rows = await queryRows<Omit<PreviewOrder, "placedAt"> & { placedAt: string | Date }>(
    db,
    sql`
      select o.id, o.customer_id as "customerId", o.placed_at as "placedAt", o.subtotal::float8 as subtotal,
        o.discount::float8 as discount, o.store_id as "storeId", o.channel::text as channel,
        coalesce((select json_agg(json_build_object('sku', i.sku, 'category', i.category, 'quantity', i.quantity,
          'unitPrice', i.unit_price::float8) order by i.id) from order_items i where i.order_id = o.id), '[]'::json) as lines
      from orders o
      where o.customer_id = any(${ids}::int[]) and o.placed_at >= ${instant(from)} and o.placed_at < ${instant(to)}
      order by o.placed_at, o.id`,
  );
  return rows.map((r) => ({ ...r, placedAt: new Date(r.placedAt) }));
}
