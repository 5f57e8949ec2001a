import { sql, type SQL } from "drizzle-orm";
import type { ActivityCondition, ActivityWindow } from "@boomerang/domain/segments";
import { inWindowSql, neverNull, textArray, type ConditionCompilers } from "../compile-context";

function boughtWhere(filter: SQL, window: ActivityWindow, now: Date): SQL {
  return neverNull(sql`exists (select 1 from orders o join order_items i on i.order_id = o.id
    where o.customer_id = c.id and ${filter} and ${inWindowSql(sql`o.placed_at`, window, now)})`);
}

const eventsIn = (type: string, window: ActivityWindow, now: Date): SQL =>
  sql`(select count(*) from customer_events e where e.customer_id = c.id and e.type = ${type}
    and ${inWindowSql(sql`e.occurred_at`, window, now)})`;

export const activityCompilers: ConditionCompilers<ActivityCondition> = {
  boughtCategory: (c, { now }) => {
    // Ever-bought categories are kept on customer_features; windows read the order lines.
    const bought =
      c.window.kind === "allTime"
        ? sql`coalesce(cf.categories && ${textArray(c.categories)}, false)`
        : boughtWhere(sql`i.category = any(${textArray(c.categories)})`, c.window, now);
    if (c.bought) return bought;
    return c.window.kind === "allTime" ? sql`not ${bought}` : neverNull(sql`not ${bought}`);
  },
  boughtSku: (c, { now }) => boughtWhere(sql`i.sku = any(${textArray(c.skus)})`, c.window, now),
  visitedWithoutBuying: (c, { now }) =>
    sql`${eventsIn("visit", c.window, now)} > 0 and not exists (select 1 from orders o where o.customer_id = c.id
      and ${inWindowSql(sql`o.placed_at`, c.window, now)})`,
  event: (c, { now }) => sql`${eventsIn(c.event, c.window, now)} >= ${c.atLeast}::int`,
};
