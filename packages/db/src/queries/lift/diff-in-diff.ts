import { sql } from "drizzle-orm";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";

/** Customers count as active before launch with an order in these weeks before it. */
export const ACTIVE_BEFORE_WEEKS = 26;
/** Same-store comparison customers needed before the estimate relies on them alone. */
export const MIN_SAME_STORE_COMPARISON = 30;

export type DiffInDiffRow = {
  programId: number;
  /** True for the program's members, false for the comparable non-members. */
  member: boolean;
  customers: number;
  /**
   * True when the comparison customers come from the members' home stores; false when those stores
   * had too few non-members (a pilot that enrolled a whole store) and every store's were used.
   */
  sameStores: boolean;
  repeatBefore: number;
  repeatAfter: number;
  repeatChangeVariance: number;
  ordersBefore: number;
  ordersAfter: number;
  ordersChangeVariance: number;
  revenueBefore: number;
  revenueAfter: number;
  revenueChangeVariance: number;
};

/**
 * The panel for a difference-in-differences estimate of programs without a control group, in one
 * query for all of them. Members: customers enrolled when the program launched (within a day of
 * it; later joiners have no "before"). Comparable customers: never enrolled in the program, whose
 * home store is one of the members' home stores; when those stores have fewer than 30 such
 * customers (a pilot that enrolled a whole store), non-members of every store. Both only if they ordered in the 26 weeks before
 * launch, so lapsed customers on either side do not drive the estimate. Each customer's outcome is
 * the window after launch minus the same-length window before it. Programs whose window after
 * launch has not ended by `now` (or by the program's end) give no rows.
 */
export async function diffInDiffGroups(
  db: Database,
  scope: {
    programIds: readonly number[];
    now: Date;
    windowWeeks: number;
    /** Fewest same-store comparison customers to rely on; below it, every store's are used. */
    minComparison?: number;
  },
): Promise<DiffInDiffRow[]> {
  const minComparison = scope.minComparison ?? MIN_SAME_STORE_COMPARISON;
  if (scope.programIds.length === 0) return [];
  const ids = sql`array[${sql.join(
    scope.programIds.map((id) => sql`${id}::int`),
    sql`, `,
  )}]::int[]`;
  const weeks = sql`(${scope.windowWeeks}::int * interval '1 week')`;
  const active = sql`(${ACTIVE_BEFORE_WEEKS}::int * interval '1 week')`;
  const rows = await queryRows<{
    program_id: number;
    member: boolean;
    customers: number;
    same_stores: boolean;
    repeat_before: number;
    repeat_after: number;
    repeat_var: number | null;
    orders_before: number;
    orders_after: number;
    orders_var: number | null;
    revenue_before: number;
    revenue_after: number;
    revenue_var: number | null;
  }>(
    db,
    sql`with p as (
          select id, coalesce(activated_at, starts_at) as launch
          from programs
          where id = any(${ids}) and coalesce(activated_at, starts_at) is not null
            and coalesce(activated_at, starts_at) + ${weeks}
                <= least(${instant(scope.now)}, coalesce(ended_at, 'infinity'), coalesce(ends_at, 'infinity'))
        ),
        member_stores as (
          select distinct e.program_id, c.home_store_id
          from enrollments e join p on p.id = e.program_id join customers c on c.id = e.customer_id
          where not e.is_control and e.enrolled_at <= p.launch + interval '1 day'
            and c.home_store_id is not null
        ),
        -- Driven by the orders around launch (one range scan), so customers without any are never touched.
        windowed as (
          select p.id as program_id, p.launch, o.customer_id,
            count(*) filter (where o.placed_at > p.launch - ${weeks} and o.placed_at <= p.launch)::float8 as orders_before,
            count(*) filter (where o.placed_at > p.launch)::float8 as orders_after,
            coalesce(sum(o.total) filter (where o.placed_at > p.launch - ${weeks} and o.placed_at <= p.launch), 0)::float8 as revenue_before,
            coalesce(sum(o.total) filter (where o.placed_at > p.launch), 0)::float8 as revenue_after,
            count(*) filter (where o.placed_at <= p.launch) as active
          from p join orders o
            on o.placed_at > p.launch - greatest(${active}, ${weeks}) and o.placed_at <= p.launch + ${weeks}
          group by p.id, p.launch, o.customer_id
        ),
        panel as (
          select w.program_id, w.orders_before, w.orders_after, w.revenue_before, w.revenue_after, w.active,
            e.id is not null as member,
            e.id is not null or s.home_store_id is not null as same_store
          from windowed w
          join customers c on c.id = w.customer_id
          left join enrollments e on e.program_id = w.program_id and e.customer_id = w.customer_id
          left join member_stores s on s.program_id = w.program_id and s.home_store_id = c.home_store_id
          -- Members at launch, and customers never enrolled; not the control or later joiners.
          where e.id is null or (not e.is_control and e.enrolled_at <= w.launch + interval '1 day')
        ),
        active_panel as (select * from panel where active > 0),
        same_store_counts as (
          select program_id, count(*) filter (where not member and same_store) as n
          from active_panel group by program_id
        ),
        outcomes as (
          select a.program_id, a.member, a.orders_before, a.orders_after, a.revenue_before, a.revenue_after,
            (a.orders_before > 0)::int::float8 as repeat_before, (a.orders_after > 0)::int::float8 as repeat_after,
            (n.n >= ${minComparison}::int) as same_stores
          from active_panel a join same_store_counts n on n.program_id = a.program_id
          where a.member or a.same_store or n.n < ${minComparison}::int
        )
        select program_id, member, count(*)::int as customers, bool_and(same_stores) as same_stores,
          avg(repeat_before)::float8 as repeat_before, avg(repeat_after)::float8 as repeat_after,
          var_samp(repeat_after - repeat_before)::float8 as repeat_var,
          avg(orders_before)::float8 as orders_before, avg(orders_after)::float8 as orders_after,
          var_samp(orders_after - orders_before)::float8 as orders_var,
          avg(revenue_before)::float8 as revenue_before, avg(revenue_after)::float8 as revenue_after,
          var_samp(revenue_after - revenue_before)::float8 as revenue_var
        from outcomes group by program_id, member order by program_id, member desc`,
  );
  return rows.map((r) => ({
    programId: r.program_id,
    member: r.member,
    customers: r.customers,
    sameStores: r.same_stores,
    repeatBefore: r.repeat_before,
    repeatAfter: r.repeat_after,
    repeatChangeVariance: r.repeat_var ?? 0,
    ordersBefore: r.orders_before,
    ordersAfter: r.orders_after,
    ordersChangeVariance: r.orders_var ?? 0,
    revenueBefore: r.revenue_before,
    revenueAfter: r.revenue_after,
    revenueChangeVariance: r.revenue_var ?? 0,
  }));
}
