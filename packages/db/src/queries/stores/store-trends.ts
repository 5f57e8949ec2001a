import { sql } from "drizzle-orm";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";

export type StoreMonth = {
  storeId: number;
  /** First day of the month in the business time zone, as YYYY-MM-DD. */
  month: string;
  revenue: number;
  orders: number;
  activeCustomers: number;
};

/**
 * Revenue, orders and active customers per store and calendar month over [from, to), for sparklines
 * and trend charts. Months without orders are absent: callers lay the series on their own calendar.
 * Whole months come from the store_kpi_months cache when it holds them for every store in scope;
 * the partial months at either end (and everything, when the cache is incomplete) from the orders.
 */
export async function storeMonthlyTrends(
  db: Database,
  scope: { from: Date; to: Date; storeId: number | null; timezone: string },
): Promise<StoreMonth[]> {
  const store = scope.storeId;
  const tz = scope.timezone;
  const from = instant(scope.from);
  const to = instant(scope.to);
  const [cover] = await queryRows<{ lo: string | null; hi: string | null; complete: boolean }>(
    db,
    sql`
      with months as (
        select m::date as month, m::timestamp at time zone ${tz} as start,
               (m + interval '1 month')::timestamp at time zone ${tz} as stop
        from generate_series(date_trunc('month', ${from} at time zone ${tz}),
                             date_trunc('month', (${to} - interval '1 millisecond') at time zone ${tz}),
                             interval '1 month') m
      ),
      whole as (select * from months where start >= ${from} and stop <= ${to}),
      expected as (select count(*) as n from stores where ${store}::int is null or id = ${store}::int),
      held as (
        select w.month, count(k.store_id) as n from whole w
        left join store_kpi_months k on k.month = w.month and k.timezone = ${tz}
          and (${store}::int is null or k.store_id = ${store}::int)
        group by w.month
      )
      select to_json(min(w.start))#>>'{}' as lo, to_json(max(w.stop))#>>'{}' as hi,
             coalesce(bool_and(h.n = (select n from expected)), false) as complete
      from whole w join held h on h.month = w.month
    `,
  );
  if (!cover?.complete || cover.lo === null || cover.hi === null) {
    return liveMonthlyTrends(db, scope);
  }
  const lo = instant(new Date(cover.lo));
  const hi = instant(new Date(cover.hi));
  return queryRows<StoreMonth>(
    db,
    sql`
      select store_id as "storeId", to_char(month, 'YYYY-MM-DD') as "month",
             revenue::float8 as "revenue", orders as "orders", active_customers as "activeCustomers"
      from store_kpi_months
      where timezone = ${tz} and month >= store_kpi_month(${lo}, ${tz}) and month < store_kpi_month(${hi}, ${tz})
        and orders > 0 and (${store}::int is null or store_id = ${store}::int)
      union all
      select store_id, to_char(date_trunc('month', placed_at at time zone ${tz}), 'YYYY-MM-DD'),
             coalesce(sum(total), 0)::float8, count(*)::int, count(distinct customer_id)::int
      from orders
      where store_id is not null
        and ((placed_at >= ${from} and placed_at < ${lo}) or (placed_at >= ${hi} and placed_at < ${to}))
        and (${store}::int is null or store_id = ${store}::int)
      group by 1, 2
      order by 1, 2
    `,
  );
}

/** The same figures from the orders alone. */
export async function liveMonthlyTrends(
  db: Database,
  scope: { from: Date; to: Date; storeId: number | null; timezone: string },
): Promise<StoreMonth[]> {
  const store = scope.storeId;
  return queryRows<StoreMonth>(
    db,
    sql`
      select store_id as "storeId",
             to_char(date_trunc('month', placed_at at time zone ${scope.timezone}), 'YYYY-MM-DD') as "month",
             coalesce(sum(total), 0)::float8 as "revenue",
             count(*)::int as "orders",
             count(distinct customer_id)::int as "activeCustomers"
      from orders
      where store_id is not null and placed_at >= ${instant(scope.from)} and placed_at < ${instant(scope.to)}
        and (${store}::int is null or store_id = ${store}::int)
      group by 1, 2 order by 1, 2
    `,
  );
}

export type StoreCohort = {
  /** First day of the cohort's first-purchase month, as YYYY-MM-DD. */
  month: string;
  customers: number;
  /** active[k]: customers of the cohort who bought (anywhere) k months after their first month; k = 0 is the first month. */
  active: number[];
};

/**
 * Monthly cohorts of the store's home customers by first purchase, from `fromMonth` to `toMonth`
 * (first days of months), with how many of each bought again in each later month up to `months`.
 */
export async function storeCohorts(
  db: Database,
  scope: { storeId: number; fromMonth: string; toMonth: string; months: number },
): Promise<StoreCohort[]> {
  return queryRows<StoreCohort>(
    db,
    sql`
      with cohort as (
        select first_order_month, month_orders from customer_features
        where home_store_id = ${scope.storeId}::int
          and first_order_month >= ${scope.fromMonth}::date and first_order_month <= ${scope.toMonth}::date
      ),
      cells as (
        select first_order_month, k, count(*)::int as size,
               count(*) filter (where coalesce(month_orders[k + 1], 0) > 0)::int as active
        from cohort cross join generate_series(0, ${scope.months - 1}::int) as k
        group by first_order_month, k
      )
      select to_char(first_order_month, 'YYYY-MM-DD') as "month", max(size)::int as "customers",
             array_agg(active order by k) as "active"
      from cells group by first_order_month order by first_order_month
    `,
  );
}
