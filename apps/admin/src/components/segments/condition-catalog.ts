import type { ConditionKind, SegmentCondition } from "@boomerang/domain/segments";

export type CatalogEntry = {
  kind: ConditionKind;
  label: string;
  family: string;
  make: () => SegmentCondition;
};

const last90 = { kind: "lastDays" as const, days: 90 };

/** What the "Add condition" menu offers, with a sensible starting value for each. */
export const conditionCatalog: CatalogEntry[] = [
  {
    kind: "age",
    label: "Age",
    family: "Customer",
    make: () => ({ kind: "age", range: { min: 18, max: 29 } }),
  },
  {
    kind: "gender",
    label: "Gender",
    family: "Customer",
    make: () => ({ kind: "gender", values: ["female"] }),
  },
  { kind: "city", label: "City", family: "Customer", make: () => ({ kind: "city", values: [] }) },
  {
    kind: "region",
    label: "Region",
    family: "Customer",
    make: () => ({ kind: "region", values: [] }),
  },
  {
    kind: "homeStore",
    label: "Home store",
    family: "Customer",
    make: () => ({ kind: "homeStore", storeIds: [] }),
  },
  {
    kind: "preferredChannel",
    label: "Preferred channel",
    family: "Customer",
    make: () => ({ kind: "preferredChannel", values: ["email"] }),
  },
  {
    kind: "consent",
    label: "Consent for a channel",
    family: "Customer",
    make: () => ({ kind: "consent", channel: "email" }),
  },
  {
    kind: "signedUpWithin",
    label: "Signed up in the last N days",
    family: "Customer",
    make: () => ({ kind: "signedUpWithin", days: 30 }),
  },
  {
    kind: "signedUpBefore",
    label: "Signed up before",
    family: "Customer",
    make: () => ({ kind: "signedUpBefore", at: "2025-01-01T00:00:00.000Z" }),
  },
  {
    kind: "signedUpAfter",
    label: "Signed up on or after",
    family: "Customer",
    make: () => ({ kind: "signedUpAfter", at: "2025-01-01T00:00:00.000Z" }),
  },
  {
    kind: "ordersCount",
    label: "Number of orders",
    family: "Behaviour",
    make: () => ({ kind: "ordersCount", window: { kind: "allTime" }, range: { min: 2 } }),
  },
  {
    kind: "totalSpent",
    label: "Total spent",
    family: "Behaviour",
    make: () => ({ kind: "totalSpent", window: { kind: "allTime" }, range: { min: 10000 } }),
  },
  {
    kind: "averageOrderValue",
    label: "Average order value",
    family: "Behaviour",
    make: () => ({ kind: "averageOrderValue", window: { kind: "allTime" }, range: { min: 5000 } }),
  },
  {
    kind: "daysSinceLastOrder",
    label: "Days since last order",
    family: "Behaviour",
    make: () => ({ kind: "daysSinceLastOrder", range: { min: 90 } }),
  },
  {
    kind: "firstOrderIn",
    label: "First order within",
    family: "Behaviour",
    make: () => ({ kind: "firstOrderIn", window: last90 }),
  },
  {
    kind: "boughtCategory",
    label: "Bought / did not buy in category",
    family: "Behaviour",
    make: () => ({ kind: "boughtCategory", categories: [], window: last90, bought: true }),
  },
  {
    kind: "boughtSku",
    label: "Bought a SKU",
    family: "Behaviour",
    make: () => ({ kind: "boughtSku", skus: [], window: last90 }),
  },
  {
    kind: "visitedWithoutBuying",
    label: "Visited without buying",
    family: "Behaviour",
    make: () => ({ kind: "visitedWithoutBuying", window: { kind: "lastDays", days: 30 } }),
  },
  {
    kind: "event",
    label: "Abandoned a cart / opened / clicked a message",
    family: "Behaviour",
    make: () => ({
      kind: "event",
      event: "cart_abandoned",
      window: { kind: "lastDays", days: 7 },
      atLeast: 1,
    }),
  },
  {
    kind: "rfmGroup",
    label: "RFM group",
    family: "RFM",
    make: () => ({ kind: "rfmGroup", groups: ["champions"] }),
  },
  {
    kind: "rfmScore",
    label: "RFM score",
    family: "RFM",
    make: () => ({ kind: "rfmScore", score: "recency", range: { min: 4, max: 5 } }),
  },
  {
    kind: "probabilityActive",
    label: "Probability still active",
    family: "Predicted",
    make: () => ({ kind: "probabilityActive", range: { max: 0.3 } }),
  },
  {
    kind: "expectedRevenue12m",
    label: "Expected 12-month value",
    family: "Predicted",
    make: () => ({ kind: "expectedRevenue12m", range: { min: 10000 } }),
  },
  // programId 0 is no program: the builder asks for one before the tree is valid.
  {
    kind: "programEnrollment",
    label: "Member / control group of a program",
    family: "Programs",
    make: () => ({ kind: "programEnrollment", programId: 0, group: "members" }),
  },
  {
    kind: "programTier",
    label: "Tier in a program",
    family: "Programs",
    make: () => ({ kind: "programTier", programId: 0, tiers: [] }),
  },
  {
    kind: "pointsBalance",
    label: "Points balance in a program",
    family: "Programs",
    make: () => ({ kind: "pointsBalance", programId: 0, range: { min: 500 } }),
  },
];
