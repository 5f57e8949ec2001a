import { sql, type SQL } from "drizzle-orm";
import type { CohortCounts, CohortGrain } from "@boomerang/domain/metrics";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";
import { audienceFilter, type AcquisitionRange, type RetentionAudience } from "./scope";

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

/**
 * Cohort sizes, buyers per period and last-purchase period per cohort, from customer_features: one
 * pass over the activity arrays, never over orders. Revenue per period is available by month and quarter.
 */
export async function cohortCountsFromFeatures(
  db: Database,
  grain: CohortGrain,
  range: AcquisitionRange,
  audience: RetentionAudience,
): Promise<CohortCounts[]> {
  const g = grainColumns(grain);
  const filter = audienceFilter(audience, sql`cf.customer_id`, sql`cf.home_store_id`);
  // Revenue is kept per month (month_revenue): it adds up to quarters but cannot be split into weeks.
  const withRevenue = grain !== "week";
  const revenue = withRevenue ? sql`sum(u.r)::float8` : sql`null::float8`;
  const monthRevenue = withRevenue ? sql`cf.month_revenue` : sql`'{}'::bigint[]`;
  // Within a quarter a customer can be active in several months: count them once.
  const buyers = g.span === 1 ? sql`count(*)::int` : sql`count(distinct c.customer_id)::int`;
  const rows = await queryRows<CohortCountRow>(
    db,
    sql`
      with c as (
        select cf.customer_id, to_char(${g.cohort}, 'YYYY-MM-DD') as cohort, ${g.activity} as act,
               ${monthRevenue} as rev, ${g.offset} as off
        from customer_features cf
        where cf.first_order_at >= ${instant(range.from)} and cf.first_order_at < ${instant(range.to)} and ${filter}
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
    `,
  );
  return foldCohortRows(rows, withRevenue);
}
