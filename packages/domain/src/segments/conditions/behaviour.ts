import { z } from "zod";
import type { CustomerSummary } from "../summary";
import {
  activityWindow,
  describeRange,
  describeWindow,
  inRange,
  inWindow,
  numberRange,
  windowBounds,
  type ActivityWindow,
} from "../window";
import type { ConditionFamily } from "./family";

const DAY_MS = 86_400_000;

/** Order figures over a window. Money is in minor units. */
export const behaviourCondition = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ordersCount"), window: activityWindow, range: numberRange }),
  z.object({ kind: z.literal("totalSpent"), window: activityWindow, range: numberRange }),
  z.object({ kind: z.literal("averageOrderValue"), window: activityWindow, range: numberRange }),
  z.object({ kind: z.literal("daysSinceLastOrder"), range: numberRange }),
  z.object({ kind: z.literal("firstOrderIn"), window: activityWindow }),
]);
export type BehaviourCondition = z.infer<typeof behaviourCondition>;

export const ordersIn = (s: CustomerSummary, window: ActivityWindow, now: Date) => {
  const bounds = windowBounds(window, now);
  return s.orders.filter((o) => inWindow(o.placedAt, bounds));
};

const spent = (orders: CustomerSummary["orders"]) => orders.reduce((sum, o) => sum + o.total, 0);

function lastOrderAt(s: CustomerSummary): Date | null {
  let last: Date | null = null;
  for (const o of s.orders) if (last === null || o.placedAt > last) last = o.placedAt;
  return last;
}

function firstOrderAt(s: CustomerSummary): Date | null {
  let first: Date | null = null;
  for (const o of s.orders) if (first === null || o.placedAt < first) first = o.placedAt;
  return first;
}

export const daysSince = (at: Date, now: Date) =>
  Math.floor((now.getTime() - at.getTime()) / DAY_MS);

/** The average check compared without division, exactly as the SQL does: min·n ≤ Σ ≤ max·n. */
function averageInRange(
  orders: CustomerSummary["orders"],
  range: z.infer<typeof numberRange>,
): boolean {
  const n = orders.length;
  if (n === 0) return false;
  const total = spent(orders);
  return (
    (range.min === undefined || total >= range.min * n) &&
    (range.max === undefined || total <= range.max * n)
  );
}

export const behaviourFamily: ConditionFamily<BehaviourCondition> = {
  kinds: ["ordersCount", "totalSpent", "averageOrderValue", "daysSinceLastOrder", "firstOrderIn"],
  evaluate(c, s, now) {
    switch (c.kind) {
      case "ordersCount":
        return inRange(ordersIn(s, c.window, now).length, c.range);
      case "totalSpent":
        return inRange(spent(ordersIn(s, c.window, now)), c.range);
      case "averageOrderValue":
        return averageInRange(ordersIn(s, c.window, now), c.range);
      case "daysSinceLastOrder": {
        const last = lastOrderAt(s);
        return last !== null && inRange(daysSince(last, now), c.range);
      }
      case "firstOrderIn": {
        const first = firstOrderAt(s);
        return first !== null && inWindow(first, windowBounds(c.window, now));
      }
    }
  },
  describe(c) {
    switch (c.kind) {
      case "ordersCount":
        return `Orders ${describeWindow(c.window)}: ${describeRange(c.range)}`;
      case "totalSpent":
        return `Spent ${describeWindow(c.window)}: ${describeRange(c.range)} (minor units)`;
      case "averageOrderValue":
        return `Average order ${describeWindow(c.window)}: ${describeRange(c.range)} (minor units)`;
      case "daysSinceLastOrder":
        return `Days since last order: ${describeRange(c.range)}`;
      case "firstOrderIn":
        return `First order ${describeWindow(c.window)}`;
    }
  },
  observe(c, s, now) {
    switch (c.kind) {
      case "ordersCount":
        return `${ordersIn(s, c.window, now).length} orders`;
      case "totalSpent":
        return `spent ${spent(ordersIn(s, c.window, now))}`;
      case "averageOrderValue": {
        const orders = ordersIn(s, c.window, now);
        return orders.length === 0
          ? "no orders"
          : `average order ${Math.round(spent(orders) / orders.length)}`;
      }
      case "daysSinceLastOrder": {
        const last = lastOrderAt(s);
        return last === null ? "never ordered" : `last order ${daysSince(last, now)} days ago`;
      }
      case "firstOrderIn": {
        const first = firstOrderAt(s);
        return first === null ? "never ordered" : `first order ${first.toISOString().slice(0, 10)}`;
      }
    }
  },
};
