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
 * `source` yields (cohort date, first_day, days): days are every order's day offset in ascending
 * order, so days[1] is the first order's 0 and days[2:] are the orders after it.
 *
 * Set-based, without a subquery per customer: each later order is put in its bracket with
 * width_bucket (the brackets are contiguous from day 0), and since the offsets are sorted a customer
 * is counted once per bracket by counting only the first of their orders in it (the one whose
 * previous offset falls in another bracket). Customers are grouped by cohort and days since their
 * first purchase before being compared with the brackets' last days.
 */
function bracketRowsSql(source: SQL, brackets: readonly RetentionBracket[], today: number): SQL {
  const last = brackets.at(-1)!.toDay;
  const thresholds = intArray([...brackets.map((b) => b.fromDay), last + 1]);
  const bucket = (day: SQL) => sql`width_bucket(${day}, ${thresholds})`;
  return sql`
    with s as (${source}),
    b as (
      select hi, i::int as i
      from unnest(${intArray(brackets.map((b) => b.toDay))}) with ordinality as b(hi, i)
    ),
    ages as (
      select s.cohort, least(${today}::int - s.first_day, ${last + 1}::int) as age, count(*)::int as n
      from s group by 1, 2
    ),
    sized as (
      select a.cohort, b.i, sum(a.n)::int as size,
             coalesce(sum(a.n) filter (where a.age > b.hi), 0)::int as eligible
      from ages a cross join b
      group by 1, 2
    ),
    bought as (
      select s.cohort, ${bucket(sql`u.d`)} as i, count(*)::int as buyers
      from s cross join lateral unnest(s.days[2:], s.days[1:cardinality(s.days) - 1])
        with ordinality as u(d, p, k)
      where ${bucket(sql`u.d`)} between 1 and ${brackets.length}::int
        and (u.k = 1 or ${bucket(sql`u.p`)} <> ${bucket(sql`u.d`)})
      group by 1, 2
    )
    select to_char(sized.cohort, 'YYYY-MM-DD') as cohort, sized.i as bracket, sized.size,
           coalesce(bought.buyers, 0)::int as buyers, sized.eligible
    from sized left join bought on bought.cohort = sized.cohort and bought.i = sized.i
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
    select ${cohortOf(grain)} as cohort,
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
             date_trunc(${grain}, date '1970-01-01' + f.first_day)::date as cohort
      from f join customers cu on cu.id = f.customer_id
      where f.first_at >= ${instant(range.from)} and f.first_at < ${instant(range.to)} and ${filter}
    )
    select c.cohort, c.first_day, array_agg(o.day - c.first_day order by o.day) as days
    from c join o on o.customer_id = c.customer_id
    group by c.customer_id, c.cohort, c.first_day
  `;
  const rows = await queryRows<BracketRow>(db, bracketRowsSql(source, brackets, today));
  return foldBracketRows(rows, brackets.length);
}
