import { sql } from "drizzle-orm";
import type { MonthlyActivity, RevenueChurnMonth } from "@boomerang/domain/metrics";
import type { Database } from "../../client";
import { queryRows } from "../rows";
import { audienceFilter, type RetentionAudience } from "./scope";

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
): Promise<MonthlyActivity[]> {
  const rows = await queryRows<{
    month: string;
    orders: number;
    revenue: number;
    customers: number;
  }>(
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
): Promise<RevenueChurnMonth[]> {
  const rows = await queryRows<Omit<RevenueChurnMonth, "grossChurn" | "netChurn">>(
    db,
    sql`
      with months as (
        select g::date as month from generate_series(date_trunc('month', ${from}::date), ${to}::date, interval '1 month') g
      ),
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
      select to_char(months.month, 'YYYY-MM-DD') as month,
             coalesce(t.previous, 0)::float8 as "previousRevenue",
             coalesce(t.lost, 0)::float8 as lost,
             coalesce(t.contraction, 0)::float8 as contraction,
             coalesce(t.expansion, 0)::float8 as expansion
      from months left join totals t on t.month = months.month
      order by months.month
    `,
  );
  return rows.map((t) => {
    const share = (v: number) => (t.previousRevenue > 0 ? v / t.previousRevenue : 0);
    return {
      ...t,
      grossChurn: share(t.lost + t.contraction),
      netChurn: share(t.lost + t.contraction - t.expansion),
    };
  });
}
