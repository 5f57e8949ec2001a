import { sql, type SQL } from "drizzle-orm";
import type { CohortCounts, CohortGrain } from "@boomerang/domain/metrics";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";
import { acquisitionSpan, cardCacheable } from "./cache-span";
import { audienceFilter, CACHE_LOCK, type AcquisitionRange, type RetentionAudience } from "./scope";

export type CohortCountRow = {
  kind: "size" | "active" | "last";
  cohort: string;
  k: number;
  n: number;
  revenue: number | null;
};

/** Folds (kind, cohort, period, count) rows from either engine into per-cohort counts. */
export function foldCohortRows(
  rows: readonly CohortCountRow[],
  withRevenue: boolean,
): CohortCounts[] {
  const byCohort = new Map<
    string,
    {
      size: number;
      active: Map<number, number>;
      last: Map<number, number>;
      revenue: Map<number, number>;
    }
  >();
  for (const r of rows) {
    const c = byCohort.get(r.cohort) ?? {
      size: 0,
      active: new Map(),
      last: new Map(),
      revenue: new Map(),
    };
    if (r.kind === "size") c.size = r.n;
    if (r.kind === "last") c.last.set(r.k, r.n);
    if (r.kind === "active") {
      c.active.set(r.k, r.n);
      if (r.revenue !== null) c.revenue.set(r.k, r.revenue);
    }
    byCohort.set(r.cohort, c);
  }
  return [...byCohort.entries()].map(([cohort, c]) => ({
    cohort,
    size: c.size,
    activeByPeriod: c.active,
    lastByPeriod: c.last,
    ...(withRevenue ? { revenueByPeriod: c.revenue } : {}),
  }));
}

function grainColumns(grain: CohortGrain): {
  cohort: SQL;
  activity: SQL;
  offset: SQL;
  span: number;
} {
  if (grain === "week")
    return {
      cohort: sql`cf.first_order_week`,
      activity: sql`cf.week_orders`,
      offset: sql`0`,
      span: 1,
    };
  if (grain === "month")
    return {
      cohort: sql`cf.first_order_month`,
      activity: sql`cf.month_orders`,
      offset: sql`0`,
      span: 1,
    };
  return {
    cohort: sql`date_trunc('quarter', cf.first_order_month)::date`,
    activity: sql`cf.month_orders`,
    offset: sql`((extract(month from cf.first_order_month)::int - 1) % 3)`,
    span: 3,
  };
}

/** The (kind, cohort, period, count) rows of the customers matching `where`, from customer_features. */
function cohortRowsSql(grain: CohortGrain, where: SQL): SQL {
  const g = grainColumns(grain);
  // Revenue is kept per month (month_revenue): it adds up to quarters but cannot be split into weeks.
  const withRevenue = grain !== "week";
  const revenue = withRevenue ? sql`sum(u.r)::float8` : sql`null::float8`;
  const monthRevenue = withRevenue ? sql`cf.month_revenue` : sql`'{}'::bigint[]`;
  // Within a quarter a customer can be active in several months: count them once.
  const buyers = g.span === 1 ? sql`count(*)::int` : sql`count(distinct c.customer_id)::int`;
  return sql`
    with c as (
      select cf.customer_id, to_char(${g.cohort}, 'YYYY-MM-DD') as cohort, ${g.activity} as act,
             ${monthRevenue} as rev, ${g.offset} as off
      from customer_features cf
      where ${where}
    )
    select 'size' as kind, cohort, 0 as k, count(*)::int as n, null::float8 as revenue from c group by cohort
    union all
    select 'last', cohort, ((off + cardinality(act) - 1) / ${g.span}::int)::int, count(*)::int, null::float8
    from c group by 1, 2, 3
    union all
    select 'active', c.cohort, ((c.off + u.i - 1) / ${g.span}::int)::int as k, ${buyers}, ${revenue}
    from c cross join lateral unnest(c.act, c.rev) with ordinality as u(n, r, i)
    where u.n > 0
    group by 1, 2, 3
  `;
}

/**
 * Cohort sizes, buyers per period and last-purchase period per cohort, from customer_features: one
 * pass over the activity arrays, never over orders. Revenue per period is available by month and
 * quarter. Monthly cohorts of everyone read whole cohort months from retention_cohort_months.
 */
export async function cohortCountsFromFeatures(
  db: Database,
  grain: CohortGrain,
  range: AcquisitionRange,
  audience: RetentionAudience,
  options: { cache?: boolean } = {},
): Promise<CohortCounts[]> {
  if (grain === "month" && cardCacheable(audience) && options.cache !== false)
    return foldCohortRows(
      await cachedMonthCohortRows(db, range, audience.timezone, audience.storeId),
      true,
    );
  const filter = audienceFilter(audience, sql`cf.customer_id`, sql`cf.home_store_id`);
  const rows = await queryRows<CohortCountRow>(
    db,
    cohortRowsSql(
      grain,
      sql`cf.first_order_at >= ${instant(range.from)} and cf.first_order_at < ${instant(range.to)} and ${filter}`,
    ),
  );
  return foldCohortRows(rows, grain !== "week");
}

/**
 * Monthly cohort rows of everyone from the cache (computing and storing the missing months first),
 * or of one home store's customers from retention_store_cohort_months (migration 0012), filled
 * with that store's customers only.
 * The counts add up over customers, so a month the range cuts is its cached counts minus those of
 * its customers outside the range when most of the month is inside, else its customers inside
 * computed live: either way only a sliver of a month is read from customer_features.
 */
async function cachedMonthCohortRows(
  db: Database,
  range: AcquisitionRange,
  timezone: string,
  storeId: number | null,
): Promise<CohortCountRow[]> {
  const table =
    storeId === null ? sql`retention_cohort_months` : sql`retention_store_cohort_months`;
  const key =
    storeId === null
      ? sql`c.timezone = ${timezone}`
      : sql`c.timezone = ${timezone} and c.store_id = ${storeId}::int`;
  const customers = storeId === null ? sql`true` : sql`cf.home_store_id = ${storeId}::int`;
  const from = instant(range.from);
  const to = instant(range.to);
  return db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    const span = await acquisitionSpan(t, range, timezone);
    // The cohort months in customer_features are cut in the business's zone: another zone reads live.
    if (!span || span.business !== timezone)
      return queryRows<CohortCountRow>(
        t,
        cohortRowsSql(
          "month",
          sql`cf.first_order_at >= ${from} and cf.first_order_at < ${to} and ${customers}`,
        ),
      );
    const whole = sql`${span.cached}::date[]`;
    const [missing] = await queryRows<{ months: string }>(
      t,
      sql`
        select coalesce(array_agg(m), '{}')::text as months from unnest(${whole}) as w(m)
        where not exists (
          select 1 from ${table} c where ${key} and c.cohort_month = w.m and c.kind = 'size' and c.k = 0
        )
          and exists (select 1 from customer_features cf where cf.first_order_month = w.m and ${customers})
      `,
    );
    if (missing && missing.months !== "{}") {
      // Writers to customer_features hold this lock shared until they commit (migration 0007).
      await t.execute(sql`select pg_advisory_xact_lock(${CACHE_LOCK}::bigint)`);
      const months = sql`${missing.months}::date[]`;
      await t.execute(sql`delete from ${table} c where ${key} and c.cohort_month = any(${months})`);
      const rows = sql`
        select r.cohort::date as cohort_month, r.kind, r.k, r.n, r.revenue
        from (${cohortRowsSql("month", sql`cf.first_order_month = any(${months}) and ${customers}`)}) r
      `;
      await t.execute(
        storeId === null
          ? sql`insert into retention_cohort_months (timezone, cohort_month, kind, k, n, revenue)
                select ${timezone}, r.* from (${rows}) r`
          : sql`insert into retention_store_cohort_months (timezone, store_id, cohort_month, kind, k, n, revenue)
                select ${timezone}, ${storeId}::int, r.* from (${rows}) r`,
      );
    }
    const cut = sql`${span.cut}::date[]`;
    const live = sql`${span.live}::date[]`;
    const inRange = sql`cf.first_order_at >= ${from} and cf.first_order_at < ${to}`;
    return queryRows<CohortCountRow>(
      t,
      sql`
        with parts as (
          select c.kind, to_char(c.cohort_month, 'YYYY-MM-DD') as cohort, c.k, c.n, c.revenue
          from ${table} c
          where ${key} and c.cohort_month = any(${whole})
          union all
          select kind, cohort, k, -n, -revenue
          from (${cohortRowsSql("month", sql`cf.first_order_month = any(${cut}) and not (${inRange}) and ${customers}`)}) outside
          union all
          select * from (${cohortRowsSql("month", sql`cf.first_order_month = any(${live}) and ${inRange} and ${customers}`)}) inside
        )
        select kind, cohort, k, sum(n)::int as n, sum(revenue)::float8 as revenue
        from parts group by 1, 2, 3 having sum(n) <> 0
      `,
    );
  });
}
