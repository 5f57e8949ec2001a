import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../client";

/**
 * The order-derived columns of customer_features for the given customers (all when `customerIds`
 * is null), computed in one statement. A full rebuild and an incremental update run the very same
 * SQL, differing only in the customer filter, which is what makes them agree.
 */
function activitySelect(customerIds: number[] | null): SQL {
  const only =
    customerIds === null
      ? sql`true`
      : sql`customer_id = any(${`{${customerIds.join(",")}}`}::int[])`;
  const onlyCustomers =
    customerIds === null ? sql`true` : sql`c.id = any(${`{${customerIds.join(",")}}`}::int[])`;
  return sql`
    with tz as (
      select coalesce((select timezone from business_settings where id = 1), 'UTC') as name
    ),
    o as (
      select customer_id, id, placed_at, total, (placed_at at time zone (select name from tz)) as local_ts
      from orders where ${only}
    ),
    f as (
      select customer_id,
             min(placed_at) as first_at, max(placed_at) as last_at,
             min(local_ts) as first_local,
             count(*)::int as n, sum(total)::bigint as revenue,
             (array_agg(total order by placed_at, id))[1]::bigint as first_revenue
      from o group by customer_id
    ),
    per_order as (
      select o.customer_id, o.total,
             ((extract(year from o.local_ts) * 12 + extract(month from o.local_ts))
               - (extract(year from f.first_local) * 12 + extract(month from f.first_local)))::int as month_idx,
             ((date_trunc('week', o.local_ts)::date - date_trunc('week', f.first_local)::date) / 7)::int as week_idx,
             (o.local_ts::date - f.first_local::date)::int as day_idx
      from o join f using (customer_id)
    ),
    months as (
      select customer_id, month_idx, count(*)::int as c, sum(total)::bigint as r
      from per_order group by customer_id, month_idx
    ),
    month_arrays as (
      select m.customer_id,
             array_agg(coalesce(x.c, 0) order by g.i) as month_orders,
             array_agg(coalesce(x.r, 0)::bigint order by g.i) as month_revenue
      from (select customer_id, max(month_idx) as mx from months group by customer_id) m
      cross join lateral generate_series(0, m.mx) as g(i)
      left join months x on x.customer_id = m.customer_id and x.month_idx = g.i
      group by m.customer_id
    ),
    weeks as (
      select customer_id, week_idx, count(*)::int as c from per_order group by customer_id, week_idx
    ),
    week_arrays as (
      select w.customer_id, array_agg(coalesce(x.c, 0) order by g.i) as week_orders
      from (select customer_id, max(week_idx) as mx from weeks group by customer_id) w
      cross join lateral generate_series(0, w.mx) as g(i)
      left join weeks x on x.customer_id = w.customer_id and x.week_idx = g.i
      group by w.customer_id
    ),
    days as (
      select customer_id, array_agg(day_idx order by day_idx) as order_days from per_order group by customer_id
    ),
    cats as (
      select o.customer_id, array_agg(distinct i.category order by i.category) as categories
      from o join order_items i on i.order_id = o.id group by o.customer_id
    )
    select c.id as customer_id, c.home_store_id,
           f.first_at, f.last_at,
           date_trunc('month', f.first_local)::date as first_month,
           date_trunc('week', f.first_local)::date as first_week,
           coalesce(f.n, 0) as n, coalesce(f.revenue, 0) as revenue, coalesce(f.first_revenue, 0) as first_revenue,
           coalesce(ma.month_orders, '{}') as month_orders, coalesce(ma.month_revenue, '{}') as month_revenue,
           coalesce(wa.week_orders, '{}') as week_orders, coalesce(d.order_days, '{}') as order_days,
           coalesce(ct.categories, '{}') as categories
    from customers c
    left join f on f.customer_id = c.id
    left join month_arrays ma on ma.customer_id = c.id
    left join week_arrays wa on wa.customer_id = c.id
    left join days d on d.customer_id = c.id
    left join cats ct on ct.customer_id = c.id
    where ${onlyCustomers}
  `;
}

const insertColumns = sql`(customer_id, home_store_id, first_order_at, last_order_at, first_order_month,
  first_order_week, orders_count, revenue, first_order_revenue, month_orders, month_revenue, week_orders,
  order_days, categories, updated_at)`;

/**
 * Recomputes the order-derived features of some customers (after an order, a refund or an import),
 * or of everyone when `customerIds` is null. Scores and predictions are left as they were.
 */
export async function refreshCustomerActivity(
  db: Database,
  customerIds: number[] | null,
  now: Date,
): Promise<void> {
  if (customerIds !== null && customerIds.length === 0) return;
  const stamp = sql`${now.toISOString()}::timestamptz`;
  await db.execute(sql`
    insert into customer_features ${insertColumns}
    select s.*, ${stamp} from (${activitySelect(customerIds)}) s
    on conflict (customer_id) do update set
      home_store_id = excluded.home_store_id,
      first_order_at = excluded.first_order_at,
      last_order_at = excluded.last_order_at,
      first_order_month = excluded.first_order_month,
      first_order_week = excluded.first_order_week,
      orders_count = excluded.orders_count,
      revenue = excluded.revenue,
      first_order_revenue = excluded.first_order_revenue,
      month_orders = excluded.month_orders,
      month_revenue = excluded.month_revenue,
      week_orders = excluded.week_orders,
      order_days = excluded.order_days,
      categories = excluded.categories,
      updated_at = excluded.updated_at
  `);
}

/** Rebuilds the table from scratch (after a seed, or to repair it). */
export async function rebuildCustomerFeatures(db: Database, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from customer_features`);
    await refreshCustomerActivity(tx as unknown as Database, null, now);
  });
}
