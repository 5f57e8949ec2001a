import { sql } from "drizzle-orm";
import type { RepeatRate, RepeatRateRow } from "@boomerang/domain/metrics";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";
import {
  audienceFilter,
  localDayNumber,
  type AcquisitionRange,
  type RetentionAudience,
} from "./scope";

/**
 * Repeat-purchase rate within `withinDays` of the first order, by first-purchase month, from
 * customer_features (order_days[2] is the second order's day offset). `today` is a local day number.
 */
export async function repeatRateFromFeatures(
  db: Database,
  withinDays: number,
  today: number,
  range: AcquisitionRange,
  audience: RetentionAudience,
): Promise<RepeatRate> {
  const filter = audienceFilter(audience, sql`cf.customer_id`, sql`cf.home_store_id`);
  const firstDay = localDayNumber(sql`cf.first_order_at`, audience.timezone);
  const rows = await queryRows<{
    cohort: string;
    eligible: number;
    repeaters: number;
    customers: number;
    repeat_orders: number;
  }>(
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
  );
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
