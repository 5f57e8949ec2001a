import { sql, type SQL } from "drizzle-orm";
import type { MonthlyActivity, RevenueChurnMonth } from "@boomerang/domain/metrics";
import type { Database } from "../../client";
import { queryRows } from "../rows";
import {
  allCohortMonths,
  cacheStore,
  cardCacheable,
  fillCohortMonths,
  missingCohortMonths,
} from "./cache-span";
import { audienceFilter, businessTimezone, type RetentionAudience } from "./scope";

/**
 * Calendar months [from, to] (first days, YYYY-MM-DD) read from customer_features' month arrays:
 * element i of month_orders / month_revenue is the month i − 1 after first_order_month.
 */
const monthCells = (audience: RetentionAudience) => sql`
  select cf.customer_id, (cf.first_order_month + make_interval(months => (u.i - 1)::int))::date as month, u.n, u.r
  from customer_features cf
  cross join lateral unnest(cf.month_orders, cf.month_revenue) with ordinality as u(n, r, i)
  where cf.first_order_at is not null and ${audienceFilter(audience, sql`cf.customer_id`, sql`cf.home_store_id`)}
`;

/** Orders, revenue, buyers, average order value and frequency per month, from customer_features. */
export async function monthlyActivityFromFeatures(
  db: Database,
  from: string,
  to: string,
  audience: RetentionAudience,
  options: { cache?: boolean } = {},
): Promise<MonthlyActivity[]> {
  type Row = { month: string; orders: number; revenue: number; customers: number };
  const rows =
    cardCacheable(audience) && options.cache !== false
      ? await withActivityMonths(db, (t, timezone) =>
          queryRows<Row>(
            t,
            sql`
              select to_char(month, 'YYYY-MM-DD') as month, sum(orders)::int as orders,
                     sum(revenue)::float8 as revenue, sum(customers)::int as customers
              from retention_activity_months
              where timezone = ${timezone} and ${cacheStore(audience)}
                and month between ${from}::date and ${to}::date
              group by month having sum(customers) > 0 order by month
            `,
          ),
        )
      : await queryRows<Row>(
          db,
          sql`
            with m as (${monthCells(audience)})
            select to_char(month, 'YYYY-MM-DD') as month, sum(n)::int as orders, sum(r)::float8 as revenue, count(*)::int as customers
            from m where n > 0 and month between ${from}::date and ${to}::date
            group by month order by month
          `,
        );
  return rows.map((r) => ({
    ...r,
    averageOrderValue: r.orders > 0 ? r.revenue / r.orders : 0,
    frequency: r.customers > 0 ? r.orders / r.customers : 0,
  }));
}

/** Lost, contracted and expanded revenue of each month's previous-month buyers, from customer_features. */
export async function revenueChurnFromFeatures(
  db: Database,
  from: string,
  to: string,
  audience: RetentionAudience,
  options: { cache?: boolean } = {},
): Promise<RevenueChurnMonth[]> {
  type Row = Omit<RevenueChurnMonth, "grossChurn" | "netChurn">;
  const months = sql`
    select g::date as month from generate_series(date_trunc('month', ${from}::date), ${to}::date, interval '1 month') g
  `;
  const rows =
    cardCacheable(audience) && options.cache !== false
      ? await withActivityMonths(db, (t, timezone) =>
          queryRows<Row>(
            t,
            sql`
              with months as (${months}),
              totals as (
                select month, sum(previous_revenue) as previous, sum(lost) as lost,
                       sum(contraction) as contraction, sum(expansion) as expansion
                from retention_activity_months
                where timezone = ${timezone} and ${cacheStore(audience)}
                  and month >= date_trunc('month', ${from}::date) and month <= ${to}::date
                group by month
              )
              ${revenueChurnSelect}
            `,
          ),
        )
      : await liveRevenueChurn(db, months, from, to, audience);
  return rows.map((t) => {
    const share = (v: number) => (t.previousRevenue > 0 ? v / t.previousRevenue : 0);
    return {
      ...t,
      grossChurn: share(t.lost + t.contraction),
      netChurn: share(t.lost + t.contraction - t.expansion),
    };
  });
}

const revenueChurnSelect = sql`
  select to_char(months.month, 'YYYY-MM-DD') as month,
         coalesce(t.previous, 0)::float8 as "previousRevenue",
         coalesce(t.lost, 0)::float8 as lost,
         coalesce(t.contraction, 0)::float8 as contraction,
         coalesce(t.expansion, 0)::float8 as expansion
  from months left join totals t on t.month = months.month
  order by months.month
`;

function liveRevenueChurn(
  db: Database,
  months: SQL,
  from: string,
  to: string,
  audience: RetentionAudience,
) {
  return queryRows<Omit<RevenueChurnMonth, "grossChurn" | "netChurn">>(
    db,
    sql`
      with months as (${months}),
      -- One pass over the arrays: element i is a month with purchases (n > 0), element i + 1 the
      -- month after it (null past the array's end: nothing bought, all of it lost).
      pairs as (
        select (cf.first_order_month + make_interval(months => u.i::int))::date as month,
               u.r as before, coalesce(u.nx, 0) as now
        from customer_features cf
        cross join lateral unnest(cf.month_orders, cf.month_revenue, cf.month_revenue[2:]) with ordinality as u(n, r, nx, i)
        where u.n > 0 and cf.first_order_at is not null
          and ${audienceFilter(audience, sql`cf.customer_id`, sql`cf.home_store_id`)}
      ),
      totals as (
        select month,
               sum(before) as previous,
               sum(before) filter (where now = 0) as lost,
               sum(before - now) filter (where now > 0 and now < before) as contraction,
               sum(now - before) filter (where now > 0 and now >= before) as expansion
        from pairs
        where month >= date_trunc('month', ${from}::date) and month <= ${to}::date
        group by month
      )
      ${revenueChurnSelect}
    `,
  );
}

/**
 * Per home store, cohort month and calendar month: the cohort's orders, revenue and buyers that
 * month, and its previous month's buyers' revenue then with what of it was lost, contracted or
 * expanded this month (the rows of retention_activity_months). One pass over the month arrays,
 * grouped by array element first: element i (a month with purchases) counts in its own month and,
 * against element i + 1, in the month after it; the few groups are then spread over both months.
 */
function activityRowsSql(where: SQL): SQL {
  return sql`
    with g as (
      select coalesce(cf.home_store_id, 0) as store_id, cf.first_order_month as cohort_month, u.i,
             sum(u.n)::bigint as orders, sum(u.r)::bigint as revenue, count(*)::int as customers,
             coalesce(sum(u.r) filter (where coalesce(u.nx, 0) = 0), 0)::bigint as lost,
             coalesce(sum(u.r - u.nx) filter (where u.nx > 0 and u.nx < u.r), 0)::bigint as contraction,
             coalesce(sum(u.nx - u.r) filter (where u.nx > 0 and u.nx >= u.r), 0)::bigint as expansion
      from customer_features cf
      cross join lateral unnest(cf.month_orders, cf.month_revenue, cf.month_revenue[2:]) with ordinality as u(n, r, nx, i)
      where u.n > 0 and cf.first_order_at is not null and ${where}
      group by 1, 2, 3
    )
    select store_id, cohort_month, month, sum(orders)::bigint as orders, sum(revenue)::bigint as revenue,
           sum(customers)::int as customers, sum(previous)::bigint as previous_revenue,
           sum(lost)::bigint as lost, sum(contraction)::bigint as contraction,
           sum(expansion)::bigint as expansion
    from (
      select store_id, cohort_month, (cohort_month + make_interval(months => (i - 1)::int))::date as month,
             orders, revenue, customers, 0::bigint as previous, 0::bigint as lost,
             0::bigint as contraction, 0::bigint as expansion
      from g
      union all
      select store_id, cohort_month, (cohort_month + make_interval(months => i::int))::date,
             0, 0, 0, revenue, lost, contraction, expansion
      from g
    ) x
    group by 1, 2, 3
  `;
}

/**
 * Runs `read` (in the transaction, given the business time zone) on retention_activity_months after filling every
 * missing cohort month, in one transaction. Monthly activity and revenue churn cover every
 * customer, whatever their first purchase, so every cohort month is needed.
 */
async function withActivityMonths<T>(
  db: Database,
  read: (t: Database, timezone: string) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    const [zone] = await queryRows<{ timezone: string }>(
      t,
      sql`select ${businessTimezone} as timezone`,
    );
    const timezone = zone!.timezone;
    const key = sql`c.timezone = ${timezone}`;
    const missing = await missingCohortMonths(
      t,
      sql`retention_activity_months`,
      key,
      allCohortMonths,
    );
    await fillCohortMonths(t, missing, (months) => ({
      remove: sql`delete from retention_activity_months c where ${key} and c.cohort_month = any(${months})`,
      insert: sql`
        insert into retention_activity_months (timezone, store_id, cohort_month, month, orders,
          revenue, customers, previous_revenue, lost, contraction, expansion)
        select ${timezone}, r.store_id, r.cohort_month, r.month, r.orders, r.revenue, r.customers,
               r.previous_revenue, r.lost, r.contraction, r.expansion
        from (${activityRowsSql(sql`cf.first_order_month = any(${months})`)}) r
      `,
    }));
    return read(t, timezone);
  });
}
