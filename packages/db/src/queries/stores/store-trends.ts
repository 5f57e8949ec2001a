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
 */
export async function storeMonthlyTrends(
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
