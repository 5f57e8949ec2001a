import { sql } from "drizzle-orm";
import type { PurchaseGaps } from "@boomerang/domain/metrics";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";
import { audienceFilter, type AcquisitionRange, type RetentionAudience } from "./scope";

/** Days between consecutive orders of customers acquired in the range: median and histogram. */
export async function purchaseGapsFromFeatures(
  db: Database,
  bucketDays: number,
  capDays: number,
  range: AcquisitionRange,
  audience: RetentionAudience,
): Promise<PurchaseGaps> {
  const filter = audienceFilter(audience, sql`cf.customer_id`, sql`cf.home_store_id`);
  const buckets = Math.ceil(capDays / bucketDays);
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
  const counts = new Array<number>(buckets + 1).fill(0);
  for (const r of rows) if (r.bucket >= 0) counts[r.bucket] = r.n;
  return {
    gaps: counts.reduce((s, n) => s + n, 0),
    medianDays: rows.find((r) => r.bucket === -1)?.median ?? null,
    histogram: counts.map((count, i) => ({
      fromDay: i * bucketDays,
      toDay: i === buckets ? null : (i + 1) * bucketDays - 1,
      count,
    })),
  };
}
