import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { instant, queryRows } from "./rows";

export type OverviewScope = {
  from: Date;
  to: Date;
  /** Only this store's orders and home customers; null for the whole business. */
  storeId: number | null;
};

export type OverviewKpis = {
  customers: number;
  newCustomers: number;
  activeCustomers: number;
  orders: number;
  revenue: number;
  averageOrderValue: number;
  /** Share of the period's active customers who have bought at least twice by the period's end. */
  repeatPurchaseRate: number;
};

/** Headline figures for [from, to), aggregated in the database. */
export async function overviewKpis(db: Database, scope: OverviewScope): Promise<OverviewKpis> {
  const store = scope.storeId;
  const from = instant(scope.from);
  const to = instant(scope.to);
  const [row] = await queryRows<{
    customers: number;
    new_customers: number;
    active_customers: number;
    orders: number;
    revenue: number;
    repeaters: number;
  }>(
    db,
    sql`
      with scoped as (
        select customer_id, placed_at, total from orders
        where (${store}::int is null or store_id = ${store}::int) and placed_at < ${to}
      ),
      per_customer as (
        select customer_id,
               min(placed_at) as first_at,
               count(*) as lifetime_orders,
               count(*) filter (where placed_at >= ${from}) as period_orders
        from scoped group by customer_id
      )
      select
        (select count(*)::int from customers
          where signed_up_at < ${to}
            and (${store}::int is null or home_store_id = ${store}::int)) as customers,
        (select count(*)::int from per_customer where first_at >= ${from}) as new_customers,
        (select count(*)::int from per_customer where period_orders > 0) as active_customers,
        (select count(*)::int from scoped where placed_at >= ${from}) as orders,
        (select coalesce(sum(total), 0)::float8 from scoped where placed_at >= ${from}) as revenue,
        (select count(*)::int from per_customer where period_orders > 0 and lifetime_orders >= 2) as repeaters
    `,
  );
  if (!row) throw new Error("overview query returned no row");
  return {
    customers: row.customers,
    newCustomers: row.new_customers,
    activeCustomers: row.active_customers,
    orders: row.orders,
    revenue: row.revenue,
    averageOrderValue: row.orders > 0 ? Math.round(row.revenue / row.orders) : 0,
    repeatPurchaseRate: row.active_customers > 0 ? row.repeaters / row.active_customers : 0,
  };
}

export type MonthlyRevenueSplit = {
  /** First day of the month in the business time zone, as YYYY-MM-DD. */
  month: string;
  newRevenue: number;
  returningRevenue: number;
  newCustomers: number;
  returningCustomers: number;
};

/**
 * Revenue per month from customers' first orders (new) and from their later orders (returning).
 * "First" is the customer's first order anywhere, so a returning customer stays returning in a new store.
 */
export async function monthlyRevenueSplit(
  db: Database,
  scope: OverviewScope & { timezone: string },
): Promise<MonthlyRevenueSplit[]> {
  const store = scope.storeId;
  const from = instant(scope.from);
  const to = instant(scope.to);
  return queryRows<MonthlyRevenueSplit>(
    db,
    sql`
      with firsts as (
        select customer_id, min(placed_at) as first_at from orders
        where placed_at < ${to} group by customer_id
      )
      select to_char(date_trunc('month', o.placed_at at time zone ${scope.timezone}), 'YYYY-MM-DD') as "month",
             coalesce(sum(o.total) filter (where o.placed_at = f.first_at), 0)::float8 as "newRevenue",
             coalesce(sum(o.total) filter (where o.placed_at > f.first_at), 0)::float8 as "returningRevenue",
             count(distinct o.customer_id) filter (where o.placed_at = f.first_at)::int as "newCustomers",
             count(distinct o.customer_id) filter (where o.placed_at > f.first_at)::int as "returningCustomers"
      from orders o join firsts f on f.customer_id = o.customer_id
      where o.placed_at >= ${from} and o.placed_at < ${to}
        and (${store}::int is null or o.store_id = ${store}::int)
      group by 1 order by 1
    `,
  );
}
