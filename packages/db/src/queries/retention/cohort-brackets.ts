import { sql, type SQL } from "drizzle-orm";
import type { BracketCounts, CohortGrain, RetentionBracket } from "@boomerang/domain/metrics";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";
import {
  acquisitionSpan,
  cacheStore,
  cardCacheable,
  fillCohortMonths,
  missingCohortMonths,
  spanParts,
} from "./cache-span";
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
 * pass over the audience's rows, never over orders. `today` is a local day number. Everyone and one
 * home store by month or quarter read retention_bracket_counts (per bracket list) unless
 * `cache: false`; weeks, programs and segments read the arrays live.
 */
export async function cohortBracketsFromFeatures(
  db: Database,
  grain: CohortGrain,
  brackets: readonly RetentionBracket[],
  today: number,
  range: AcquisitionRange,
  audience: RetentionAudience,
  options: { cache?: boolean } = {},
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
  const cached =
    grain !== "week" && cardCacheable(audience) && options.cache !== false
      ? await cachedBracketRows(db, grain, brackets, today, range, audience)
      : null;
  const rows = cached ?? (await queryRows<BracketRow>(db, bracketRowsSql(source, brackets, today)));
  return foldBracketRows(rows, brackets.length);
}

/** How many bracket lists retention_bracket_counts keeps before it drops the others on a fill. */
export const MAX_BRACKET_LISTS = 24;

/** Brackets as bracketsFromEnds makes them: contiguous from day 0 (the cache is keyed by ends). */
const contiguous = (brackets: readonly RetentionBracket[]): boolean =>
  brackets.every((b, i) => b.fromDay === (i === 0 ? 0 : brackets[i - 1]!.toDay + 1));

/**
 * The rows of retention_bracket_counts for the customer_features rows matching `where`: per home
 * store and cohort month, the customers per first local day (bracket 0) and the customers who
 * bought again in each bracket (as bracketRowsSql counts them, once per bracket).
 */
function bracketCacheRowsSql(
  brackets: readonly RetentionBracket[],
  timezone: string,
  where: SQL,
): SQL {
  const last = brackets.at(-1)!.toDay;
  const thresholds = intArray([...brackets.map((b) => b.fromDay), last + 1]);
  const bucket = (day: SQL) => sql`width_bucket(${day}, ${thresholds})`;
  return sql`
    with s as (
      select coalesce(cf.home_store_id, 0) as store_id, cf.first_order_month as cohort_month,
             ${localDayNumber(sql`cf.first_order_at`, timezone)} as first_day, cf.order_days as days
      from customer_features cf
      where cf.first_order_at is not null and ${where}
    )
    select store_id, cohort_month, 0 as bracket, first_day, count(*)::int as n
    from s group by 1, 2, 4
    union all
    select s.store_id, s.cohort_month, ${bucket(sql`u.d`)} as bracket, 0 as first_day, count(*)::int as n
    from s cross join lateral unnest(s.days[2:], s.days[1:cardinality(s.days) - 1])
      with ordinality as u(d, p, k)
    where ${bucket(sql`u.d`)} between 1 and ${brackets.length}::int
      and (u.k = 1 or ${bucket(sql`u.p`)} <> ${bucket(sql`u.d`)})
    group by 1, 2, 3
  `;
}

/**
 * The bracket rows of everyone or of one home store, by month or quarter, from
 * retention_bracket_counts (migration 0016), filling the bracket list's missing cohort months
 * first. Months the range cuts are handled as for the repeat rate: the cached counts minus the
 * customers outside, or the customers inside computed live. Null when the time zone is not the
 * business's (the cached months are cut in it) or the brackets do not start at day 0 back to back.
 */
async function cachedBracketRows(
  db: Database,
  grain: "month" | "quarter",
  brackets: readonly RetentionBracket[],
  today: number,
  range: AcquisitionRange,
  audience: RetentionAudience,
): Promise<BracketRow[] | null> {
  if (!contiguous(brackets)) return null;
  const timezone = audience.timezone;
  const ends = brackets.map((b) => b.toDay).join(",");
  const last = brackets.at(-1)!.toDay;
  return db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    const span = await acquisitionSpan(t, range, timezone);
    if (!span || span.business !== timezone) return null;
    const { cached, cut, live, inRange } = spanParts(span, range);
    const key = sql`c.timezone = ${timezone} and c.ends = ${ends}`;
    const missing = await missingCohortMonths(t, sql`retention_bracket_counts`, key, cached);
    await fillCohortMonths(t, missing, (months) => ({
      // Any list can be asked for: past MAX_BRACKET_LISTS kept lists, the others are dropped.
      remove: sql`
        delete from retention_bracket_counts c
        where (${key} and c.cohort_month = any(${months}))
           or (c.ends <> ${ends}
               and (select count(distinct k.ends) from retention_bracket_counts k
                    where k.ends <> ${ends}) >= ${MAX_BRACKET_LISTS}::int)
      `,
      insert: sql`
        insert into retention_bracket_counts
          (timezone, ends, store_id, cohort_month, bracket, first_day, n)
        select ${timezone}, ${ends}, r.store_id, r.cohort_month, r.bracket, r.first_day, r.n
        from (${bracketCacheRowsSql(brackets, timezone, sql`cf.first_order_month = any(${months})`)}) r
      `,
    }));
    const filter = audienceFilter(audience, sql`cf.customer_id`, sql`cf.home_store_id`);
    const cohort =
      grain === "month" ? sql`cohort_month` : sql`date_trunc('quarter', cohort_month)::date`;
    return queryRows<BracketRow>(
      t,
      sql`
        with parts as (
          select c.cohort_month, c.bracket, c.first_day, c.n
          from retention_bracket_counts c
          where ${key} and ${cacheStore(audience)} and c.cohort_month = any(${cached})
          union all
          select cohort_month, bracket, first_day, -n
          from (${bracketCacheRowsSql(brackets, timezone, sql`cf.first_order_month = any(${cut}) and not (${inRange}) and ${filter}`)}) outside
          union all
          select cohort_month, bracket, first_day, n
          from (${bracketCacheRowsSql(brackets, timezone, sql`cf.first_order_month = any(${live}) and ${inRange} and ${filter}`)}) inside
        ),
        counts as (
          select ${cohort} as cohort, bracket,
                 least(${today}::int - first_day, ${last + 1}::int) as age, sum(n)::int as n
          from parts group by 1, 2, 3
        ),
        b as (
          select hi, i::int as i
          from unnest(${intArray(brackets.map((b) => b.toDay))}) with ordinality as b(hi, i)
        ),
        sized as (
          select c.cohort, b.i, sum(c.n)::int as size,
                 coalesce(sum(c.n) filter (where c.age > b.hi), 0)::int as eligible
          from counts c cross join b
          where c.bracket = 0
          group by 1, 2
          having sum(c.n) <> 0
        ),
        bought as (
          select cohort, bracket as i, sum(n)::int as buyers from counts where bracket > 0 group by 1, 2
        )
        select to_char(sized.cohort, 'YYYY-MM-DD') as cohort, sized.i as bracket, sized.size,
               coalesce(bought.buyers, 0)::int as buyers, sized.eligible
        from sized left join bought on bought.cohort = sized.cohort and bought.i = sized.i
      `,
    );
  });
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
