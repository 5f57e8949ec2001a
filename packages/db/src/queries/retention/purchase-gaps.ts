import { sql, type SQL } from "drizzle-orm";
import type { PurchaseGaps } from "@boomerang/domain/metrics";
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
import { audienceFilter, type AcquisitionRange, type RetentionAudience } from "./scope";

/**
 * Days between consecutive orders of customers acquired in the range: median and histogram.
 * Everyone and one home store read retention_gap_counts (migration 0009); programs and segments
 * read the arrays live.
 */
export async function purchaseGapsFromFeatures(
  db: Database,
  bucketDays: number,
  capDays: number,
  range: AcquisitionRange,
  audience: RetentionAudience,
  options: { cache?: boolean } = {},
): Promise<PurchaseGaps> {
  const buckets = Math.ceil(capDays / bucketDays);
  const counts = new Array<number>(buckets + 1).fill(0);
  let medianDays: number | null;
  const cached =
    cardCacheable(audience) && options.cache !== false
      ? await cachedGapCounts(db, range, audience)
      : null;
  if (cached) {
    for (const r of cached) counts[Math.min(Math.floor(r.gap / bucketDays), buckets)]! += r.n;
    medianDays = medianOfCounts(cached);
  } else {
    const filter = audienceFilter(audience, sql`cf.customer_id`, sql`cf.home_store_id`);
    const rows = await queryRows<{ bucket: number; n: number; median: number | null }>(
      db,
      sql`
        with g as (
          select (u.nx - u.d) as gap
          from customer_features cf
          cross join lateral unnest(cf.order_days, cf.order_days[2:]) as u(d, nx)
          where u.nx is not null
            and cf.first_order_at >= ${instant(range.from)} and cf.first_order_at < ${instant(range.to)} and ${filter}
        ),
        b as (select least(gap / ${bucketDays}::int, ${buckets}::int)::int as bucket, count(*)::int as n from g group by 1)
        select b.bucket, b.n, null::float8 as median from b
        union all
        select -1, 0, (select percentile_cont(0.5) within group (order by gap)::float8 from g)
      `,
    );
    for (const r of rows) if (r.bucket >= 0) counts[r.bucket] = r.n;
    medianDays = rows.find((r) => r.bucket === -1)?.median ?? null;
  }
  return {
    gaps: counts.reduce((s, n) => s + n, 0),
    medianDays,
    histogram: counts.map((count, i) => ({
      fromDay: i * bucketDays,
      toDay: i === buckets ? null : (i + 1) * bucketDays - 1,
      count,
    })),
  };
}

/**
 * percentile_cont(0.5) of a distribution given as (value, count) rows in ascending order: the
 * middle value, or the mean of the two middle ones, as PostgreSQL interpolates them.
 */
export function medianOfCounts(rows: readonly { gap: number; n: number }[]): number | null {
  const total = rows.reduce((s, r) => s + r.n, 0);
  if (total === 0) return null;
  const position = (total - 1) / 2;
  const at = (index: number) => {
    let seen = 0;
    for (const r of rows) {
      seen += r.n;
      if (index < seen) return r.gap;
    }
    return rows[rows.length - 1]!.gap;
  };
  const lo = at(Math.floor(position));
  const hi = at(Math.ceil(position));
  return lo + (hi - lo) * (position - Math.floor(position));
}

/** Per home store and cohort month, how many consecutive order pairs were `gap` days apart. */
function gapRowsSql(where: SQL): SQL {
  return sql`
    select coalesce(cf.home_store_id, 0) as store_id, cf.first_order_month as cohort_month,
           (u.nx - u.d) as gap, count(*)::int as n
    from customer_features cf
    cross join lateral unnest(cf.order_days, cf.order_days[2:]) as u(d, nx)
    where u.nx is not null and cf.first_order_at is not null and ${where}
    group by 1, 2, 3
  `;
}

/**
 * The gap distribution (ascending) of everyone or one home store acquired in the range, from
 * retention_gap_counts, filling its missing cohort months first; months the range cuts as for the
 * cohort matrix. Null when the time zone is not the business's.
 */
async function cachedGapCounts(
  db: Database,
  range: AcquisitionRange,
  audience: RetentionAudience,
): Promise<{ gap: number; n: number }[] | null> {
  const timezone = audience.timezone;
  return db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    const span = await acquisitionSpan(t, range, timezone);
    if (!span || span.business !== timezone) return null;
    const { cached, cut, live, inRange } = spanParts(span, range);
    const key = sql`c.timezone = ${timezone}`;
    const missing = await missingCohortMonths(t, sql`retention_gap_counts`, key, cached);
    await fillCohortMonths(t, missing, (months) => ({
      remove: sql`delete from retention_gap_counts c where ${key} and c.cohort_month = any(${months})`,
      // Gap −1 counts the month's customers: a month where nobody bought twice is still filled.
      insert: sql`
        insert into retention_gap_counts (timezone, store_id, cohort_month, gap, n)
        select ${timezone}, r.store_id, r.cohort_month, r.gap, r.n
        from (${gapRowsSql(sql`cf.first_order_month = any(${months})`)}) r
        union all
        select ${timezone}, coalesce(cf.home_store_id, 0), cf.first_order_month, -1, count(*)::int
        from customer_features cf
        where cf.first_order_month = any(${months}) and cf.first_order_at is not null
        group by 2, 3
      `,
    }));
    const filter = audienceFilter(audience, sql`cf.customer_id`, sql`cf.home_store_id`);
    return queryRows<{ gap: number; n: number }>(
      t,
      sql`
        with parts as (
          select c.gap, c.n from retention_gap_counts c
          where ${key} and ${cacheStore(audience)} and c.cohort_month = any(${cached}) and c.gap >= 0
          union all
          select gap, -n from (${gapRowsSql(sql`cf.first_order_month = any(${cut}) and not (${inRange}) and ${filter}`)}) outside
          union all
          select gap, n from (${gapRowsSql(sql`cf.first_order_month = any(${live}) and ${inRange} and ${filter}`)}) inside
        )
        select gap, sum(n)::int as n from parts group by gap having sum(n) <> 0 order by gap
      `,
    );
  });
}
