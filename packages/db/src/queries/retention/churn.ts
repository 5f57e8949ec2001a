import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { ChurnPoint, ChurnWindow } from "@boomerang/domain/metrics";
import type { Database } from "../../client";
import { queryRows } from "../rows";
import { isCachedChurnWindow } from "./cache-keys";
import { cardCacheable } from "./cache-span";
import {
  audienceFilter,
  CACHE_LOCK,
  intArray,
  localDayNumber,
  type RetentionAudience,
} from "./scope";

/**
 * Active / at-risk / churned counts on each of `days` (local day numbers). Each order opens three
 * consecutive status intervals that the next order cuts short; counting intervals that contain a
 * day is then a running sum of +1/−1 events, so the work is one pass over orders whatever the
 * number of days.
 */
export function churnFromPairs(pairs: SQL, window: ChurnWindow, days: readonly number[]): SQL {
  return sql`
    with by_day as (
      ${churnEventsSql(sql`select null::date as m, q.d, q.nx from (${pairs}) q`, window)}
    )
    select t.day::int as day, s.status::int as status, coalesce(sum(b.delta), 0)::int as n
    from unnest(${intArray(days)}) as t(day)
    cross join (values (0), (1), (2)) as s(status)
    left join by_day b on b.status = s.status and b.day <= t.day
    group by 1, 2
  `;
}

export function foldChurnRows(
  rows: readonly { day: number; status: number; n: number }[],
  days: readonly number[],
): ChurnPoint[] {
  return days.map((day) => {
    const count = (status: number) =>
      rows.find((r) => r.day === day && r.status === status)?.n ?? 0;
    const point = { day, active: count(0), atRisk: count(1), churned: count(2) };
    const total = point.active + point.atRisk + point.churned;
    return { ...point, churnRate: total > 0 ? point.churned / total : 0 };
  });
}

/**
 * Status changes (+1 entering, −1 leaving a status on a day) of the pairs (m, d, nx), summed per
 * (m, day, status): the counts on any day are their running sums up to it.
 */
function churnEventsSql(pairs: SQL, window: ChurnWindow): SQL {
  const a = window.atRiskAfterDays;
  const w = window.churnAfterDays;
  // Streamed straight into one aggregate: a CTE of the intervals read twice would be written out
  // (three rows per order) and made the pass several times slower at 10M orders.
  return sql`
    select p.m, e.day, s.status, sum(e.delta)::int as delta
    from (${pairs}) p
    cross join lateral (values
      (0, p.d, least(p.d + ${a}::int, coalesce(p.nx, 2147483647))),
      (1, p.d + ${a}::int, least(p.d + ${w}::int, coalesce(p.nx, 2147483647))),
      (2, p.d + ${w}::int, coalesce(p.nx, 2147483647))
    ) as s(status, start_day, end_day)
    cross join lateral (values (s.start_day, 1), (s.end_day, -1)) as e(day, delta)
    where s.start_day < s.end_day and e.day < 2147483647
    group by 1, 2, 3
    having sum(e.delta) <> 0
  `;
}

/**
 * Churn statuses over time from customer_features.order_days. Everyone's and one home store's read
 * retention_churn_events / retention_store_churn_events, but only for `options.defaultWindow` (the
 * page's default window for the audience, see cache-keys.ts); any other window is computed live,
 * without the cache lock and without writing cache rows.
 */
export async function churnTrendFromFeatures(
  db: Database,
  window: ChurnWindow,
  days: readonly number[],
  audience: RetentionAudience,
  options: {
    cache?: boolean;
    defaultWindow?: ChurnWindow | null;
    /** Tests: run after a cache fill claimed its months, and after it computed them. */
    afterClaim?: () => Promise<void>;
    afterStaging?: () => Promise<void>;
  } = {},
): Promise<ChurnPoint[]> {
  if (
    cardCacheable(audience) &&
    options.cache !== false &&
    isCachedChurnWindow(window, options.defaultWindow)
  ) {
    const cached = await cachedChurnTrend(
      db,
      window,
      days,
      audience.timezone,
      audience.storeId,
      options,
    );
    if (cached) return cached;
  }
  const filter = audienceFilter(audience, sql`cf.customer_id`, sql`cf.home_store_id`);
  const first = localDayNumber(sql`cf.first_order_at`, audience.timezone);
  const pairs = sql`
    select ${first} + u.d as d, ${first} + u.nx as nx
    from customer_features cf
    cross join lateral unnest(cf.order_days, cf.order_days[2:]) as u(d, nx)
    where cf.first_order_at is not null and ${filter}
  `;
  const rows = await queryRows<{ day: number; status: number; n: number }>(
    db,
    churnFromPairs(pairs, window, days),
  );
  return foldChurnRows(rows, days);
}

type ChurnRow = { day: number; status: number; n: number };

/**
 * Everyone's churn trend from the status changes cached per cohort month (migration 0007), or one
 * home store's from retention_store_churn_events (migration 0012, filled with that store's
 * customers only), computing and storing the missing months first.
 *
 * A fill holds the exclusive cache lock (which every writer to customer_features takes shared
 * until it commits) only for short steps, not while it computes:
 * 1. claim: under the lock (so every writer in flight has committed), a marker row per missing
 *    month, under a timezone no reader asks for (`fill:<uuid>`), committed;
 * 2. compute the months' status changes without the lock, staged under the same timezone, from a
 *    snapshot taken after the claim; a writer that changes a month from then on runs the
 *    customer_features trigger, which deletes every row of that month, the marker included;
 * 3. under the lock again, the months whose marker survived cannot have changed since the
 *    snapshot: their staged rows become the cache; the others stay missing and are filled again
 *    (after a few tries the trend is computed live). The cache is read in the same transaction.
 * Null when writers kept changing the months being filled.
 */
async function cachedChurnTrend(
  db: Database,
  window: ChurnWindow,
  days: readonly number[],
  timezone: string,
  storeId: number | null,
  hooks: { afterClaim?: () => Promise<void>; afterStaging?: () => Promise<void> },
): Promise<ChurnPoint[] | null> {
  const table = storeId === null ? sql`retention_churn_events` : sql`retention_store_churn_events`;
  const windowKey = sql`at_risk_after_days = ${window.atRiskAfterDays}::int
    and churn_after_days = ${window.churnAfterDays}::int
    and ${storeId === null ? sql`true` : sql`store_id = ${storeId}::int`}`;
  const key = sql`timezone = ${timezone} and ${windowKey}`;
  const customers = storeId === null ? sql`true` : sql`cf.home_store_id = ${storeId}::int`;
  const storeColumn = storeId === null ? sql`` : sql`, store_id`;
  const storeValue = storeId === null ? sql`` : sql`, ${storeId}::int`;
  const missingMonths = async (t: Database) => {
    const [missing] = await queryRows<{ months: string }>(
      t,
      sql`
        with b as (select min(first_order_month) as lo, max(first_order_month) as hi from customer_features)
        select coalesce(array_agg(g::date), '{}')::text as months
        from b cross join lateral generate_series(b.lo, b.hi, interval '1 month') g
        where not exists (select 1 from ${table} e where ${key} and e.cohort_month = g::date)
          and exists (select 1 from customer_features cf where cf.first_order_month = g::date and ${customers})
      `,
    );
    return missing?.months ?? "{}";
  };
  const read = (t: Database) =>
    queryRows<ChurnRow>(
      t,
      sql`
        with by_day as (
          select day, status, sum(delta)::int as delta from ${table} where ${key} group by 1, 2
        )
        select t.day::int as day, s.status::int as status, coalesce(sum(b.delta), 0)::int as n
        from unnest(${intArray(days)}) as t(day)
        cross join (values (0), (1), (2)) as s(status)
        left join by_day b on b.status = s.status and b.day <= t.day
        group by 1, 2
      `,
    );
  const lock = (t: Database) => t.execute(sql`select pg_advisory_xact_lock(${CACHE_LOCK}::bigint)`);

  for (let attempt = 0; attempt < 3; attempt++) {
    const token = `fill:${randomUUID()}`;
    const staged = sql`timezone = ${token} and ${windowKey}`;
    // 1. Claim the missing months (or read, when none is missing).
    const claim = await db.transaction(
      async (tx): Promise<{ rows: ChurnRow[] } | { months: string }> => {
        const t = tx as unknown as Database;
        if ((await missingMonths(t)) === "{}") return { rows: await read(t) };
        await lock(t);
        const months = await missingMonths(t);
        if (months === "{}") return { rows: await read(t) };
        await t.execute(sql`
        insert into ${table}
          (timezone, at_risk_after_days, churn_after_days, cohort_month, day, status, delta ${storeColumn})
        select ${token}, ${window.atRiskAfterDays}::int, ${window.churnAfterDays}::int, m, 0, -1, 0 ${storeValue}
        from unnest(${months}::date[]) as w(m)
      `);
        return { months };
      },
    );
    if ("rows" in claim) return foldChurnRows(claim.rows, days);
    try {
      await hooks.afterClaim?.();
      // 2. Compute without the lock.
      const months = sql`${claim.months}::date[]`;
      const first = localDayNumber(sql`cf.first_order_at`, timezone);
      await db.execute(sql`
        insert into ${table}
          (timezone, at_risk_after_days, churn_after_days, cohort_month, day, status, delta ${storeColumn})
        select ${token}, ${window.atRiskAfterDays}::int, ${window.churnAfterDays}::int, e.m, e.day, e.status, e.delta
               ${storeValue}
        from (${churnEventsSql(
          sql`
            select cf.first_order_month as m, x.f + u.d as d, x.f + u.nx as nx
            from customer_features cf
            cross join lateral (select ${first} as f) x
            cross join lateral unnest(cf.order_days, cf.order_days[2:]) as u(d, nx)
            where cf.first_order_month = any(${months}) and cf.first_order_at is not null and ${customers}
          `,
          window,
        )}) e
      `);
      await hooks.afterStaging?.();
      // 3. Keep the months no writer changed since the claim, and read.
      const rows = await db.transaction(async (tx) => {
        const t = tx as unknown as Database;
        await lock(t);
        const [kept] = await queryRows<{ months: string }>(
          t,
          sql`select coalesce(array_agg(cohort_month), '{}')::text as months
              from ${table} where ${staged} and status = -1`,
        );
        const valid = sql`${kept?.months ?? "{}"}::date[]`;
        await t.execute(sql`delete from ${table} where ${key} and cohort_month = any(${valid})`);
        await t.execute(sql`
          update ${table} set timezone = ${timezone}
          where ${staged} and status <> -1 and cohort_month = any(${valid})
        `);
        await t.execute(sql`delete from ${table} where ${staged}`);
        return (await missingMonths(t)) === "{}" ? read(t) : null;
      });
      if (rows) return foldChurnRows(rows, days);
    } finally {
      // Whatever a failed step left staged (nothing, when step 3 ran).
      await db.execute(sql`delete from ${table} where ${staged}`);
    }
  }
  return null;
}

/** The same from raw orders (benchmark baseline). */
export async function churnTrendFromOrders(
  db: Database,
  window: ChurnWindow,
  days: readonly number[],
  audience: RetentionAudience,
): Promise<ChurnPoint[]> {
  const filter = audienceFilter(audience, sql`cu.id`, sql`cu.home_store_id`);
  const day = localDayNumber(sql`o.placed_at`, audience.timezone);
  const pairs = sql`
    select ${day} as d, lead(${day}) over (partition by o.customer_id order by o.placed_at, o.id) as nx
    from orders o join customers cu on cu.id = o.customer_id
    where ${filter}
  `;
  const rows = await queryRows<{ day: number; status: number; n: number }>(
    db,
    churnFromPairs(pairs, window, days),
  );
  return foldChurnRows(rows, days);
}
