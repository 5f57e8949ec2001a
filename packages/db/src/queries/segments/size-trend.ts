import { sql, type SQL } from "drizzle-orm";
import {
  isGroup,
  isNot,
  type SegmentCondition,
  type SegmentNode,
} from "@boomerang/domain/segments";
import type { Database } from "../../client";
import { instant, queryRows } from "../rows";
import { compileSegmentWhere } from "./compile-segment";

const WEEK_MS = 7 * 86_400_000;

export type SizeTrendPoint = { at: Date; members: number };

/**
 * How the week ends are counted: `perWeek`, one scalar count per week end (each can use its own
 * plan: an index-only slice, a semi-join); `onePass`, one scan of customers ⟕ customer_features
 * with a `count(*) filter (…)` per week end.
 */
export type SizeTrendForm = "perWeek" | "onePass";

/**
 * Whether every condition of the tree is a column of customers or customer_features (attributes,
 * scores, predictions, recency, all-time totals): no subquery, so one scan answers all twelve week
 * ends. Dated windows, categories, SKUs, events and programs are subqueries per customer, which in
 * one pass run for every customer and week (1M × 12 probes) instead of each week's own plan.
 */
export function trendForm(node: SegmentNode): SizeTrendForm {
  return readsRowOnly(node) ? "onePass" : "perWeek";
}

function readsRowOnly(node: SegmentNode): boolean {
  if (isGroup(node)) return node.children.every(readsRowOnly);
  if (isNot(node)) return readsRowOnly(node.child);
  return conditionReadsRowOnly(node);
}

function conditionReadsRowOnly(c: SegmentCondition): boolean {
  switch (c.kind) {
    case "age":
    case "gender":
    case "city":
    case "region":
    case "homeStore":
    case "preferredChannel":
    case "consent":
    case "signedUpBefore":
    case "signedUpAfter":
    case "signedUpWithin":
    case "rfmGroup":
    case "rfmScore":
    case "probabilityActive":
    case "expectedRevenue12m":
    case "daysSinceLastOrder":
    case "firstOrderIn":
      return true;
    case "ordersCount":
    case "totalSpent":
    case "averageOrderValue":
      return c.window.kind === "allTime";
    default:
      return false;
  }
}

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
 * current ones, so a past week reflects today's scores. The form (`trendForm`) follows the tree;
 * `form` overrides it (tests, bench).
 */
export async function segmentSizeTrend(
  db: Database,
  rules: SegmentNode,
  scope: { now: Date; storeId?: number | null; weeks?: number; form?: SizeTrendForm },
): Promise<SizeTrendPoint[]> {
  const ends = trendWeekEnds(scope.now, scope.weeks ?? 12);
  const store = scope.storeId == null ? sql`true` : sql`c.home_store_id = ${scope.storeId}::int`;
  const member = (at: Date): SQL =>
    sql`c.signed_up_at <= ${instant(at)} and (${compileSegmentWhere(rules, { now: at })})`;
  const form = scope.form ?? trendForm(rules);
  const from = sql`customers c left join customer_features cf on cf.customer_id = c.id`;
  const statement =
    form === "onePass"
      ? sql`select array[${sql.join(
          ends.map((at) => sql`count(*) filter (where ${member(at)})`),
          sql`, `,
        )}]::int[] as counts from ${from} where ${store}`
      : sql`select array[${sql.join(
          ends.map(
            (at) => sql`(select count(*)::int from ${from} where ${store} and ${member(at)})`,
          ),
          sql`, `,
        )}]::int[] as counts`;
  const [row] = await queryRows<{ counts: number[] }>(db, statement);
  const values = row?.counts ?? [];
  return ends.map((at, i) => ({ at, members: Number(values[i] ?? 0) }));
}
