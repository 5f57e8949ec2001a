import { sql } from "drizzle-orm";
import type { CohortCounts, CohortGrain } from "@boomerang/domain/metrics";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";
import { foldCohortRows, type CohortCountRow } from "./cohorts";
import { audienceFilter, type AcquisitionRange, type RetentionAudience } from "./scope";

export type SalesChannel = "online" | "offline";

/**
 * The same counts as cohortCountsFromFeatures, straight from orders: the benchmark's baseline, and
 * the answer for a channel filter (customer_features does not split activity by channel). With a
 * channel, "first purchase" is the first purchase in that channel.
 */
export async function cohortCountsFromOrders(
  db: Database,
  grain: CohortGrain,
  range: AcquisitionRange,
  audience: RetentionAudience,
  channel: SalesChannel | null = null,
): Promise<CohortCounts[]> {
  const tz = audience.timezone;
  const filter = audienceFilter(audience, sql`cu.id`, sql`cu.home_store_id`);
  const onChannel = channel === null ? sql`true` : sql`o.channel = ${channel}`;
  const period =
    grain === "week"
      ? sql`((date_trunc('week', o.day)::date - c.cohort_start) / 7)`
      : sql`(((extract(year from o.day) * 12 + extract(month from o.day))
              - (extract(year from c.cohort_start) * 12 + extract(month from c.cohort_start)))::int / ${grain === "quarter" ? 3 : 1}::int)`;
  const rows = await queryRows<CohortCountRow>(
    db,
    sql`
      with o as (
        select o.customer_id, o.placed_at, o.total, (o.placed_at at time zone ${tz})::date as day
        from orders o where ${onChannel}
      ),
      f as (select customer_id, min(placed_at) as first_at, min(day) as first_day from o group by customer_id),
      c as (
        select f.customer_id, date_trunc(${grain}, f.first_day)::date as cohort_start
        from f join customers cu on cu.id = f.customer_id
        where f.first_at >= ${instant(range.from)} and f.first_at < ${instant(range.to)} and ${filter}
      ),
      per as (
        select c.customer_id, to_char(c.cohort_start, 'YYYY-MM-DD') as cohort, ${period}::int as k, sum(o.total) as r
        from o join c on c.customer_id = o.customer_id
        group by 1, 2, 3
      )
      select 'size' as kind, cohort, 0 as k, count(distinct customer_id)::int as n, null::float8 as revenue from per group by cohort
      union all
      select 'last', cohort, k, count(*)::int, null::float8
      from (select cohort, max(k) as k from per group by customer_id, cohort) l group by 1, 2, 3
      union all
      select 'active', cohort, k, count(*)::int, ${grain === "week" ? sql`null::float8` : sql`sum(r)::float8`} from per group by 1, 2, 3
    `,
  );
  return foldCohortRows(rows, grain !== "week");
}
