import { describe, expect, it } from "vitest";
import { evaluateSegment, explainSegment } from "./evaluate";
import { segmentRules, type SegmentNode } from "./rule-tree";
import type { CustomerSummary } from "./summary";
import { segmentTemplates } from "./templates";

const now = new Date("2025-06-15T12:00:00Z");
const day = (n: number) => new Date(now.getTime() - n * 86_400_000);

const customer = (over: Partial<CustomerSummary> = {}): CustomerSummary => ({
  id: 1,
  birthDate: "1990-06-16",
  gender: "female",
  city: "Milano",
  region: "Lombardia",
  homeStoreId: 1,
  preferredChannel: "email",
  consent: { email: true, sms: false, messenger: false, push: false },
  signedUpAt: day(400),
  orders: [
    { placedAt: day(200), total: 3000, items: [{ sku: "A1", category: "shoes" }] },
    { placedAt: day(10), total: 1000, items: [{ sku: "B2", category: "bags" }] },
  ],
  events: [{ type: "cart_abandoned", occurredAt: day(3) }],
  rfm: { recency: 5, frequency: 3, monetary: 4, group: "potential_loyalists" },
  prediction: null,
  ...over,
});

describe("evaluateSegment", () => {
  it("counts age in whole years as of now's day: a birthday tomorrow is not yet a year older", () => {
    expect(evaluateSegment({ kind: "age", range: { min: 34, max: 34 } }, customer(), now)).toBe(
      true,
    );
    expect(evaluateSegment({ kind: "age", range: { min: 35 } }, customer(), now)).toBe(false);
  });

  it("counts behaviour only inside the window", () => {
    const last30: SegmentNode = {
      kind: "ordersCount",
      window: { kind: "lastDays", days: 30 },
      range: { min: 2 },
    };
    const ever: SegmentNode = {
      kind: "ordersCount",
      window: { kind: "allTime" },
      range: { min: 2 },
    };
    expect(evaluateSegment(last30, customer(), now)).toBe(false);
    expect(evaluateSegment(ever, customer(), now)).toBe(true);
    expect(
      evaluateSegment(
        { kind: "averageOrderValue", window: { kind: "allTime" }, range: { min: 2000, max: 2000 } },
        customer(),
        now,
      ),
    ).toBe(true);
  });

  it("combines AND, OR and NOT, with an empty AND matching everyone and an empty OR no one", () => {
    const tree: SegmentNode = {
      kind: "and",
      children: [
        { kind: "city", values: ["Milano"] },
        {
          kind: "not",
          child: {
            kind: "boughtCategory",
            categories: ["bags"],
            window: { kind: "lastDays", days: 5 },
            bought: true,
          },
        },
        {
          kind: "or",
          children: [
            { kind: "consent", channel: "sms" },
            {
              kind: "event",
              event: "cart_abandoned",
              window: { kind: "lastDays", days: 7 },
              atLeast: 1,
            },
          ],
        },
      ],
    };
    expect(evaluateSegment(tree, customer(), now)).toBe(true);
    expect(evaluateSegment(tree, customer({ city: "Roma" }), now)).toBe(false);
    expect(evaluateSegment({ kind: "and", children: [] }, customer(), now)).toBe(true);
    expect(evaluateSegment({ kind: "or", children: [] }, customer(), now)).toBe(false);
  });

  it("never matches RFM conditions for a customer who was not scored, but NOT of them does", () => {
    const champions: SegmentNode = { kind: "rfmGroup", groups: ["champions"] };
    expect(evaluateSegment(champions, customer({ rfm: null }), now)).toBe(false);
    expect(evaluateSegment({ kind: "not", child: champions }, customer({ rfm: null }), now)).toBe(
      true,
    );
  });

  it("explains which conditions held and what the customer's figures were", () => {
    const why = explainSegment(
      {
        kind: "and",
        children: [
          { kind: "daysSinceLastOrder", range: { max: 30 } },
          { kind: "gender", values: ["male"] },
        ],
      },
      customer(),
      now,
    );
    expect(why.holds).toBe(false);
    expect(why.children.map((c) => [c.holds, c.observed])).toEqual([
      [true, "last order 10 days ago"],
      [false, "female"],
    ]);
  });
});

describe("segmentRules", () => {
  it("accepts every template", () => {
    for (const t of segmentTemplates)
      expect(segmentRules.safeParse(t.rules).success, t.id).toBe(true);
  });

  it("refuses inverted ranges, unknown kinds and windows that end before they start", () => {
    expect(segmentRules.safeParse({ kind: "age", range: { min: 40, max: 30 } }).success).toBe(
      false,
    );
    expect(segmentRules.safeParse({ kind: "shoeSize", range: { min: 40 } }).success).toBe(false);
    const backwards = { kind: "between", from: "2025-02-01T00:00:00Z", to: "2025-01-01T00:00:00Z" };
    expect(
      segmentRules.safeParse({ kind: "ordersCount", window: backwards, range: { min: 1 } }).success,
    ).toBe(false);
  });

  it("refuses trees nested deeper than the limit", () => {
    let node: SegmentNode = { kind: "consent", channel: "email" };
    for (let i = 0; i < 9; i++) node = { kind: "not", child: node };
    expect(segmentRules.safeParse(node).success).toBe(false);
  });
});
