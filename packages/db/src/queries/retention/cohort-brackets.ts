import { sql, type SQL } from "drizzle-orm";
import type { BracketCounts, CohortGrain, RetentionBracket } from "@boomerang/domain/metrics";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";
import type { SalesChannel } from "./cohorts-from-orders";
import {
  audienceFilter,
  intArray,
  localDayNumber,
  type AcquisitionRange,
  type RetentionAudience,
} from "./scope";

type BracketRow = {
  cohort: string;
  bracket: number;
  size: number;
  buyers: number;
  eligible: number;
};

/**
 * Per cohort and bracket: size, customers with an order other than their first on one of the
 * bracket's days (day offsets from the first order's day) and customers already past the bracket.
 * `source` yields (cohort, first_day, days): days are every order's day offset, the first's (0) too.
 */
function bracketRowsSql(source: SQL, brackets: readonly RetentionBracket[], today: number): SQL {
  return sql`
    with s as (${source})
    select s.cohort, b.i::int as bracket, count(*)::int as size,
           count(*) filter (
             where (select count(*) from unnest(s.days) d where d between b.lo and b.hi)
                   > case when b.lo = 0 then 1 else 0 end
           )::int as buyers,
           count(*) filter (where ${today}::int - s.first_day > b.hi)::int as eligible
    from s cross join unnest(${intArray(brackets.map((b) => b.fromDay))},
                             ${intArray(brackets.map((b) => b.toDay))}) with ordinality as b(lo, hi, i)
    group by 1, 2
  `;
}

function foldBracketRows(rows: readonly BracketRow[], brackets: number): BracketCounts[] {
  const byCohort = new Map<string, BracketCounts>();
  for (const r of rows) {
    const c = byCohort.get(r.cohort) ?? {
      cohort: r.cohort,
      size: r.size,
      buyers: Array.from({ length: brackets }, () => 0),
      eligible: Array.from({ length: brackets }, () => 0),
    };
    c.buyers[r.bracket - 1] = r.buyers;
    c.eligible[r.bracket - 1] = r.eligible;
    byCohort.set(r.cohort, c);
  }
  return [...byCohort.values()].sort((a, b) => a.cohort.localeCompare(b.cohort));
}

const cohortOf = (grain: CohortGrain): SQL =>
  grain === "week"
    ? sql`cf.first_order_week`
    : grain === "month"
      ? sql`cf.first_order_month`
      : sql`date_trunc('quarter', cf.first_order_month)::date`;

/**
 * Custom retention brackets (days 0–7, 8–30, …) per cohort, from customer_features.order_days: one
 * pass over the audience's rows, never over orders. `today` is a local day number.
 */
export async function cohortBracketsFromFeatures(
  db: Database,
  grain: CohortGrain,
  brackets: readonly RetentionBracket[],
  today: number,
  range: AcquisitionRange,
  audience: RetentionAudience,
): Promise<BracketCounts[]> {
  if (brackets.length === 0) return [];
  const filter = audienceFilter(audience, sql`cf.customer_id`, sql`cf.home_store_id`);
  const source = sql`
    select to_char(${cohortOf(grain)}, 'YYYY-MM-DD') as cohort,
           ${localDayNumber(sql`cf.first_order_at`, audience.timezone)} as first_day,
           cf.order_days as days
    from customer_features cf
    where cf.first_order_at >= ${instant(range.from)} and cf.first_order_at < ${instant(range.to)}
      and ${filter}
  `;
  const rows = await queryRows<BracketRow>(db, bracketRowsSql(source, brackets, today));
  return foldBracketRows(rows, brackets.length);
}

/**
 * The same counts from orders of one channel (customer_features does not split orders by channel):
 * the first purchase is the first in that channel, and only that channel's orders count.
 */
export async function cohortBracketsFromOrders(
  db: Database,
  grain: CohortGrain,
  brackets: readonly RetentionBracket[],
  today: number,
  range: AcquisitionRange,
  audience: RetentionAudience,
  channel: SalesChannel | null,
): Promise<BracketCounts[]> {
  if (brackets.length === 0) return [];
  const tz = audience.timezone;
  const filter = audienceFilter(audience, sql`cu.id`, sql`cu.home_store_id`);
  const onChannel = channel === null ? sql`true` : sql`o.channel = ${channel}`;
  const source = sql`
    with o as (
      select o.customer_id, o.placed_at, ${localDayNumber(sql`o.placed_at`, tz)} as day
      from orders o where ${onChannel}
    ),
    f as (select customer_id, min(placed_at) as first_at, min(day) as first_day from o group by customer_id),
    c as (
      select f.customer_id, f.first_day,
             to_char(date_trunc(${grain}, date '1970-01-01' + f.first_day)::date, 'YYYY-MM-DD') as cohort
      from f join customers cu on cu.id = f.customer_id
      where f.first_at >= ${instant(range.from)} and f.first_at < ${instant(range.to)} and ${filter}
    )
    select c.cohort, c.first_day, array_agg(o.day - c.first_day) as days
    from c join o on o.customer_id = c.customer_id
    group by c.customer_id, c.cohort, c.first_day
  `;
  const rows = await queryRows<BracketRow>(db, bracketRowsSql(source, brackets, today));
  return foldBracketRows(rows, brackets.length);
}
