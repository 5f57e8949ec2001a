import { sql } from "drizzle-orm";
import type { SegmentNode } from "@boomerang/domain/segments";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";
import { compileSegmentWhere } from "./compile-segment";

const WEEK_MS = 7 * 86_400_000;

export type SizeTrendPoint = { at: Date; members: number };

/** The week ends the trend reads: `now` and every seventh day before it, oldest first. */
export function trendWeekEnds(now: Date, weeks: number): Date[] {
  return Array.from(
    { length: weeks },
    (_, i) => new Date(now.getTime() - (weeks - 1 - i) * WEEK_MS),
  );
}

/**
 * The segment's size at each of the last `weeks` week ends: the rule tree compiled with `now` set to
 * that week end, counted over the customers who had signed up by then, all in one statement (one
 * round trip). Order windows, enrollments and the points ledger are read as of each week end;
 * figures kept in customer_features (all-time totals, last order, RFM scores, predictions) are the
 * current ones, so a past week reflects today's scores.
 */
export async function segmentSizeTrend(
  db: Database,
  rules: SegmentNode,
  scope: { now: Date; storeId?: number | null; weeks?: number },
): Promise<SizeTrendPoint[]> {
  const ends = trendWeekEnds(scope.now, scope.weeks ?? 12);
  const store = scope.storeId == null ? sql`true` : sql`c.home_store_id = ${scope.storeId}::int`;
  const counts = ends.map(
    (at) =>
      sql`(select count(*)::int from customers c left join customer_features cf on cf.customer_id = c.id
        where ${store} and c.signed_up_at <= ${instant(at)} and (${compileSegmentWhere(rules, { now: at })}))`,
  );
  const [row] = await queryRows<{ counts: number[] }>(
    db,
    sql`select array[${sql.join(counts, sql`, `)}]::int[] as counts`,
  );
  const values = row?.counts ?? [];
  return ends.map((at, i) => ({ at, members: Number(values[i] ?? 0) }));
}
