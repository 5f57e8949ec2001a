import { sql } from "drizzle-orm";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";

export type LiftGroupRow = {
  programId: number;
  isControl: boolean;
  /** Every customer enrolled so far. */
  enrolled: number;
  /** Enrolled in the four weeks before the measurement stops: the current pace. */
  enrolledLast4Weeks: number;
  /** Customers whose window after enrolling has ended by the time the measurement stops. */
  measured: number;
  /** Of those, customers with at least one order in the window. */
  repeaters: number;
  ordersMean: number;
  ordersVariance: number;
  /** Revenue in minor units. */
  revenueMean: number;
  revenueVariance: number;
};

export type LiftScope = {
  programIds: readonly number[];
  now: Date;
  /** The window after each customer's enrolment in which orders count. */
  windowWeeks: number;
};

const untilSql = (now: Date) =>
  sql`least(${instant(now)}, coalesce(p.ended_at, 'infinity'), coalesce(p.ends_at, 'infinity'))`;

/**
 * Members and control of each program, summarised on the same window after each customer enrolled:
 * one grouped query for all programs. A customer counts once their window has ended before the
 * program's measurement stops (now, or the program's end), so both groups are measured over the
 * same length of time; orders strictly after the enrolment count (the order that enrolled a new
 * customer is not a repeat).
 */
export async function controlledLiftGroups(
  db: Database,
  scope: LiftScope,
): Promise<LiftGroupRow[]> {
  if (scope.programIds.length === 0) return [];
  const ids = sql`array[${sql.join(
    scope.programIds.map((id) => sql`${id}::int`),
    sql`, `,
  )}]::int[]`;
  const weeks = sql`(${scope.windowWeeks}::int * interval '1 week')`;
  const rows = await queryRows<{
    program_id: number;
    is_control: boolean;
    enrolled: number;
    recent: number;
    measured: number;
    repeaters: number;
    orders_mean: number | null;
    orders_variance: number | null;
    revenue_mean: number | null;
    revenue_variance: number | null;
  }>(
    db,
    sql`with p as (
          select p.id, ${untilSql(scope.now)} as until from programs p where p.id = any(${ids})
        ),
        per as (
          select e.program_id, e.is_control, e.enrolled_at, p.until,
                 (e.enrolled_at + ${weeks} <= p.until) as measured, w.orders, w.revenue
          from enrollments e join p on p.id = e.program_id
          left join lateral (
            select count(*)::int as orders, coalesce(sum(o.total), 0)::float8 as revenue
            from orders o
            where o.customer_id = e.customer_id and o.placed_at > e.enrolled_at
              and o.placed_at <= e.enrolled_at + ${weeks}
              and e.enrolled_at + ${weeks} <= p.until
          ) w on true
        )
        select program_id, is_control,
          count(*)::int as enrolled,
          count(*) filter (where enrolled_at > until - interval '4 weeks' and enrolled_at <= until)::int as recent,
          count(*) filter (where measured)::int as measured,
          count(*) filter (where measured and orders > 0)::int as repeaters,
          avg(orders) filter (where measured)::float8 as orders_mean,
          var_samp(orders) filter (where measured)::float8 as orders_variance,
          avg(revenue) filter (where measured)::float8 as revenue_mean,
          var_samp(revenue) filter (where measured)::float8 as revenue_variance
        from per group by program_id, is_control order by program_id, is_control`,
  );
  return rows.map((r) => ({
    programId: r.program_id,
    isControl: r.is_control,
    enrolled: r.enrolled,
    enrolledLast4Weeks: r.recent,
    measured: r.measured,
    repeaters: r.repeaters,
    ordersMean: r.orders_mean ?? 0,
    ordersVariance: r.orders_variance ?? 0,
    revenueMean: r.revenue_mean ?? 0,
    revenueVariance: r.revenue_variance ?? 0,
  }));
}

export type CurveRow = {
  programId: number;
  isControl: boolean;
  week: number;
  /** Customers observed for at least `week` weeks since enrolling. */
  observed: number;
  /** Of those, customers with an order after enrolling within `week` weeks. */
  repeated: number;
};

/**
 * Retention curves for all programs in one query: each enrolment's weeks observed and the week of
 * its first later order are grouped first (a few hundred combinations), and only those are spread
 * over weeks 1…maxWeeks.
 */
export async function retentionCurveCounts(
  db: Database,
  scope: { programIds: readonly number[]; now: Date; maxWeeks: number },
): Promise<CurveRow[]> {
  if (scope.programIds.length === 0) return [];
  const ids = sql`array[${sql.join(
    scope.programIds.map((id) => sql`${id}::int`),
    sql`, `,
  )}]::int[]`;
  const max = sql`${scope.maxWeeks}::int`;
  const rows = await queryRows<{
    program_id: number;
    is_control: boolean;
    week: number;
    observed: number;
    repeated: number;
  }>(
    db,
    sql`with p as (
          select p.id, ${untilSql(scope.now)} as until from programs p where p.id = any(${ids})
        ),
        per as (
          select e.program_id, e.is_control,
            least(${max}, floor(extract(epoch from (p.until - e.enrolled_at)) / 604800))::int as observed,
            coalesce(ceil(extract(epoch from (f.first_at - e.enrolled_at)) / 604800)::int, ${max} + 1) as first_week
          from enrollments e join p on p.id = e.program_id
          left join lateral (
            select min(o.placed_at) as first_at from orders o
            where o.customer_id = e.customer_id and o.placed_at > e.enrolled_at
              and o.placed_at <= least(p.until, e.enrolled_at + ${max} * interval '1 week')
          ) f on true
          where e.enrolled_at < p.until
        ),
        grouped as (
          select program_id, is_control, observed, first_week, count(*)::int as n
          from per where observed >= 1 group by 1, 2, 3, 4
        )
        select g.program_id, g.is_control, k.week,
          coalesce(sum(g.n) filter (where g.observed >= k.week), 0)::int as observed,
          coalesce(sum(g.n) filter (where g.observed >= k.week and g.first_week <= k.week), 0)::int as repeated
        from grouped g cross join generate_series(1, ${max}) as k(week)
        group by 1, 2, 3 order by 1, 2, 3`,
  );
  return rows
    .filter((r) => r.observed > 0)
    .map((r) => ({
      programId: r.program_id,
      isControl: r.is_control,
      week: r.week,
      observed: r.observed,
      repeated: r.repeated,
    }));
}
