import { sql, type SQL } from "drizzle-orm";
import type { RepeatRate, RepeatRateRow } from "@boomerang/domain/metrics";
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
import { isCachedRepeatWindow } from "./cache-keys";
import {
  audienceFilter,
  localDayNumber,
  type AcquisitionRange,
  type RetentionAudience,
} from "./scope";

/**
 * Repeat-purchase rate within `withinDays` of the first order, by first-purchase month, from
 * customer_features (order_days[2] is the second order's day offset). `today` is a local day number.
 * Everyone and one home store read retention_repeat_days for the cached windows only
 * (CACHED_REPEAT_WITHIN_DAYS); any other window is computed live, without the cache lock.
 */
export async function repeatRateFromFeatures(
  db: Database,
  withinDays: number,
  today: number,
  range: AcquisitionRange,
  audience: RetentionAudience,
  options: { cache?: boolean } = {},
): Promise<RepeatRate> {
  const filter = audienceFilter(audience, sql`cf.customer_id`, sql`cf.home_store_id`);
  const firstDay = localDayNumber(sql`cf.first_order_at`, audience.timezone);
  const cached =
    cardCacheable(audience) && options.cache !== false && isCachedRepeatWindow(withinDays)
      ? await cachedRepeatRows(db, withinDays, today, range, audience)
      : null;
  const rows =
    cached ??
    (await queryRows<CohortRepeatRow>(
      db,
      sql`
      select to_char(cf.first_order_month, 'YYYY-MM-DD') as cohort,
             count(*) filter (where ${today}::int - ${firstDay} >= ${withinDays}::int)::int as eligible,
             count(*) filter (where ${today}::int - ${firstDay} >= ${withinDays}::int
                               and cf.order_days[2] <= ${withinDays}::int)::int as repeaters,
             count(*)::int as customers,
             sum(cf.orders_count - 1)::float8 as repeat_orders
      from customer_features cf
      where cf.first_order_at >= ${instant(range.from)} and cf.first_order_at < ${instant(range.to)} and ${filter}
      group by 1 order by 1
    `,
    ));
  const rate = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
  const byCohort: RepeatRateRow[] = rows.map((r) => ({
    cohort: r.cohort,
    eligible: r.eligible,
    repeaters: r.repeaters,
    rate: rate(r.repeaters, r.eligible),
  }));
  const eligible = byCohort.reduce((s, r) => s + r.eligible, 0);
  const repeaters = byCohort.reduce((s, r) => s + r.repeaters, 0);
  const customers = rows.reduce((s, r) => s + r.customers, 0);
  return {
    withinDays,
    overall: { cohort: "all", eligible, repeaters, rate: rate(repeaters, eligible) },
    byCohort,
    repeatPurchasesPerCustomer: rate(
      rows.reduce((s, r) => s + r.repeat_orders, 0),
      customers,
    ),
  };
}

type CohortRepeatRow = {
  cohort: string;
  eligible: number;
  repeaters: number;
  customers: number;
  repeat_orders: number;
};

/**
 * Per home store, cohort month and first local day: customers, those whose second order came
 * within `withinDays`, and their orders after the first (the rows of retention_repeat_days).
 */
function repeatDayRowsSql(withinDays: number, timezone: string, where: SQL): SQL {
  return sql`
    select coalesce(cf.home_store_id, 0) as store_id, cf.first_order_month as cohort_month,
           ${localDayNumber(sql`cf.first_order_at`, timezone)} as first_day,
           count(*)::int as customers,
           count(*) filter (where cf.order_days[2] <= ${withinDays}::int)::int as repeaters,
           sum(cf.orders_count - 1)::bigint as repeat_orders
    from customer_features cf
    where cf.first_order_at is not null and ${where}
    group by 1, 2, 3
  `;
}

/**
 * The repeat rate's cohort rows of everyone or of one home store from retention_repeat_days
 * (migration 0009), filling the missing cohort months first. Months the range cuts are handled as
 * for the cohort matrix: the cached counts minus the customers outside, or the customers inside
 * computed live. Null when the time zone is not the business's (the cached days are cut in it).
 */
async function cachedRepeatRows(
  db: Database,
  withinDays: number,
  today: number,
  range: AcquisitionRange,
  audience: RetentionAudience,
): Promise<CohortRepeatRow[] | null> {
  const timezone = audience.timezone;
  return db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    const span = await acquisitionSpan(t, range, timezone);
    if (!span || span.business !== timezone) return null;
    const { cached, cut, live, inRange } = spanParts(span, range);
    const key = sql`c.timezone = ${timezone} and c.within_days = ${withinDays}::int`;
    const missing = await missingCohortMonths(t, sql`retention_repeat_days`, key, cached);
    await fillCohortMonths(t, missing, (months) => ({
      remove: sql`delete from retention_repeat_days c where ${key} and c.cohort_month = any(${months})`,
      insert: sql`
        insert into retention_repeat_days
          (timezone, within_days, store_id, cohort_month, first_day, customers, repeaters, repeat_orders)
        select ${timezone}, ${withinDays}::int, r.store_id, r.cohort_month, r.first_day, r.customers, r.repeaters, r.repeat_orders
        from (${repeatDayRowsSql(withinDays, timezone, sql`cf.first_order_month = any(${months})`)}) r
      `,
    }));
    const filter = audienceFilter(audience, sql`cf.customer_id`, sql`cf.home_store_id`);
    const eligible = sql`${today}::int - first_day >= ${withinDays}::int`;
    return queryRows<CohortRepeatRow>(
      t,
      sql`
        with parts as (
          select c.cohort_month, c.first_day, c.customers, c.repeaters, c.repeat_orders
          from retention_repeat_days c
          where ${key} and ${cacheStore(audience)} and c.cohort_month = any(${cached})
          union all
          select cohort_month, first_day, -customers, -repeaters, -repeat_orders
          from (${repeatDayRowsSql(withinDays, timezone, sql`cf.first_order_month = any(${cut}) and not (${inRange}) and ${filter}`)}) outside
          union all
          select cohort_month, first_day, customers, repeaters, repeat_orders
          from (${repeatDayRowsSql(withinDays, timezone, sql`cf.first_order_month = any(${live}) and ${inRange} and ${filter}`)}) inside
        )
        select to_char(cohort_month, 'YYYY-MM-DD') as cohort,
               coalesce(sum(customers) filter (where ${eligible}), 0)::int as eligible,
               coalesce(sum(repeaters) filter (where ${eligible}), 0)::int as repeaters,
               sum(customers)::int as customers,
               sum(repeat_orders)::float8 as repeat_orders
        from parts
        group by cohort_month having sum(customers) <> 0
        order by 1
      `,
    );
  });
}
