import { sql, type SQL } from "drizzle-orm";
import {
  windowBounds,
  type ActivityCondition,
  type ActivityWindow,
} from "@boomerang/domain/segments";
import { instant } from "../../rows";
import {
  inWindowSql,
  neverNull,
  textArray,
  windowGroupSql,
  type ConditionCompilers,
} from "../compile-context";

/**
 * Whether the customer bought in one of the categories within a dated window, from
 * customer_categories (first and last purchase per category) instead of their order lines: the
 * first or last purchase inside the window says yes; the last before it or the first after it says
 * no; only for a customer who bought the category both before and after the window (never for a
 * window ending now) are the purchase instants searched. Correlated on `c.id`, so PostgreSQL may run it as a
 * semi-join over the category's index slice (last purchase on or after the start) or as one
 * primary-key probe per customer when other conditions leave few.
 */
function boughtCategoryInWindow(
  categories: readonly string[],
  window: ActivityWindow,
  now: Date,
): SQL {
  const { from, to } = windowBounds(window, now);
  const start = instant(new Date(from));
  const end = instant(new Date(to));
  // Purchases before t, by bisection of the category's purchase instants.
  const before = (t: SQL) => sql`width_bucket(${t} - interval '1 microsecond', s.placed)`;
  return neverNull(sql`exists (select 1 from customer_categories s
    where s.customer_id = c.id and s.category = any(${textArray(categories)})
      and s.last_at >= ${start} and s.first_at < ${end}
      and (s.first_at >= ${start} or s.last_at < ${end} or ${before(end)} > ${before(start)}))`);
}

function boughtWhere(filter: SQL, window: ActivityWindow, now: Date): SQL {
  return neverNull(sql`exists (select 1 from orders o join order_items i on i.order_id = o.id
    where o.customer_id = c.id and ${filter} and ${inWindowSql(sql`o.placed_at`, window, now)})`);
}

const eventsIn = (type: string, window: ActivityWindow, now: Date): SQL =>
  sql`(select count(*) from customer_events e where e.customer_id = c.id and e.type = ${type}
    and ${inWindowSql(sql`e.occurred_at`, window, now)})`;

export const activityCompilers: ConditionCompilers<ActivityCondition> = {
  boughtCategory: (c, { now }) => {
    // Ever bought: a row of customer_categories (its index slice, or one primary-key probe).
    const bought =
      c.window.kind === "allTime"
        ? neverNull(sql`exists (select 1 from customer_categories s
            where s.customer_id = c.id and s.category = any(${textArray(c.categories)}))`)
        : boughtCategoryInWindow(c.categories, c.window, now);
    return c.bought ? bought : neverNull(sql`not ${bought}`);
  },
  boughtSku: (c, { now }) => boughtWhere(sql`i.sku = any(${textArray(c.skus)})`, c.window, now),
  visitedWithoutBuying: (c, { now }) =>
    sql`${eventsIn("visit", c.window, now)} > 0 and ${windowGroupSql(c.window, now, (w) => sql`${w.count} = 0`, true)}`,
  event: (c, { now }) => sql`${eventsIn(c.event, c.window, now)} >= ${c.atLeast}::int`,
};
