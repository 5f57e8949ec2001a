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
      with m as (${monthCells(audience)}),
      months as (
        select g::date as month from generate_series(date_trunc('month', ${from}::date), ${to}::date, interval '1 month') g
      ),
      pairs as (
        select months.month, prev.r as before, coalesce(cur.r, 0) as now
        from months
        join m prev on prev.month = (months.month - interval '1 month')::date and prev.n > 0
        left join m cur on cur.customer_id = prev.customer_id and cur.month = months.month
      )
      select to_char(months.month, 'YYYY-MM-DD') as month,
             coalesce(sum(p.before), 0)::float8 as "previousRevenue",
             coalesce(sum(p.before) filter (where p.now = 0), 0)::float8 as lost,
             coalesce(sum(p.before - p.now) filter (where p.now > 0 and p.now < p.before), 0)::float8 as contraction,
             coalesce(sum(p.now - p.before) filter (where p.now > 0 and p.now >= p.before), 0)::float8 as expansion
      from months left join pairs p on p.month = months.month
      group by months.month order by months.month
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
