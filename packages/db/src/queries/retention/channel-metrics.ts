import { sql, type SQL } from "drizzle-orm";
import type {
  ChurnPoint,
  ChurnWindow,
  MonthlyActivity,
  PurchaseGaps,
  RepeatRate,
  RepeatRateRow,
  RevenueChurnMonth,
} from "@boomerang/domain/metrics";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";
import { churnFromPairs, foldChurnRows } from "./churn";
import type { SalesChannel } from "./cohorts-from-orders";
import {
  audienceFilter,
  localDayNumber,
  type AcquisitionRange,
  type RetentionAudience,
} from "./scope";

/*
 * The Retention page's cards for one sales channel. customer_features does not split orders by
 * channel, so these read the channel's orders live, with the features path's definitions applied
 * to those orders only: a customer's first purchase is their first order in the channel (which
 * decides their cohort and whether the acquisition range takes them), and only the channel's orders
 * count after it, as cohortBracketsFromOrders does for the brackets.
 */

/**
 * The audience's orders in `channel`: customer, instant, local day number, first day of the local
 * calendar month and total, in the audience's time zone (the business's, as customer_features).
 */
function channelOrders(
  channel: SalesChannel,
  audience: RetentionAudience,
  placed: SQL = sql`true`,
): SQL {
  // Customers are joined only for their home store (programs and segments filter on the id).
  const byStore = audience.storeId !== null;
  const filter = audienceFilter(audience, sql`o.customer_id`, sql`cu.home_store_id`);
  return sql`
    select o.customer_id, o.id, o.placed_at, o.total,
           ${localDayNumber(sql`o.placed_at`, audience.timezone)} as day,
           date_trunc('month', o.placed_at at time zone ${audience.timezone})::date as month
    from orders o ${byStore ? sql`join customers cu on cu.id = o.customer_id` : sql``}
    where o.customer_id is not null and o.channel = ${channel} and ${placed} and ${filter}
  `;
}

/** Orders placed from local midnight of `fromDay` up to the end of the local month of `toDay`. */
const placedBetween = (fromDay: SQL, toDay: string, timezone: string): SQL => sql`
  o.placed_at >= (${fromDay})::timestamp at time zone ${timezone}
  and o.placed_at < (date_trunc('month', ${toDay}::date) + interval '1 month')::timestamp at time zone ${timezone}
`;

const acquiredIn = (range: AcquisitionRange, firstAt: SQL): SQL =>
  sql`${firstAt} >= ${instant(range.from)} and ${firstAt} < ${instant(range.to)}`;

/**
 * repeatRateFromFeatures for one channel: per month of the first purchase in the channel, the
 * customers acquired at least `withinDays` ago and those whose second order in the channel came
 * within `withinDays` days; repeat orders per customer are their channel orders after the first.
 */
export async function repeatRateForChannel(
  db: Database,
  channel: SalesChannel,
  withinDays: number,
  today: number,
  range: AcquisitionRange,
  audience: RetentionAudience,
): Promise<RepeatRate> {
  const rows = await queryRows<{
    cohort: string;
    eligible: number;
    repeaters: number;
    customers: number;
    repeat_orders: number;
  }>(
    db,
    sql`
      with o as (${channelOrders(channel, audience)}),
      f as (
        select customer_id, min(placed_at) as first_at, min(day) as first_day, min(month) as first_month,
               count(*)::int as n, (array_agg(day order by day))[2] as second_day
        from o group by customer_id
      )
      select to_char(first_month, 'YYYY-MM-DD') as cohort,
             count(*) filter (where ${today}::int - first_day >= ${withinDays}::int)::int as eligible,
             count(*) filter (where ${today}::int - first_day >= ${withinDays}::int
                               and second_day - first_day <= ${withinDays}::int)::int as repeaters,
             count(*)::int as customers,
             sum(n - 1)::float8 as repeat_orders
      from f
      where ${acquiredIn(range, sql`first_at`)}
      group by 1 order by 1
    `,
  );
  const rate = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
  const byCohort: RepeatRateRow[] = rows.map((r) => ({
    cohort: r.cohort,
    eligible: r.eligible,
    repeaters: r.repeaters,
    rate: rate(r.repeaters, r.eligible),
  }));
  const eligible = byCohort.reduce((s, r) => s + r.eligible, 0);
  const repeaters = byCohort.reduce((s, r) => s + r.repeaters, 0);
  const customers = rows.reduce((s, r) => s + r.customers, 0);
  return {
    withinDays,
    overall: { cohort: "all", eligible, repeaters, rate: rate(repeaters, eligible) },
    byCohort,
    repeatPurchasesPerCustomer: rate(
      rows.reduce((s, r) => s + r.repeat_orders, 0),
      customers,
    ),
  };
}

/**
 * purchaseGapsFromFeatures for one channel: days between consecutive channel orders of the
 * customers whose first channel order falls in the range; median and weekly histogram.
 */
export async function purchaseGapsForChannel(
  db: Database,
  channel: SalesChannel,
  bucketDays: number,
  capDays: number,
  range: AcquisitionRange,
  audience: RetentionAudience,
): Promise<PurchaseGaps> {
  const buckets = Math.ceil(capDays / bucketDays);
  const rows = await queryRows<{ bucket: number; n: number; median: number | null }>(
    db,
    sql`
      with o as (${channelOrders(channel, audience)}),
      s as (
        select day, lead(day) over (partition by customer_id order by day) as nx,
               min(placed_at) over (partition by customer_id) as first_at
        from o
      ),
      g as (select nx - day as gap from s where nx is not null and ${acquiredIn(range, sql`first_at`)}),
      b as (select least(gap / ${bucketDays}::int, ${buckets}::int)::int as bucket, count(*)::int as n from g group by 1)
      select b.bucket, b.n, null::float8 as median from b
      union all
      select -1, 0, (select percentile_cont(0.5) within group (order by gap)::float8 from g)
    `,
  );
  const counts = new Array<number>(buckets + 1).fill(0);
  for (const r of rows) if (r.bucket >= 0) counts[r.bucket] = r.n;
  return {
    gaps: counts.reduce((s, n) => s + n, 0),
    medianDays: rows.find((r) => r.bucket === -1)?.median ?? null,
    histogram: counts.map((count, i) => ({
      fromDay: i * bucketDays,
      toDay: i === buckets ? null : (i + 1) * bucketDays - 1,
      count,
    })),
  };
}

/**
 * churnTrendFromFeatures for one channel: on each of `days` (local day numbers), the audience's
 * customers active, at risk or churned judged by their orders in the channel only (a customer who
 * never bought in it is not counted).
 */
export async function churnTrendForChannel(
  db: Database,
  channel: SalesChannel,
  window: ChurnWindow,
  days: readonly number[],
  audience: RetentionAudience,
): Promise<ChurnPoint[]> {
  if (days.length === 0) return [];
  // A pair whose next order comes by the first day adds nothing to any day's counts (every status
  // interval it opens has closed by then): left out before the status changes are summed.
  const pairs = sql`
    select p.d, p.nx from (
      select o.day as d, lead(o.day) over (partition by o.customer_id order by o.day, o.placed_at, o.id) as nx
      from (${channelOrders(channel, audience)}) o
    ) p
    where p.nx is null or p.nx > ${Math.min(...days)}::int
  `;
  const rows = await queryRows<{ day: number; status: number; n: number }>(
    db,
    churnFromPairs(pairs, window, days),
  );
  return foldChurnRows(rows, days);
}

/**
 * Per customer and local calendar month with channel orders placed in `placed`: their count and
 * revenue.
 */
const customerMonths = (
  channel: SalesChannel,
  audience: RetentionAudience,
  placed: SQL,
): SQL => sql`
  select customer_id, month, count(*)::int as n, sum(total)::bigint as r
  from (${channelOrders(channel, audience, placed)}) o
  group by customer_id, month
`;

/**
 * monthlyActivityFromFeatures for one channel: per calendar month in [from, to], the channel's
 * orders, revenue and buying customers, average order value and orders per buyer.
 */
export async function monthlyActivityForChannel(
  db: Database,
  channel: SalesChannel,
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
      with m as (${customerMonths(channel, audience, placedBetween(sql`${from}::date`, to, audience.timezone))})
      select to_char(month, 'YYYY-MM-DD') as month, sum(n)::int as orders, sum(r)::float8 as revenue,
             count(*)::int as customers
      from m where month between ${from}::date and ${to}::date
      group by month order by month
    `,
  );
  return rows.map((r) => ({
    ...r,
    averageOrderValue: r.orders > 0 ? r.revenue / r.orders : 0,
    frequency: r.customers > 0 ? r.orders / r.customers : 0,
  }));
}

/**
 * revenueChurnFromFeatures for one channel: each month against the one before, among the previous
 * month's buyers in the channel, the channel revenue lost, contracted and expanded.
 */
export async function revenueChurnForChannel(
  db: Database,
  channel: SalesChannel,
  from: string,
  to: string,
  audience: RetentionAudience,
): Promise<RevenueChurnMonth[]> {
  const rows = await queryRows<Omit<RevenueChurnMonth, "grossChurn" | "netChurn">>(
    db,
    sql`
      with m as (${customerMonths(
        channel,
        audience,
        // The month before the first one: its buyers are the first month's previous buyers.
        placedBetween(
          sql`date_trunc('month', ${from}::date) - interval '1 month'`,
          to,
          audience.timezone,
        ),
      )}),
      months as (
        select g::date as month
        from generate_series(date_trunc('month', ${from}::date), ${to}::date, interval '1 month') g
      ),
      -- Each month with purchases against the month after it (nothing bought then: all of it lost).
      pairs as (
        select (m.month + interval '1 month')::date as month, m.r as before, coalesce(nx.r, 0) as now
        from m left join m nx
          on nx.customer_id = m.customer_id and nx.month = (m.month + interval '1 month')::date
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
