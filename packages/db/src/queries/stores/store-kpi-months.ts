import { sql } from "drizzle-orm";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";
import { toKpis, type StoreKpiRow, type StoreKpis, type StoreKpiScope } from "./store-kpis";

/** Held by the cache refresh for its transaction; every invalidating trigger takes it shared (migration 0006). */
const refreshLock = 7431001;

type CachedRow = StoreKpiRow & { cached: boolean; month: string | null };

/**
 * The stores page's KPIs from store_kpi_months when [from, to) is exactly one calendar month in the
 * business time zone; null when it is not, or when the month's rows are missing and cannot be filled
 * now (another transaction is writing the data they come from), so the caller computes them live.
 */
export async function cachedStoreKpis(
  db: Database,
  scope: StoreKpiScope,
  timezone: string,
): Promise<StoreKpis[] | null> {
  const first = await readCache(db, scope, timezone);
  if (first === null) return null;
  if (first.every((r) => r.cached)) return first.map(toKpis);
  const month = first[0]?.month;
  if (!month) return null;
  const filled = await refreshStoreKpiMonths(db, {
    months: [month],
    storeId: scope.storeId,
    timezone,
    wait: false,
  });
  if (!filled) return null;
  const second = await readCache(db, scope, timezone);
  if (second === null || !second.every((r) => r.cached)) return null;
  return second.map(toKpis);
}

/** One row per store in scope, `cached` false where the month's row is missing; null when the period is not one month. */
async function readCache(
  db: Database,
  scope: StoreKpiScope,
  timezone: string,
): Promise<CachedRow[] | null> {
  const store = scope.storeId;
  const from = instant(scope.from);
  const to = instant(scope.to);
  const now = instant(scope.now);
  const window = scope.churnWindowDays;
  const rows = await queryRows<CachedRow & { is_month: boolean }>(
    db,
    sql`
      with m as (
        select store_kpi_month(${from}, ${timezone}) as month
        where ${from} = (store_kpi_month(${from}, ${timezone}))::timestamp at time zone ${timezone}
          and ${to} = (store_kpi_month(${from}, ${timezone}) + interval '1 month')::timestamp at time zone ${timezone}
      ),
      -- Materialized so each store's arrays are read once, not once per joined row.
      k as materialized (
        select k.store_id, k.revenue, k.orders, k.active_customers, k.repeaters, k.clv_revenue,
               k.program_members, k.points_issued, k.points_redeemed,
               cardinality(k.new_first_orders) as new_customers,
               -- Sorted instants: whole arrays count at once when every 90 days are over.
               case when k.new_first_orders[cardinality(k.new_first_orders)] + interval '90 days' <= ${now}
                    then cardinality(k.new_first_orders)
                    else (select count(*) from unnest(k.new_first_orders) t where t + interval '90 days' <= ${now}) end as matured,
               case when k.retained_first_orders[cardinality(k.retained_first_orders)] + interval '90 days' <= ${now}
                    then cardinality(k.retained_first_orders)
                    else (select count(*) from unnest(k.retained_first_orders) t where t + interval '90 days' <= ${now}) end as retained
        from store_kpi_months k join m on k.month = m.month
        where k.timezone = ${timezone} and (${store}::int is null or k.store_id = ${store}::int)
      ),
      churn as (
        select home_store_id as store_id, count(*)::int as churned from customer_features
        where last_order_at >= ${from} - make_interval(days => ${window}::int)
          and last_order_at < ${to} - make_interval(days => ${window}::int)
          and home_store_id is not null
          and (${store}::int is null or home_store_id = ${store}::int)
        group by home_store_id
      )
      select s.id as store_id, (k.store_id is not null) as cached, (select month::text from m) as month,
             exists (select 1 from m) as is_month,
             coalesce(k.revenue, 0)::float8 as revenue, coalesce(k.orders, 0)::int as orders,
             coalesce(k.active_customers, 0)::int as active,
             coalesce(k.new_customers, 0)::int as new_customers,
             coalesce(k.repeaters, 0)::int as repeaters,
             coalesce(k.matured, 0)::int as matured, coalesce(k.retained, 0)::int as retained,
             coalesce(churn.churned, 0)::int as churned,
             coalesce(k.clv_revenue, 0)::float8 as clv_revenue, coalesce(k.program_members, 0)::int as members,
             coalesce(k.points_issued, 0)::float8 as issued, coalesce(k.points_redeemed, 0)::float8 as redeemed
      from stores s
      left join k on k.store_id = s.id
      left join churn on churn.store_id = s.id
      where ${store}::int is null or s.id = ${store}::int
      order by s.id
    `,
  );
  if (rows.length > 0 && !rows[0]!.is_month) return null;
  return rows;
}

export type StoreKpiMonthsRefresh = {
  /** First days of the months to fill ("YYYY-MM-01"); null for every month with orders. */
  months: string[] | null;
  /** One store, or null for all. */
  storeId: number | null;
  timezone: string;
  /** Wait for running writers (a seed, a rebuild) instead of giving up at once (a page request). */
  wait: boolean;
};

/**
 * Computes the missing or outdated store_kpi_months rows from the raw tables, with the same
 * definitions as liveStoreKpis. Runs under an exclusive advisory lock that the invalidating triggers
 * take shared, so no row is built from data a running transaction is still changing. Returns false
 * when `wait` is false and the lock is taken.
 */
export async function refreshStoreKpiMonths(
  db: Database,
  options: StoreKpiMonthsRefresh,
): Promise<boolean> {
  const tz = options.timezone;
  const store = options.storeId;
  return db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    if (options.wait) {
      await t.execute(sql`select pg_advisory_xact_lock(${refreshLock})`);
    } else {
      const [lock] = await queryRows<{ ok: boolean }>(
        t,
        sql`select pg_try_advisory_xact_lock(${refreshLock}) as ok`,
      );
      if (!lock?.ok) return false;
    }
    const months =
      options.months ??
      (
        await queryRows<{ month: string }>(
          t,
          sql`select generate_series(store_kpi_month(min(placed_at), ${tz}),
                                     store_kpi_month(max(placed_at), ${tz}), interval '1 month')::date::text as month
              from orders having count(*) > 0`,
        )
      ).map((r) => r.month);
    for (const month of months) {
      await t.execute(sql`
        with bounds as (
          select (${month}::date)::timestamp at time zone ${tz} as "from",
                 (${month}::date + interval '1 month')::timestamp at time zone ${tz} as "to"
        ),
        period_orders as (
          select o.store_id, o.customer_id, o.total from orders o, bounds b
          where o.store_id is not null and o.placed_at >= b."from" and o.placed_at < b."to"
            and (${store}::int is null or o.store_id = ${store}::int)
        ),
        active_ids as (
          select store_id, customer_id, count(*) as here_orders from period_orders group by store_id, customer_id
        ),
        active as (
          select a.store_id, a.customer_id, a.here_orders, f.first_order_at, f.order_days, f.first_order_month, f.month_revenue
          from active_ids a join customer_features f on f.customer_id = a.customer_id
        ),
        per_active as (
          select store_id, customer_id, first_order_at,
                 first_order_at >= b."from" as is_new,
                 cardinality(order_days) >= 2 and order_days[2] <= 90 as retained,
                 (first_order_at < b."from" or here_orders >= 2
                   or (cardinality(order_days) >= 2
                       and first_order_at + make_interval(days => order_days[2]) < b."to")) as repeater,
                 (select coalesce(sum(r), 0) from unnest(month_revenue[1:
                    (extract(year from age(date_trunc('month', (b."to" - interval '1 millisecond') at time zone ${tz}),
                                           first_order_month::timestamp)) * 12
                     + extract(month from age(date_trunc('month', (b."to" - interval '1 millisecond') at time zone ${tz}),
                                              first_order_month::timestamp)))::int + 1]) r) as clv_revenue,
                 exists (select 1 from enrollments e
                         where e.customer_id = active.customer_id and not e.is_control and e.enrolled_at < b."to") as member
          from active, bounds b
        ),
        by_store as (
          select store_id, count(*)::int as active,
                 coalesce(array_agg(first_order_at order by first_order_at) filter (where is_new), '{}') as new_first,
                 coalesce(array_agg(first_order_at order by first_order_at) filter (where is_new and retained), '{}') as retained_first,
                 count(*) filter (where repeater)::int as repeaters,
                 coalesce(sum(clv_revenue), 0)::bigint as clv_revenue,
                 count(*) filter (where member)::int as members
          from per_active group by store_id
        ),
        sales as (
          select store_id, count(*)::int as orders, coalesce(sum(total), 0)::bigint as revenue
          from period_orders group by store_id
        ),
        points as (
          select coalesce(o.store_id, f.home_store_id) as store_id,
                 coalesce(sum(l.amount) filter (where l.kind = 'earn'), 0)::bigint as issued,
                 coalesce(-sum(l.amount) filter (where l.kind = 'redeem'), 0)::bigint as redeemed
          from ledger_entries l cross join bounds b
          left join orders o on o.id = l.order_id
          left join customer_features f on f.customer_id = l.customer_id
          where l.unit = 'points' and l.kind in ('earn', 'redeem')
            and l.effective_at >= b."from" and l.effective_at < b."to"
          group by 1
        )
        insert into store_kpi_months (store_id, month, timezone, revenue, orders, active_customers,
          repeaters, clv_revenue, program_members, points_issued, points_redeemed, new_first_orders, retained_first_orders, computed_at)
        select s.id, ${month}::date, ${tz},
               coalesce(sales.revenue, 0), coalesce(sales.orders, 0), coalesce(b.active, 0),
               coalesce(b.repeaters, 0), coalesce(b.clv_revenue, 0), coalesce(b.members, 0),
               coalesce(points.issued, 0), coalesce(points.redeemed, 0), coalesce(b.new_first, '{}'),
               coalesce(b.retained_first, '{}'), now()
        from stores s
        left join sales on sales.store_id = s.id
        left join by_store b on b.store_id = s.id
        left join points on points.store_id = s.id
        where ${store}::int is null or s.id = ${store}::int
        on conflict (store_id, month) do update set
          timezone = excluded.timezone, revenue = excluded.revenue, orders = excluded.orders,
          active_customers = excluded.active_customers, repeaters = excluded.repeaters,
          clv_revenue = excluded.clv_revenue, program_members = excluded.program_members,
          points_issued = excluded.points_issued, points_redeemed = excluded.points_redeemed,
          new_first_orders = excluded.new_first_orders,
          retained_first_orders = excluded.retained_first_orders, computed_at = excluded.computed_at
      `);
    }
    return true;
  });
}

/** Fills the cache for every store and every month with orders, in the business's time zone (after a seed or a rebuild). */
export async function refreshAllStoreKpiMonths(db: Database): Promise<void> {
  const [settings] = await queryRows<{ tz: string }>(db, sql`select store_kpi_timezone() as tz`);
  await db.execute(sql`delete from store_kpi_months`);
  await refreshStoreKpiMonths(db, {
    months: null,
    storeId: null,
    timezone: settings?.tz ?? "UTC",
    wait: true,
  });
}
