import { z } from "zod";
import { customerEventTypes } from "../summary";
import { activityWindow, describeWindow, inWindow, windowBounds } from "../window";
import { ordersIn } from "./behaviour";
import type { ConditionFamily } from "./family";

const names = z.array(z.string().trim().min(1)).min(1, "Pick at least one value");

/** What was bought, and what the customer did on the site, in the stores and with our messages. */
export const activityCondition = z.discriminatedUnion("kind", [
  /** bought: false is "did not buy in any of these categories". */
  z.object({
    kind: z.literal("boughtCategory"),
    categories: names,
    window: activityWindow,
    bought: z.boolean(),
  }),
  z.object({ kind: z.literal("boughtSku"), skus: names, window: activityWindow }),
  z.object({ kind: z.literal("visitedWithoutBuying"), window: activityWindow }),
  z.object({
    kind: z.literal("event"),
    event: z.enum(customerEventTypes),
    window: activityWindow,
    atLeast: z.int().min(1).max(10_000),
  }),
]);
export type ActivityCondition = z.infer<typeof activityCondition>;

const eventLabels: Record<(typeof customerEventTypes)[number], string> = {
  visit: "Visited",
  product_viewed: "Viewed a product",
  cart_abandoned: "Abandoned a cart",
  message_sent: "Was sent a message",
  message_opened: "Opened a message",
  message_clicked: "Clicked a message",
  review: "Wrote a review",
  referral: "Referred someone",
};

export const activityFamily: ConditionFamily<ActivityCondition> = {
  kinds: ["boughtCategory", "boughtSku", "visitedWithoutBuying", "event"],
  evaluate(c, s, now) {
    switch (c.kind) {
      case "boughtCategory": {
        const any = ordersIn(s, c.window, now).some((o) =>
          o.items.some((i) => c.categories.includes(i.category)),
        );
        return any === c.bought;
      }
      case "boughtSku":
        return ordersIn(s, c.window, now).some((o) => o.items.some((i) => c.skus.includes(i.sku)));
      case "visitedWithoutBuying": {
        const bounds = windowBounds(c.window, now);
        const visited = s.events.some((e) => e.type === "visit" && inWindow(e.occurredAt, bounds));
        return visited && ordersIn(s, c.window, now).length === 0;
      }
      case "event": {
        const bounds = windowBounds(c.window, now);
        return (
          s.events.filter((e) => e.type === c.event && inWindow(e.occurredAt, bounds)).length >=
          c.atLeast
        );
      }
    }
  },
  describe(c) {
    switch (c.kind) {
      case "boughtCategory":
        return `${c.bought ? "Bought" : "Did not buy"} in ${c.categories.join(", ")} ${describeWindow(c.window)}`;
      case "boughtSku":
        return `Bought ${c.skus.join(", ")} ${describeWindow(c.window)}`;
      case "visitedWithoutBuying":
        return `Visited without buying ${describeWindow(c.window)}`;
      case "event":
        return `${eventLabels[c.event]} ${c.atLeast > 1 ? `at least ${c.atLeast} times ` : ""}${describeWindow(c.window)}`;
    }
  },
  observe(c, s, now) {
    switch (c.kind) {
      case "boughtCategory": {
        const bought = new Set(
          ordersIn(s, c.window, now).flatMap((o) => o.items.map((i) => i.category)),
        );
        return bought.size === 0
          ? "no purchases in the window"
          : `bought in ${[...bought].sort().join(", ")}`;
      }
      case "boughtSku":
        return `${ordersIn(s, c.window, now).length} orders in the window`;
      case "visitedWithoutBuying":
      case "event": {
        const bounds = windowBounds(c.window, now);
        const type = c.kind === "event" ? c.event : "visit";
        const n = s.events.filter((e) => e.type === type && inWindow(e.occurredAt, bounds)).length;
        return `${n} ${type.replace("_", " ")} event(s)`;
      }
    }
  },
};
