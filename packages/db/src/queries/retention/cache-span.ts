import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";
import {
  businessTimezone,
  CACHE_LOCK,
  type AcquisitionRange,
  type RetentionAudience,
} from "./scope";

/**
 * How an acquisition range splits into cohort months (cut in `timezone`): `cached` are read from a
 * per-cohort-month cache (whole months, and months mostly inside the range), `cut` are those of
 * them the range cuts (their customers outside it are subtracted, computed live), `live` are
 * months mostly outside it (their customers inside are computed live). Arrays as PostgreSQL date[]
 * text; `business` is the business's time zone, in which customer_features cuts cohort months.
 */
export type CacheSpan = { cached: string; cut: string; live: string; business: string };

export async function acquisitionSpan(
  t: Database,
  range: AcquisitionRange,
  timezone: string,
): Promise<CacheSpan | undefined> {
  const from = instant(range.from);
  const to = instant(range.to);
  const [span] = await queryRows<CacheSpan>(
    t,
    sql`
      with months as (
        select g::date as m,
               (g::timestamp at time zone ${timezone}) as s,
               ((g + interval '1 month')::timestamp at time zone ${timezone}) as e
        from generate_series(date_trunc('month', ${from} at time zone ${timezone}),
                             date_trunc('month', ${to} at time zone ${timezone}), interval '1 month') g
      ),
      x as (
        select m, s >= ${from} and e <= ${to} as whole,
               extract(epoch from least(e, ${to}) - greatest(s, ${from})) * 2 > extract(epoch from e - s) as mostly
        from months
      )
      select coalesce(array_agg(m) filter (where whole or mostly), '{}')::text as cached,
             coalesce(array_agg(m) filter (where mostly and not whole), '{}')::text as cut,
             coalesce(array_agg(m) filter (where not mostly and not whole), '{}')::text as live,
             ${businessTimezone} as business
      from x
    `,
  );
  return span;
}

/** The three parts of a span as SQL date[] values, and the range as a customer_features condition. */
export function spanParts(span: CacheSpan, range: AcquisitionRange) {
  return {
    cached: sql`${span.cached}::date[]`,
    cut: sql`${span.cut}::date[]`,
    live: sql`${span.live}::date[]`,
    inRange: sql`cf.first_order_at >= ${instant(range.from)} and cf.first_order_at < ${instant(range.to)}`,
  };
}

/**
 * The card caches (migration 0009) hold everyone and each home store: a program or a segment
 * reads the arrays live.
 */
export const cardCacheable = (audience: RetentionAudience): boolean =>
  audience.program === null && !audience.members;

/** The cache rows of the audience: one home store's, or every store's (everyone). */
export const cacheStore = (audience: RetentionAudience): SQL =>
  audience.storeId === null ? sql`true` : sql`store_id = ${audience.storeId}::int`;

/**
 * Of `months` (a date[]), those with customers that `table` holds no row of under `key`, as
 * date[] text. A month is always filled for every store at once, so `key` names no store.
 */
export async function missingCohortMonths(
  t: Database,
  table: SQL,
  key: SQL,
  months: SQL,
): Promise<string> {
  const [missing] = await queryRows<{ months: string }>(
    t,
    sql`
      select coalesce(array_agg(w.m), '{}')::text as months from unnest(${months}) as w(m)
      where not exists (select 1 from ${table} c where ${key} and c.cohort_month = w.m)
        and exists (select 1 from customer_features cf where cf.first_order_month = w.m)
    `,
  );
  return missing?.months ?? "{}";
}

/** Every cohort month that has customers, from the first to the last, as a date[]. */
export const allCohortMonths = sql`(
  select coalesce(array_agg(g::date), '{}')
  from (select min(first_order_month) as lo, max(first_order_month) as hi from customer_features) b
  cross join lateral generate_series(b.lo, b.hi, interval '1 month') g
)`;

/**
 * Computes and stores the missing cohort months (date[] text) of a cache: under the advisory lock
 * that writers to customer_features hold shared until they commit (migration 0007), so a month is
 * never computed from features a still-running writer is changing.
 */
export async function fillCohortMonths(
  t: Database,
  missing: string,
  fill: (months: SQL) => { remove: SQL; insert: SQL },
): Promise<void> {
  if (missing === "{}") return;
  await t.execute(sql`select pg_advisory_xact_lock(${CACHE_LOCK}::bigint)`);
  // Memoizing the arrays' unnest per customer row only costs (hashing arrays that never repeat).
  await t.execute(sql`set local enable_memoize = off`);
  const { remove, insert } = fill(sql`${missing}::date[]`);
  await t.execute(remove);
  await t.execute(insert);
}
