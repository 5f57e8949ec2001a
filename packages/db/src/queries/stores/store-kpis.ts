import { sql } from "drizzle-orm";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";
import { cachedStoreKpis } from "./store-kpi-months";

export type StoreKpiScope = {
  /** [from, to): the period, as instants. */
  from: Date;
  to: Date;
  /** One store, or null for every store (one row each, stores without activity included). */
  storeId: number | null;
  /** Days without a purchase after which a customer counts as churned. */
  churnWindowDays: number;
  /** The request's instant: 90-day retention only counts customers whose 90 days are over. */
  now: Date;
};

export type StoreKpis = {
  storeId: number;
  revenue: number;
  orders: number;
  /** Customers with at least one order at the store in the period. */
  activeCustomers: number;
  /** Active customers whose first purchase anywhere fell in the period. */
  newCustomers: number;
  returningCustomers: number;
  /** Share of active customers with at least two purchases (anywhere) by the period's end. */
  repeatPurchaseRate: number;
  /** Of the period's new customers whose first 90 days are over, the share who bought again within them; null when none are. */
  retention90: number | null;
  averageOrderValue: number;
  /** The store's home customers whose last purchase crossed the churn window during the period. */
  churnedCustomers: number;
  /** Average revenue per active customer, over all their purchases up to the period's end month. */
  historicalClv: number;
  /** Active customers enrolled (not as control) in any program by the period's end. */
  programMembers: number;
  /** Points earned and redeemed in the period on the store's orders (or by its home customers when an entry has no order). */
  pointsIssued: number;
  pointsRedeemed: number;
  /** Points redeemed per point issued in the period; null when none were issued. */
  redemptionRate: number | null;
};

export type StoreKpiRow = {
  store_id: number;
  revenue: number;
  orders: number;
  active: number;
  new_customers: number;
  repeaters: number;
  matured: number;
  retained: number;
  churned: number;
  clv_revenue: number;
  members: number;
  issued: number;
  redeemed: number;
};

/**
 * Every KPI of the stores page for [from, to), one row per store. A whole calendar month (in the
 * business time zone) reads the store_kpi_months cache, filling it first when rows are missing;
 * any other period, or a month whose cache cannot be filled right now, is computed live.
 */
export async function storeKpis(
  db: Database,
  scope: StoreKpiScope,
  timezone: string,
): Promise<StoreKpis[]> {
  const cached = await cachedStoreKpis(db, scope, timezone);
  return cached ?? liveStoreKpis(db, scope, timezone);
}

/**
 * The same KPIs computed from the raw tables, whatever the period: the reference the month cache
 * (store-kpi-months.ts) must equal, and the answer for periods that are not one calendar month.
 */
export async function liveStoreKpis(
  db: Database,
  scope: StoreKpiScope,
  timezone: string,
): Promise<StoreKpis[]> {
  const store = scope.storeId;
  const from = instant(scope.from);
  const to = instant(scope.to);
  const now = instant(scope.now);
  const window = scope.churnWindowDays;
  const rows = await queryRows<StoreKpiRow>(
    db,
    sql`
      with period_orders as (
        select store_id, customer_id, total from orders
        where store_id is not null and placed_at >= ${from} and placed_at < ${to}
          and (${store}::int is null or store_id = ${store}::int)
      ),
      -- Count per customer first, then fetch each one's features by primary key: a store-month has
      -- a few thousand customers, far fewer than the feature table holds.
      active_ids as (
        select store_id, customer_id, count(*) as here_orders from period_orders group by store_id, customer_id
      ),
      active as (
        select a.store_id, a.customer_id, a.here_orders, f.first_order_at, f.order_days, f.first_order_month, f.month_revenue
        -- offset 0 keeps the lateral lookup per customer (primary key) instead of a hash over every row
        from active_ids a cross join lateral (
          select * from customer_features ff where ff.customer_id = a.customer_id offset 0
        ) f
      ),
      per_active as (
        select store_id, customer_id,
               first_order_at >= ${from} as is_new,
               -- bought at least twice by the period's end: an earlier purchase, two here, or a second one anywhere before the end
               (first_order_at < ${from} or here_orders >= 2
                 or (cardinality(order_days) >= 2
                     and first_order_at + make_interval(days => order_days[2]) < ${to})) as repeater,
               first_order_at >= ${from} and first_order_at + interval '90 days' <= ${now} as matured,
               first_order_at >= ${from} and cardinality(order_days) >= 2 and order_days[2] <= 90 as retained,
               (select coalesce(sum(r), 0) from unnest(month_revenue[1:
                  (extract(year from age(date_trunc('month', (${to} - interval '1 millisecond') at time zone ${timezone}),
                                         first_order_month::timestamp)) * 12
                   + extract(month from age(date_trunc('month', (${to} - interval '1 millisecond') at time zone ${timezone}),
                                            first_order_month::timestamp)))::int + 1]) r) as clv_revenue
        from active
      ),
      by_store as (
        select store_id, count(*)::int as active,
               count(*) filter (where is_new)::int as new_customers,
               count(*) filter (where repeater)::int as repeaters,
               count(*) filter (where matured)::int as matured,
               count(*) filter (where matured and retained)::int as retained,
               coalesce(sum(clv_revenue), 0)::float8 as clv_revenue,
               count(*) filter (where exists (
                 select 1 from enrollments e
                 where e.customer_id = per_active.customer_id and not e.is_control and e.enrolled_at < ${to}))::int as members
        from per_active group by store_id
      ),
      sales as (
        select store_id, count(*)::int as orders, coalesce(sum(total), 0)::float8 as revenue
        from period_orders group by store_id
      ),
      churn as (
        select home_store_id as store_id, count(*)::int as churned from customer_features
        where last_order_at >= ${from} - make_interval(days => ${window}::int)
          and last_order_at < ${to} - make_interval(days => ${window}::int)
          and home_store_id is not null
          and (${store}::int is null or home_store_id = ${store}::int)
        group by home_store_id
      ),
      points as (
        select coalesce(o.store_id, f.home_store_id) as store_id,
               coalesce(sum(l.amount) filter (where l.kind = 'earn'), 0)::float8 as issued,
               coalesce(-sum(l.amount) filter (where l.kind = 'redeem'), 0)::float8 as redeemed
        from ledger_entries l
        left join orders o on o.id = l.order_id
        left join customer_features f on f.customer_id = l.customer_id
        where l.unit = 'points' and l.kind in ('earn', 'redeem')
          and l.effective_at >= ${from} and l.effective_at < ${to}
        group by 1
      )
      select s.id as store_id,
             coalesce(sales.revenue, 0)::float8 as revenue, coalesce(sales.orders, 0)::int as orders,
             coalesce(b.active, 0)::int as active, coalesce(b.new_customers, 0)::int as new_customers,
             coalesce(b.repeaters, 0)::int as repeaters, coalesce(b.matured, 0)::int as matured,
             coalesce(b.retained, 0)::int as retained, coalesce(churn.churned, 0)::int as churned,
             coalesce(b.clv_revenue, 0)::float8 as clv_revenue, coalesce(b.members, 0)::int as members,
             coalesce(points.issued, 0)::float8 as issued, coalesce(points.redeemed, 0)::float8 as redeemed
      from stores s
      left join sales on sales.store_id = s.id
      left join by_store b on b.store_id = s.id
      left join churn on churn.store_id = s.id
      left join points on points.store_id = s.id
      where ${store}::int is null or s.id = ${store}::int
      order by s.id
    `,
  );
  return rows.map(toKpis);
}

export function toKpis(row: StoreKpiRow): StoreKpis {
  return {
    storeId: row.store_id,
    revenue: row.revenue,
    orders: row.orders,
    activeCustomers: row.active,
    newCustomers: row.new_customers,
    returningCustomers: row.active - row.new_customers,
    repeatPurchaseRate: row.active > 0 ? row.repeaters / row.active : 0,
    retention90: row.matured > 0 ? row.retained / row.matured : null,
    averageOrderValue: row.orders > 0 ? Math.round(row.revenue / row.orders) : 0,
    churnedCustomers: row.churned,
    historicalClv: row.active > 0 ? Math.round(row.clv_revenue / row.active) : 0,
    programMembers: row.members,
    pointsIssued: row.issued,
    pointsRedeemed: row.redeemed,
    redemptionRate: row.issued > 0 ? row.redeemed / row.issued : null,
  };
}
