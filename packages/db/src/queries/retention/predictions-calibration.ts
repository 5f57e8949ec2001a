import { sql } from "drizzle-orm";
import type { CalibrationCustomer } from "@boomerang/domain/metrics";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";

export type CalibrationRow = CalibrationCustomer & { customerId: number };

/**
 * The calibration/holdout summary of every customer who bought before `holdoutStart`, in one pass
 * over customer_features: repeat purchases x (distinct purchase days after the first), the week of
 * the last of them tx and the age T, all as of the end of calibration (the day before holdoutStart),
 * and the distinct days of the holdout period [holdoutStart, holdoutEnd) on which they bought,
 * counted from holdoutStart. Days are local calendar days in the business's time zone.
 */
export async function calibrationSummaries(
  db: Database,
  holdoutStart: Date,
  holdoutEnd: Date,
  timezone: string,
): Promise<CalibrationRow[]> {
  const rows = await queryRows<{
    customer_id: number;
    x: number;
    tx: number;
    t: number;
    holdout_days: number[] | string;
  }>(
    db,
    sql`
      with c as (
        select cf.customer_id, cf.order_days,
               ((${instant(holdoutStart)} at time zone ${timezone})::date
                 - (cf.first_order_at at time zone ${timezone})::date) as cut,
               ((${instant(holdoutEnd)} at time zone ${timezone})::date
                 - (cf.first_order_at at time zone ${timezone})::date) as stop
        from customer_features cf
        where cf.first_order_at is not null and cf.first_order_at < ${instant(holdoutStart)}
      )
      select c.customer_id,
             (select count(distinct d) from unnest(c.order_days) d where d < c.cut)::int - 1 as x,
             coalesce((select max(d) from unnest(c.order_days) d where d < c.cut), 0) / 7.0::float8 as tx,
             c.cut / 7.0::float8 as t,
             coalesce((select array_agg(distinct d - c.cut) from unnest(c.order_days) d
                        where d >= c.cut and d < c.stop), '{}'::int[]) as holdout_days
      from c
      where c.cut > 0
      order by c.customer_id
    `,
  );
  return rows.map((r) => ({
    customerId: r.customer_id,
    x: Math.max(0, r.x),
    tx: Number(r.tx),
    T: Number(r.t),
    holdoutDays: parseIntArray(r.holdout_days),
  }));
}

/** int[] arrives as an array from postgres.js and PGlite alike, but as "{1,2}" text from some paths. */
function parseIntArray(value: number[] | string): number[] {
  if (Array.isArray(value)) return value.map(Number);
  const inner = value.replace(/^\{|\}$/g, "");
  return inner === "" ? [] : inner.split(",").map(Number);
}
