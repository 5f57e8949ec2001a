import { rfmGroupLabels, rfmGroups } from "./rfm-groups";
import type { SegmentNode } from "./rule-tree";

export type SegmentTemplate = { id: string; name: string; description: string; rules: SegmentNode };

const ageBands: SegmentTemplate[] = [
  {
    id: "age-18-29",
    name: "18–30: messengers",
    description: "Young adults; reach them on Telegram or WhatsApp 2–3 times a week.",
    rules: { kind: "and", children: [{ kind: "age", range: { min: 18, max: 29 } }] },
  },
  {
    id: "age-30-44",
    name: "30–45: email",
    description: "Reach them by email once a week.",
    rules: { kind: "and", children: [{ kind: "age", range: { min: 30, max: 44 } }] },
  },
  {
    id: "age-45-plus",
    name: "45+: SMS",
    description: "Reach them by SMS once or twice a month.",
    rules: { kind: "and", children: [{ kind: "age", range: { min: 45 } }] },
  },
];

const rfm: SegmentTemplate[] = rfmGroups.map((group) => ({
  id: `rfm-${group}`,
  name: `RFM: ${rfmGroupLabels[group]}`,
  description: `Customers whose RFM scores place them in "${rfmGroupLabels[group]}".`,
  rules: { kind: "and", children: [{ kind: "rfmGroup", groups: [group] }] },
}));

const behaviour: SegmentTemplate[] = [
  {
    id: "bought-once-not-again-90",
    name: "Bought once, not again in 90 days",
    description: "A single order, placed more than 90 days ago: the second purchase never came.",
    rules: {
      kind: "and",
      children: [
        { kind: "ordersCount", window: { kind: "allTime" }, range: { min: 1, max: 1 } },
        { kind: "daysSinceLastOrder", range: { min: 90 } },
      ],
    },
  },
  {
    id: "abandoned-cart-7",
    name: "Abandoned a cart in the last 7 days",
    description: "About 20% come back after a reminder.",
    rules: {
      kind: "and",
      children: [
        {
          kind: "event",
          event: "cart_abandoned",
          window: { kind: "lastDays", days: 7 },
          atLeast: 1,
        },
      ],
    },
  },
  {
    id: "lapsed-regulars",
    name: "Lapsed regulars",
    description: "Five or more orders in total, but none in the last 90 days.",
    rules: {
      kind: "and",
      children: [
        { kind: "ordersCount", window: { kind: "allTime" }, range: { min: 5 } },
        { kind: "daysSinceLastOrder", range: { min: 90 } },
      ],
    },
  },
];

/** Starting points offered by the builder. */
export const segmentTemplates: SegmentTemplate[] = [...ageBands, ...rfm, ...behaviour];
